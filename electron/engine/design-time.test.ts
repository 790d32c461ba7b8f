import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DutoError } from '../../shared/diagnostics';
import { bigCsv, csvFilterParquet, freshDir, pipeline, sessionOpener } from './test-support';

const open = sessionOpener();

function ordersCsv(dir: string): void {
  writeFileSync(
    join(dir, 'orders.csv'),
    'id,customer,amount,status,day,big\n1,ann,10.50,paid,2024-01-02,12345678901234567890\n2,bob,3.25,open,2024-01-03,2\n3,cid,7.00,paid,2024-01-04,3\n4,dan,1.00,paid,2024-01-05,4\n',
  );
}

async function rejectionOf(p: Promise<unknown>): Promise<DutoError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof DutoError) return e;
    throw e;
  }
  throw new Error('expected a DutoError');
}

describe('schema and preview', () => {
  it('describes and previews a CSV → filter pipeline with JSON-safe values', async () => {
    const dir = freshDir();
    ordersCsv(dir);
    const types = {
      columnTypes: [
        { column: 'amount', type: 'DECIMAL(10,2)' },
        { column: 'big', type: 'HUGEINT' },
      ],
    };
    const s = await open(csvFilterParquet('orders.csv', "status = 'paid'", 'out.parquet', types), dir);
    const schema = await s.schema('kept');
    expect(schema.columns).toEqual([
      { name: 'id', type: 'BIGINT' },
      { name: 'customer', type: 'VARCHAR' },
      { name: 'amount', type: 'DECIMAL(10,2)' },
      { name: 'status', type: 'VARCHAR' },
      { name: 'day', type: 'DATE' },
      { name: 'big', type: 'HUGEINT' },
    ]);
    const p = await s.preview('kept', 10);
    expect(p.rows).toEqual([
      [1, 'ann', 10.5, 'paid', '2024-01-02', '12345678901234567890'],
      [3, 'cid', 7, 'paid', '2024-01-04', 3],
      [4, 'dan', 1, 'paid', '2024-01-05', 4],
    ]);
    expect(p.more).toBe(false);
    const v = await s.validate();
    expect(v.ok).toBe(true);
    expect(Object.keys(v.schemas)).toEqual(expect.arrayContaining(['orders', 'kept']));
  });

  it('pages with limit, offset and more', async () => {
    const dir = freshDir();
    ordersCsv(dir);
    const s = await open(csvFilterParquet('orders.csv', 'true', 'out.parquet'), dir);
    const first = await s.preview('orders', 2);
    expect(first.rows.map((r) => r[0])).toEqual([1, 2]);
    expect(first.more).toBe(true);
    const last = await s.preview('orders', 2, 2);
    expect(last.rows.map((r) => r[0])).toEqual([3, 4]);
    expect(last.offset).toBe(2);
    expect(last.more).toBe(false);
  });

  it('caps long text and converts timestamps to ISO text', async () => {
    const dir = freshDir();
    writeFileSync(join(dir, 'long.csv'), `t,at\n${'x'.repeat(5000)},2024-01-02 03:04:05\n`);
    const s = await open(pipeline({ id: 'src', type: 'source.csv', params: { path: 'long.csv' } }), dir);
    const p = await s.preview('src', 5);
    expect(String(p.rows[0]?.[0]).length).toBe(2000);
    expect(p.rows[0]?.[1]).toBe('2024-01-02T03:04:05');
  });

  it('previews a ~50 MB CSV by pushing the limit down', async () => {
    const dir = freshDir();
    await bigCsv(join(dir, 'big.csv'), 1_200_000);
    const s = await open(csvFilterParquet('big.csv', 'k = 3', 'out.parquet'), dir);
    const p = await s.preview('kept', 100);
    expect(p.rows).toHaveLength(100);
    expect(p.rows[0]?.[0]).toBe(3);
    expect(p.more).toBe(true);
    // A preview that has to scan everything (no row matches) is cancellable.
    const s2 = await open(csvFilterParquet('big.csv', 'length(md5(md5(h))) = 0', 'out.parquet'), dir);
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 50);
    const err = await rejectionOf(s2.preview('kept', 100, 0, ac.signal));
    expect(err.diagnostics[0]).toMatchObject({ code: 'run.cancelled', nodeId: 'kept' });
  });

  it('writes the whole pipeline as one SQL script', async () => {
    const dir = freshDir();
    ordersCsv(dir);
    const s = await open(csvFilterParquet('orders.csv', "status = 'paid'", 'out.parquet'), dir);
    const sql = await s.sql();
    expect(sql).toMatch(/^-- Duto pipeline/);
    expect(sql).toContain('-- node orders (source.csv)\nCREATE VIEW "orders" AS');
    expect(sql).toContain(
      '-- node kept (transform.filter)\nCREATE VIEW "kept" AS\nSELECT * FROM "orders" WHERE (status = \'paid\');',
    );
    expect(sql).toContain(
      `COPY (SELECT * FROM "kept") TO '${join(dir, 'out.parquet')}' (FORMAT parquet, COMPRESSION 'zstd');`,
    );
  });
});

describe('design-time errors land on the node and param', () => {
  it('an unknown column names the param', async () => {
    const dir = freshDir();
    ordersCsv(dir);
    const s = await open(csvFilterParquet('orders.csv', 'totl > 1', 'out.parquet'), dir);
    const v = await s.validate();
    const d = v.diagnostics.find((x) => x.nodeId === 'kept');
    expect(d).toMatchObject({ severity: 'error', code: 'node.unknown-column', param: 'condition' });
    expect(d?.message).toContain('unknown column "totl"');
    expect(d?.message).not.toMatch(/LINE 1|at .*\.js/);
    // Downstream is skipped, not reported again.
    expect(v.diagnostics.filter((x) => x.nodeId === 'out')).toEqual([]);
    const err = await rejectionOf(s.schema('out'));
    expect(err.diagnostics[0]?.code).toBe('node.upstream-failed');
  });

  it('an expression type error names node and param', async () => {
    const dir = freshDir();
    ordersCsv(dir);
    const s = await open(csvFilterParquet('orders.csv', 'customer + 1 > 2', 'out.parquet'), dir);
    const v = await s.validate();
    expect(v.ok).toBe(false);
    expect(v.diagnostics.find((x) => x.nodeId === 'kept')).toMatchObject({ code: 'node.bind', param: 'condition' });
    const err = await rejectionOf(s.preview('kept', 10));
    expect(err.diagnostics[0]).toMatchObject({ nodeId: 'kept', param: 'condition' });
  });

  it('a missing file names node and param', async () => {
    const dir = freshDir();
    const s = await open(csvFilterParquet('nope.csv', 'true', 'out.parquet'), dir);
    const v = await s.validate();
    const d = v.diagnostics.find((x) => x.nodeId === 'orders');
    expect(d).toMatchObject({ severity: 'error', param: 'path' });
    expect(d?.message).toContain(join(dir, 'nope.csv'));
  });

  it('a glob that matches nothing names node and param', async () => {
    const dir = freshDir();
    const s = await open(csvFilterParquet('in/*.csv', 'true', 'out.parquet'), dir);
    const v = await s.validate();
    expect(v.diagnostics.find((x) => x.nodeId === 'orders')).toMatchObject({ severity: 'error', param: 'path' });
  });
});
