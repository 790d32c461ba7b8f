import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freshDir, pipeline } from '../test-support';
import { analysisOf } from './analysis.test-support';
import { bindViews } from './bind-views';
import { useDetectingViews } from './detecting-views';
import { SourcePins } from './source-pins';

/**
 * CSV sources bind pinned (cheap DESCRIBEs) and are read in their detecting
 * form: the steps hold that form at once, DuckDB's views only once a read
 * asks for the source — so a run whose sources come from the node cache
 * never re-sniffs their files.
 */

/** Whether DuckDB's view of a source reads with the pinned columns (its catalog prints the SQL normalised). */
async function pinned(conn: DuckDBConnection, name: string): Promise<boolean> {
  const r = await conn.runAndReadAll(`SELECT sql FROM duckdb_views() WHERE view_name = '${name}'`);
  return /auto_detect = CAST\('f' AS BOOLEAN\)/.test(String(r.getRowsJson()[0]?.[0] ?? ''));
}

describe('useDetectingViews', () => {
  it('puts the detecting read in place only for the sources asked for, with the same rows', async () => {
    const dir = freshDir();
    writeFileSync(join(dir, 'orders.csv'), 'id,customer,amount\n1,7,10.5\n2,8,3\n3,7,1\n');
    writeFileSync(join(dir, 'customers.csv'), 'customer;country\n7;BR\n8;PT\n');
    const doc = pipeline(
      { id: 'orders', type: 'source.csv', params: { path: 'orders.csv', badRows: 'fail' } },
      { id: 'customers', type: 'source.csv', params: { path: 'customers.csv', badRows: 'fail' } },
      {
        id: 'joined',
        type: 'transform.join',
        inputs: { left: 'orders', right: 'customers' },
        params: { keys: [{ left: 'customer', right: 'customer' }] },
      },
    );
    const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
    const conn = await instance.connect();
    try {
      const plan = await bindViews(analysisOf(dir, doc), conn, new SourcePins(), () => undefined);
      expect(plan.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      expect([...plan.pinnedViews.keys()].sort()).toEqual(['customers', 'orders']);
      const rows = async (): Promise<unknown> =>
        (await conn.runAndReadAll('SELECT * FROM "joined" ORDER BY id')).getRowsJson();
      const pinnedRows = await rows();
      // The step already says how it is read; DuckDB's view is still the pinned one.
      const orders = plan.stepById.get('orders')?.view?.sql ?? '';
      expect(orders).not.toContain('auto_detect=false');
      expect(await pinned(conn, 'orders')).toBe(true);

      await useDetectingViews(conn, plan, ['joined', 'customers']);
      expect([...plan.pinnedViews.keys()]).toEqual(['orders']);
      expect(await pinned(conn, 'customers')).toBe(false);
      expect(await pinned(conn, 'orders')).toBe(true);

      await useDetectingViews(conn, plan);
      expect(plan.pinnedViews.size).toBe(0);
      expect(await pinned(conn, 'orders')).toBe(false);
      expect(await rows()).toEqual(pinnedRows);
      expect(pinnedRows).toEqual([
        ['1', '7', 10.5, 'BR'],
        ['2', '8', 3, 'PT'],
        ['3', '7', 1, 'BR'],
      ]);
    } finally {
      conn.closeSync();
      instance.closeSync();
    }
  });
});
