import { describe, expect, it } from 'vitest';
import { overOrders } from '../../../test/catalog-fixtures';
import { compileOptions, tmpDir } from '../../../test/catalog-kit';
import { pipeline } from '../../../test/pipeline-builder';
import { compilePipeline } from '../../compiler/compile';

describe('transform.derive', () => {
  it('replaces an existing column in place, appends new ones, and chains', async () => {
    const rows = await overOrders(
      'transform.derive',
      {
        columns: [
          { name: 'amount', expression: 'coalesce(amount, 0) * 2' },
          { name: 'big', expression: 'amount > 100 -- doubled already' },
          { name: 'label', expression: ["region || ':' ||", 'CAST(big AS VARCHAR)'] },
        ],
      },
      'id',
    );
    expect(rows.map((r) => Object.keys(r))[0]).toEqual([
      'id',
      'customer_id',
      'region',
      'amount',
      'status',
      'day',
      'big',
      'label',
    ]);
    expect(rows.map((r) => [r['amount'], r['big'], r['label']])).toEqual([
      [200, true, 'north:true'],
      [100, false, 'north:false'],
      [140, true, 'south:true'],
      [0, false, 'south:false'],
      [60, false, 'north:false'],
    ]);
  });
});

describe('nodes that need the input schema', () => {
  it('report "input schema unknown" when compiled without one', () => {
    const dir = tmpDir({ 'a.csv': 'x\n1\n' });
    const doc = pipeline()
      .node('a', 'source.csv', { path: 'a.csv' })
      .node('d', 'transform.derive', { columns: [{ name: 'y', expression: 'x + 1' }] }, { in: 'a' })
      .node('j', 'transform.join', { keys: [{ left: 'x', right: 'x' }] }, { left: 'a', right: 'a' })
      .build();
    const plan = compilePipeline(doc, compileOptions(dir));
    expect(plan.steps.map((s) => s.nodeId)).toEqual(['a']);
    expect(plan.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.nodeId}: ${d.message}`)).toEqual([
      'd: input schema unknown',
      'j: input "left" schema unknown',
    ]);
  });
});
