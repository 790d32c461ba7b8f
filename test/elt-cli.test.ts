import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  myDatabase,
  myQuery,
  pgQuery,
  pgSchema,
  testConnectionsFile,
} from '../electron/engine/connectors/test-databases';
import { duto, dutoAwait, requireBuiltCli, tmp } from './support';

/**
 * ELT from the command line: `duto run` has the database write a pushed part
 * into a table of the same connection (the part's rows never reach the CLI),
 * a kill before the COMMIT leaves the target as it was, a restricted
 * pipeline is refused as before, and `duto sql --target` prints the SQL each
 * part runs in its database before the DuckDB script of the rest.
 */

let dir = '';
let pg: { name: string; drop: () => Promise<void> };
let my: { name: string; drop: () => Promise<void> };

beforeAll(async () => {
  requireBuiltCli();
  dir = tmp('elt-cli');
  pg = await pgSchema();
  await pgQuery(`CREATE TABLE ${pg.name}.orders (id integer, status text, qty integer)`);
  await pgQuery(
    `INSERT INTO ${pg.name}.orders SELECT i, CASE WHEN i % 3 = 0 THEN 'paid' ELSE 'open' END, i % 7 FROM generate_series(1, 90000) i`,
  );
  my = await myDatabase();
  await myQuery(`CREATE TABLE ${my.name}.orders (id int, status varchar(10), qty int) ENGINE=InnoDB`);
  await myQuery(
    `INSERT INTO ${my.name}.orders SELECT seq, IF(seq % 3 = 0, 'paid', 'open'), seq % 7 FROM seq_1_to_9000`,
    [],
    my.name,
  );
  writeFileSync(join(dir, 'c.json'), JSON.stringify(testConnectionsFile(my.name)));
});
afterAll(async () => {
  await pg.drop();
  await my.drop();
});

function pipeline(name: string, target: string): string {
  const file = join(dir, `${name}.duto.json`);
  const doc = {
    format: 'duto.pipeline',
    version: 2,
    nodes: [
      { id: 'src', type: 'source.postgres', params: { connection: 'warehouse', table: `${pg.name}.orders` } },
      { id: 'kept', type: 'transform.filter', inputs: { in: 'src' }, params: { condition: "status = 'paid'" } },
      {
        id: 'out',
        type: 'sink.postgres',
        inputs: { in: 'kept' },
        params: { connection: 'warehouse', schema: pg.name, table: target, mode: 'replace' },
      },
    ],
  };
  writeFileSync(file, JSON.stringify(doc, null, 2));
  return file;
}

const conns = (): string[] => ['--connections', join(dir, 'c.json')];
const count = async (table: string): Promise<unknown> =>
  (await pgQuery(`SELECT count(*)::int FROM ${pg.name}.${table}`))[0]?.[0];

describe('ELT in duto run, explain and sql --target', () => {
  it('duto run writes the part in PostgreSQL: the sink reports its rows, the part none read into DuckDB', async () => {
    const file = pipeline('run', 'paid');
    const r = duto(['run', '--trust', ...conns(), '--json', file], dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout) as {
      nodes: Record<string, { status: string; rows?: number; streamed?: boolean }>;
    };
    expect(result.nodes['out']).toMatchObject({ status: 'done', rows: 30000 });
    expect(result.nodes['kept']).toMatchObject({ status: 'done', rows: 30000, streamed: true });
    expect(await count('paid')).toBe(30000);

    // The same table streamed (--no-pushdown): the source is read into DuckDB (its rows, not streamed).
    const pulled = duto(['run', '--trust', ...conns(), '--json', '--no-pushdown', '--force', file], dir);
    expect(pulled.code).toBe(0);
    const plain = JSON.parse(pulled.stdout) as { nodes: Record<string, { rows?: number; streamed?: boolean }> };
    expect(plain.nodes['src']).toMatchObject({ rows: 90000 });
    expect(plain.nodes['src']?.streamed).toBeUndefined();
    expect(await count('paid')).toBe(30000);
  });

  it('a kill before the COMMIT leaves the target as it was', async () => {
    const file = pipeline('killed', 'kept_whole');
    await pgQuery(`CREATE TABLE ${pg.name}.kept_whole (id integer, status text, qty integer)`);
    await pgQuery(`INSERT INTO ${pg.name}.kept_whole VALUES (1, 'before', 1)`);
    const killed = await dutoAwait(['run', '--trust', ...conns(), file], dir, { DUTO_FAILPOINTS: 'commit.before' });
    expect(killed.code).not.toBe(0);
    expect(await pgQuery(`SELECT * FROM ${pg.name}.kept_whole`)).toEqual([[1, 'before', 1]]);
  });

  it('MariaDB: a kill before the COMMIT leaves the target as it was; the next run sweeps the staging table and loads', async () => {
    const file = join(dir, 'my.duto.json');
    const nodes = [
      { id: 'src', type: 'source.mysql', params: { connection: 'shop', table: 'orders' } },
      { id: 'kept', type: 'transform.filter', inputs: { in: 'src' }, params: { condition: "status = 'paid'" } },
      {
        id: 'out',
        type: 'sink.mysql',
        inputs: { in: 'kept' },
        params: { connection: 'shop', table: 'paid', mode: 'replace' },
      },
    ];
    writeFileSync(file, JSON.stringify({ format: 'duto.pipeline', version: 2, nodes }));
    await myQuery(`CREATE TABLE ${my.name}.paid (id int, status varchar(10), qty int)`);
    await myQuery(`INSERT INTO ${my.name}.paid VALUES (1, 'before', 1)`);
    const killed = await dutoAwait(['run', '--trust', ...conns(), file], dir, { DUTO_FAILPOINTS: 'commit.before' });
    expect(killed.code).not.toBe(0);
    expect(await myQuery(`SELECT * FROM ${my.name}.paid`)).toEqual([[1, 'before', 1]]);
    const again = duto(['run', '--trust', ...conns(), '--json', file], dir);
    expect(again.code).toBe(0);
    expect(
      (JSON.parse(again.stdout) as { nodes: Record<string, { rows?: number; streamed?: boolean }> }).nodes['kept'],
    ).toMatchObject({ rows: 3000, streamed: true });
    expect(await myQuery(`SELECT count(*) FROM ${my.name}.paid`)).toEqual([['3000']]);
    expect(
      await myQuery(
        `SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME LIKE '\\_\\_duto%'`,
        [my.name],
      ),
    ).toEqual([]);
  });

  it('a restricted pipeline is refused as before and writes nothing', async () => {
    const file = pipeline('restricted', 'never');
    // A trust store of its own, that trusts nothing.
    const r = duto(['run', ...conns(), file], dir, { XDG_CONFIG_HOME: tmp('elt-no-trust') });
    expect(r.code).not.toBe(0);
    expect(await pgQuery(`SELECT to_regclass('${pg.name}.never')::text`)).toEqual([[null]]);
  });

  it('duto explain and duto sql --target show the part, its SQL and the sink that writes it there', () => {
    const file = pipeline('shown', 'shown');
    const explained = duto(['explain', '--trust', ...conns(), file], dir);
    expect(explained.code).toBe(0);
    expect(explained.stdout).toContain('in PostgreSQL: src → kept → out');
    expect(explained.stdout).toContain(`written there by out: INSERT … SELECT into ${pg.name}.shown (replace)`);

    const sql = duto(['sql', '--target', '--trust', ...conns(), file], dir);
    expect(sql.stderr).toBe('');
    expect(sql.code).toBe(0);
    const [pushed, rest] = sql.stdout.split('-- in DuckDB: the rest of the pipeline');
    expect(pushed).toContain('-- in PostgreSQL: src → kept → out');
    expect(pushed).toMatch(/SELECT .* FROM .*"orders".* WHERE .*'paid'.*;/s);
    expect(pushed).toContain('-- written there by out');
    expect(rest).toBeDefined();
    // Without --target: the plain DuckDB script, as before.
    const plain = duto(['sql', '--trust', ...conns(), file], dir);
    expect(plain.stdout).not.toContain('-- in PostgreSQL');

    const pt = duto(['sql', '--target', '--trust', ...conns(), file], dir, { LC_ALL: 'pt_BR.UTF-8' });
    expect(pt.stdout).toContain('-- em PostgreSQL: src → kept → out');
    expect(pt.stdout).toContain('-- no DuckDB: o resto do pipeline');
    const help = duto(['sql', '--help'], dir, { LC_ALL: 'pt_BR.UTF-8' });
    expect(help.stdout).toContain('mostra antes, para cada parte que roda no próprio');
  });
});
