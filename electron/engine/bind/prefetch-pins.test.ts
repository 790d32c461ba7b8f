import { DuckDBInstance } from '@duckdb/node-api';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileNode } from '../../../shared/compiler/compile';
import { freshDir, pipeline } from '../test-support';
import { analysisOf } from './analysis.test-support';
import { prefetchPins } from './prefetch-pins';
import { SourcePins } from './source-pins';

/**
 * Every CSV source is pinned before binding, side by side: afterwards each
 * source's pin is answered from the cache — even on a connection that can
 * no longer run anything — and it is the pin binding alone would make.
 */
describe('prefetchPins', () => {
  it('pins every CSV source of a pipeline ahead of binding, with the same result as pinning one by one', async () => {
    const dir = freshDir();
    writeFileSync(join(dir, 'orders.csv'), 'id,customer,amount,note\n1,7,10.5,00123\n2,8,3,x\n');
    writeFileSync(join(dir, 'customers.csv'), 'customer;country\n7;BR\n8;PT\n');
    writeFileSync(join(dir, 'extra.csv'), 'k,when\n1,2024-01-02\n');
    const doc = pipeline(
      { id: 'orders', type: 'source.csv', params: { path: 'orders.csv' } },
      { id: 'customers', type: 'source.csv', params: { path: 'customers.csv' } },
      { id: 'extra', type: 'source.csv', params: { path: 'extra.csv' } },
      {
        id: 'joined',
        type: 'transform.join',
        inputs: { left: 'orders', right: 'customers' },
        params: { on: [{ left: 'customer', right: 'customer' }] },
      },
    );
    const analysis = analysisOf(dir, doc);
    const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
    try {
      const ahead = new SourcePins();
      await prefetchPins(analysis, instance, ahead);
      const oneByOne = new SourcePins();
      const live = await instance.connect();
      const closed = await instance.connect();
      closed.closeSync();
      for (const id of ['orders', 'customers', 'extra']) {
        const step = compileNode(analysis, id, () => undefined).step;
        expect(step?.pin, id).toBeDefined();
        if (step === null) continue;
        const cached = await ahead.pin(closed, step);
        expect(cached, id).toBeDefined();
        expect(cached).toEqual(await oneByOne.pin(live, step));
      }
      expect(
        (await ahead.pin(closed, compileNode(analysis, 'orders', () => undefined).step ?? never()))?.columns.map(
          (c) => `${c.name} ${c.type}`,
        ),
      ).toEqual(['id BIGINT', 'customer BIGINT', 'amount DOUBLE', 'note VARCHAR']);
      live.closeSync();
    } finally {
      instance.closeSync();
    }
  });

  it("pins a pipeline's only CSV source too, as binding would: leading zeros stay text", async () => {
    const dir = freshDir();
    // Leading zeros: DuckDB's sniff says BIGINT, Duto's typing keeps text — the two scans must both count.
    writeFileSync(join(dir, 'codes.csv'), 'code,n\n00123,1\n00456,2\n');
    const doc = pipeline({ id: 'codes', type: 'source.csv', params: { path: 'codes.csv' } });
    const analysis = analysisOf(dir, doc);
    const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
    try {
      const ahead = new SourcePins();
      await prefetchPins(analysis, instance, ahead);
      const closed = await instance.connect();
      closed.closeSync();
      const step = compileNode(analysis, 'codes', () => undefined).step ?? never();
      const cached = await ahead.pin(closed, step);
      expect(cached?.columns.map((c) => `${c.name} ${c.type}`)).toEqual(['code VARCHAR', 'n BIGINT']);
      const live = await instance.connect();
      expect(cached).toEqual(await new SourcePins().pin(live, step));
      live.closeSync();
    } finally {
      instance.closeSync();
    }
  });
});

function never(): never {
  throw new Error('no step');
}
