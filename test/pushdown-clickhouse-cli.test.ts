import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  SHARDS,
  SKIP_MESSAGE,
  chDatabase,
  chQuery,
  clusterUp,
} from '../electron/engine/connectors/clickhouse/ch-test-cluster';
import { duto, requireBuiltCli, tmp } from './support';

/**
 * `duto explain` names ClickHouse for the nodes it runs (in English and in
 * Portuguese), and `duto run` pushes them over a Distributed table split
 * across two shards, writing what `--no-pushdown` writes.
 */

const up = await clusterUp();
if (!up) console.warn(SKIP_MESSAGE);

let dir = '';
let db: { name: string; drop: () => Promise<void> };

beforeAll(async () => {
  if (!up) return;
  requireBuiltCli();
  dir = tmp('pushdown-ch-cli');
  db = await chDatabase();
  const local = `${db.name}.orders_local`;
  for (const port of SHARDS)
    await chQuery(
      `CREATE TABLE ${local} (id Int32, status String, amount Decimal(10,2)) ENGINE = MergeTree ORDER BY id`,
      port,
    );
  await chQuery(
    `CREATE TABLE ${db.name}.orders AS ${local} ENGINE = Distributed(duto_2shards, ${db.name}, orders_local)`,
  );
  for (const [s, port] of SHARDS.entries())
    await chQuery(
      `INSERT INTO ${local} SELECT number, ['paid', 'open', 'Paid'][number % 3 + 1], toDecimal64(number, 2) / 4 FROM numbers(300) WHERE number % 2 = ${String(s)}`,
      port,
    );
  const connections = {
    format: 'duto.connections',
    version: 1,
    connections: { lake: { kind: 'clickhouse', host: '127.0.0.1', port: SHARDS[0], database: db.name } },
  };
  writeFileSync(join(dir, 'c.json'), JSON.stringify(connections));
  const doc = {
    format: 'duto.pipeline',
    version: 2,
    nodes: [
      { id: 'src', type: 'source.clickhouse', params: { connection: 'lake', table: 'orders' } },
      { id: 'kept', type: 'transform.filter', inputs: { in: 'src' }, params: { condition: "status = 'paid'" } },
      {
        id: 'sums',
        type: 'transform.aggregate',
        inputs: { in: 'kept' },
        params: {
          groupBy: ['status'],
          measures: [
            { function: 'sum', column: 'amount', as: 'total' },
            { function: 'count', as: 'n' },
          ],
        },
      },
      { id: 'out', type: 'sink.csv', inputs: { in: 'sums' }, params: { path: 'out.csv' } },
    ],
  };
  writeFileSync(join(dir, 'p.duto.json'), JSON.stringify(doc, null, 2));
}, 60_000);
afterAll(async () => {
  if (up) await db.drop();
});

const cli = (args: string[], env: Record<string, string> = {}) =>
  duto([...args, '--trust', '--connections', join(dir, 'c.json'), join(dir, 'p.duto.json')], dir, env);

describe.skipIf(!up)('duto explain and run with ClickHouse', () => {
  it('explain says "in ClickHouse", in English and in Portuguese', () => {
    const en = cli(['explain']);
    expect(en.stderr).toBe('');
    expect(en.stdout).toContain('in ClickHouse: src → kept → sums');
    expect(en.stdout).toContain('in DuckDB: out (no ClickHouse: sink.csv is not pushed to a database yet)');
    const pt = cli(['explain'], { LANG: 'pt_BR.UTF-8' });
    expect(pt.stdout).toContain('em ClickHouse: src → kept → sums');
    expect(pt.stdout).toContain('no DuckDB: out (não em ClickHouse: sink.csv ainda não vai a um banco de dados)');
  });

  it('run pushes the chain and writes what --no-pushdown writes', () => {
    const pushed = cli(['run', '--json']);
    expect(pushed.stderr).toBe('');
    expect(JSON.parse(pushed.stdout)).toMatchObject({ nodes: { src: { streamed: true }, kept: { streamed: true } } });
    const rows = readFileSync(join(dir, 'out.csv'), 'utf8');
    expect(rows.trim().split('\n')).toEqual(['status,total,n', 'paid,3712.50,100']);
    const pulled = cli(['run', '--json', '--no-pushdown', '--force']);
    expect(pulled.stderr).toBe('');
    expect(readFileSync(join(dir, 'out.csv'), 'utf8')).toBe(rows);
  });
});
