import { describe, expect, it } from 'vitest';
import { runOk } from '../../../test/catalog-kit';
import { errorsOverOrders, ordersDir } from '../../../test/catalog-fixtures';
import { pipeline } from '../../../test/pipeline-builder';
import type { JsonValue } from '../../format/json';

/* The engine evaluates the checks when a run reaches the node (electron/engine's quality tests); here: what the node compiles to, on real rows. */

const checked = (params: Record<string, JsonValue>) =>
  pipeline()
    .node('orders', 'source.csv', { path: 'orders.csv' })
    .node('t', 'quality.checks', params, { in: 'orders' })
    .build();

describe('quality.checks', () => {
  it('passes every row through, and its checks find the rows that break them', async () => {
    const r = await runOk(
      checked({
        checks: [
          { rule: 'not_null', column: 'amount' },
          { rule: 'in_set', column: 'status', values: ['paid'], action: 'warn' },
        ],
      }),
      ordersDir,
    );
    expect((await r.rows('t')).map((x) => x['id'])).toEqual([1, 2, 3, 4, 5]);
    const quality = r.steps.find((s) => s.nodeId === 't')?.quality;
    expect(quality?.checks.map((c) => [c.description, c.action])).toEqual([
      ['amount is never empty', 'fail'],
      ['status is one of paid', 'warn'],
    ]);
    const bad = quality?.checks.map((c) => (c.test.kind === 'rows' ? c.test.predicate : ''));
    expect(await r.query(`SELECT id FROM orders r WHERE ${bad?.[0] ?? 'false'}`)).toEqual([{ id: 4 }]);
    expect(await r.query(`SELECT id FROM orders r WHERE ${bad?.[1] ?? 'false'} ORDER BY id`)).toEqual([{ id: 2 }]);
    r.close();
  });

  it('a routed check keeps the failing rows out of its output, on the Failed rows port', async () => {
    const r = await runOk(
      checked({ checks: [{ rule: 'between', column: 'amount', min: '40', max: '', action: 'route' }] }),
      ordersDir,
    );
    // An empty amount is no range violation (a not_null check says that).
    expect((await r.rows('t')).map((x) => x['id'])).toEqual([1, 2, 3, 4]);
    const failed = r.steps.find((s) => s.nodeId === 't')?.ports?.['failed']?.sql ?? '';
    expect((await r.query(`SELECT id FROM (${failed}) ORDER BY id`)).map((x) => x['id'])).toEqual([5]);
    r.close();
  });

  it('names a check without its column, and row counts that contradict', async () => {
    expect(
      await errorsOverOrders('quality.checks', { checks: [{ rule: 'not_null' }], minRows: 5, maxRows: 1 }),
    ).toEqual(['t checks[0].column: pick a column', 't maxRows: at most 1 rows is fewer than at least 5']);
  });
});
