import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import initSqlJs from 'sql.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectionLookup } from '../electron/engine/connections/lookup';
import { stateFileFor } from '../electron/engine/external/incremental-state';
import { openPipeline } from '../electron/engine/index';
import { createHost } from '../electron/host/host';
import {
  myDatabase,
  myQueries,
  myQuery,
  pgQueries,
  pgQuery,
  pgSchema,
  testConnectionsFile,
} from '../electron/engine/connectors/test-databases';
import { BIN, hasNoStack, query, requireBuiltCli, tmp } from './support';

/*
 * Connectors headless, through the built CLI: a pipeline mixing CSV,
 * SQLite, PostgreSQL and MariaDB gives the same result from `duto run` and
 * from the engine API; connections come from the user's connections file and the
 * environment, and the password never shows; incremental loads advance only
 * after a successful run; `duto state reset` starts over.
 */

const SECRET = 'Pa55-w0rd-Z9q-never-printed';
let pgs: { name: string; drop: () => Promise<void> };
let my: { name: string; drop: () => Promise<void> };
let dir = '';

function cli(
  args: readonly string[],
  env: Record<string, string> = {},
): { code: number | null; stdout: string; stderr: string } {
  // These pipelines are the test's own: trusted (restricted mode is tested in test/hostile/).
  const trusted = ['run', 'validate', 'schema', 'preview', 'profile', 'sql', 'docs', 'lineage'].includes(args[0] ?? '')
    ? [args[0] ?? '', '--trust', ...args.slice(1)]
    : args;
  const r = spawnSync(process.execPath, [BIN, ...trusted], {
    cwd: dir,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, DUTO_CONN_WAREHOUSE_PASSWORD: SECRET, XDG_CONFIG_HOME: join(dir, 'config'), ...env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function writePipeline(name: string, nodes: unknown[], params: Record<string, unknown> = {}): string {
  const file = join(dir, `${name}.duto.json`);
  writeFileSync(file, JSON.stringify({ format: 'duto.pipeline', version: 2, params, nodes }, null, 2));
  return file;
}

beforeAll(async () => {
  requireBuiltCli();
  dir = tmp('connectors');
  [pgs, my] = await Promise.all([pgSchema(), myDatabase()]);
  // The user's own file: only its definitions get DUTO_CONN_<NAME>_PASSWORD.
  mkdirSync(join(dir, 'config', 'duto'), { recursive: true });
  writeFileSync(join(dir, 'config', 'duto', 'connections.json'), JSON.stringify(testConnectionsFile(my.name), null, 2));
  writeFileSync(
    join(dir, 'orders.csv'),
    'order_id,customer_id,product_id,qty\n1,1,10,2\n2,2,11,1\n3,1,11,5\n4,3,10,1\n',
  );
  const SQL = await initSqlJs();
  const db = new SQL.Database();
  db.run(
    "CREATE TABLE customers (customer_id INTEGER PRIMARY KEY, name TEXT, region_id INTEGER); INSERT INTO customers VALUES (1, 'Ann', 100), (2, 'Bo', 200), (3, 'Cy', 100);",
  );
  writeFileSync(join(dir, 'shop.sqlite'), db.export());
  db.close();
  await pgQueries([
    [`CREATE TABLE ${pgs.name}.products (product_id int PRIMARY KEY, price numeric(10,2))`],
    [`INSERT INTO ${pgs.name}.products VALUES (10, 9.99), (11, 100.01)`],
    [`CREATE TABLE ${pgs.name}.events (id int PRIMARY KEY, updated_at timestamptz, v text)`],
    [
      `INSERT INTO ${pgs.name}.events VALUES (1, '2024-01-01 10:00:00+00', 'a'), (2, '2024-01-01 11:00:00+00', 'b'), (3, '2024-01-01 12:00:00.5+00', 'c')`,
    ],
  ]);
  await myQueries(
    [
      ['CREATE TABLE regions (region_id INT PRIMARY KEY, region VARCHAR(20))'],
      ["INSERT INTO regions VALUES (100, 'North'), (200, 'South')"],
    ],
    my.name,
  );
});
afterAll(async () => Promise.all([pgs?.drop(), my?.drop()]));

const mixed = (): string =>
  writePipeline(
    'mixed',
    [
      { id: 'orders', type: 'source.csv', params: { path: 'orders.csv' } },
      { id: 'customers', type: 'source.sqlite', params: { path: 'shop.sqlite', table: 'customers' } },
      {
        id: 'products',
        type: 'source.postgres',
        params: { connection: 'warehouse', schema: pgs.name, table: 'products' },
      },
      { id: 'regions', type: 'source.mysql', params: { connection: 'shop', table: 'regions' } },
      {
        id: 'by_region',
        type: 'transform.sql',
        inputs: { in: ['orders', 'customers', 'products', 'regions'] },
        params: {
          query:
            'SELECT r.region, count(*) AS orders, sum(o.qty * p.price) AS revenue FROM orders o JOIN customers c USING (customer_id) JOIN products p USING (product_id) JOIN regions r USING (region_id) GROUP BY ALL ORDER BY region',
        },
      },
      { id: 'file', type: 'sink.parquet', inputs: { in: 'by_region' }, params: { path: '${out}' } },
      {
        id: 'table',
        type: 'sink.postgres',
        inputs: { in: 'by_region' },
        params: { connection: 'warehouse', schema: pgs.name, table: '${table}', mode: 'replace' },
      },
    ],
    { out: { default: 'cli.parquet' }, table: { default: 'by_region_cli' } },
  );

describe('a mixed pipeline (CSV + SQLite + PostgreSQL + MariaDB)', () => {
  it('gives the same result from the CLI, the engine API and the app (connections made in its dialog)', async () => {
    const file = mixed();
    const r = cli(['run', file, '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain(SECRET);
    expect(JSON.parse(r.stdout).outputs).toContainEqual({
      nodeId: 'table',
      path: `warehouse: ${pgs.name}.by_region_cli`,
      rows: 2,
    });

    const doc = JSON.parse(readFileSync(file, 'utf8'));
    const s = await openPipeline(doc, {
      trust: 'trusted',
      baseDir: dir,
      params: { out: 'api.parquet', table: 'by_region_api' },
      connections: connectionLookup([testConnectionsFile(my.name)], { DUTO_CONN_WAREHOUSE_PASSWORD: SECRET }),
    });
    try {
      expect((await s.run()).diagnostics).toEqual([]);
    } finally {
      s.close();
    }
    // The app: connections saved through its manager, the password in its store, nothing in the environment.
    const host = createHost({
      userDataDir: tmp('connectors-app-user'),
      connectionsFile: join(tmp('connectors-app-config'), 'connections.json'),
      env: {},
      threads: 1,
      emit: () => undefined,
      shell: {
        'app.info': async () => Promise.reject(new Error('unused')),
        'app.pendingOpens': async () => ({ paths: [] }),
        'file.openDialog': async () => ({ path: null }),
        'file.saveDialog': async () => ({ path: null }),
      },
    });
    try {
      for (const [name, definition] of Object.entries(testConnectionsFile(my.name).connections)) {
        // MariaDB's root has no password here; PostgreSQL trusts, so the stored one is only carried.
        const password = name === 'warehouse' ? { action: 'set' as const, value: SECRET } : { action: 'keep' as const };
        const saved = await host.dispatch('connections.save', { name, definition, password });
        expect(saved.ok).toBe(true);
      }
      const run = await host.dispatch('pipeline.run', {
        document: doc,
        baseDir: dir,
        params: { out: 'app.parquet', table: 'by_region_app' },
        runId: 'app',
        file,
      });
      expect(run).toMatchObject({ ok: true, value: { ok: true, diagnostics: [] } });
      expect(JSON.stringify(run)).not.toContain(SECRET);
    } finally {
      host.close();
    }

    const expected = [
      { region: 'North', orders: '3', revenue: '530.02' },
      { region: 'South', orders: '1', revenue: '100.01' },
    ];
    const read = (f: string) =>
      query(
        `SELECT region, orders::VARCHAR AS orders, revenue::VARCHAR AS revenue FROM read_parquet('${join(dir, f)}') ORDER BY region`,
      );
    expect(await read('cli.parquet')).toEqual(expected);
    expect(await read('api.parquet')).toEqual(expected);
    expect(await read('app.parquet')).toEqual(expected);
    const table = (t: string) =>
      pgQuery(`SELECT region, orders::text, revenue::text FROM ${pgs.name}.${t} ORDER BY region`);
    expect(await table('by_region_api')).toEqual(await table('by_region_cli'));
    expect(await table('by_region_app')).toEqual(await table('by_region_cli'));
    expect(await table('by_region_cli')).toEqual([
      ['North', '3', '530.02'],
      ['South', '1', '100.01'],
    ]);
  });

  it('previews and the SQL script show database nodes; nothing holds the password', async () => {
    const s = await openPipeline(JSON.parse(readFileSync(mixed(), 'utf8')), {
      trust: 'trusted',
      baseDir: dir,
      connections: connectionLookup([testConnectionsFile(my.name)], { DUTO_CONN_WAREHOUSE_PASSWORD: SECRET }),
    });
    try {
      const preview = await s.preview('regions', 10);
      expect(preview).toMatchObject({
        columns: [
          { name: 'region_id', type: 'INTEGER' },
          { name: 'region', type: 'VARCHAR' },
        ],
        rows: [
          [100, 'North'],
          [200, 'South'],
        ],
      });
      const sql = await s.sql();
      expect(sql).toContain('-- read by the postgres connector (warehouse: ');
      expect(sql).toContain('-- written by the postgres connector to warehouse: ');
      expect(JSON.stringify([preview, sql, await s.validate()])).not.toContain(SECRET);
    } finally {
      s.close();
    }
  });
});

describe('connection failures', () => {
  it('bad credentials, an unreachable host, an unknown connection: clear errors naming node and connection, never the password', async () => {
    const user = `duto_u_${Date.now().toString(36)}`;
    await myQueries([
      [`CREATE USER '${user}'@'%' IDENTIFIED BY 'right-${SECRET}'`],
      [`GRANT SELECT ON ${my.name}.* TO '${user}'@'%'`],
    ]);
    try {
      const conns = {
        format: 'duto.connections',
        version: 1,
        connections: {
          shop: { kind: 'mysql', host: '127.0.0.1', port: 3306, user, database: my.name },
          nowhere: { kind: 'postgres', host: '127.0.0.1', port: 1, user: 'postgres', database: 'test' },
        },
      };
      writeFileSync(join(dir, 'bad.connections.json'), JSON.stringify(conns));
      const file = writePipeline('bad', [
        { id: 'regions', type: 'source.mysql', params: { connection: 'shop', table: 'regions' } },
        { id: 'far', type: 'source.postgres', params: { connection: 'nowhere', table: 'x' } },
        { id: 'ghost', type: 'source.postgres', params: { connection: 'ghost', table: 'x' } },
      ]);
      const env = { DUTO_CONN_SHOP_PASSWORD: `wrong-${SECRET}`, DUTO_CONN_NOWHERE_PASSWORD: SECRET };
      const r = cli(['validate', file, '--connections', join(dir, 'bad.connections.json'), '--json'], env);
      expect(r.code).toBe(2);
      expect(r.stdout + r.stderr).not.toContain(SECRET);
      const byNode = Object.fromEntries(JSON.parse(r.stdout).diagnostics.map((d: { nodeId: string }) => [d.nodeId, d]));
      expect(byNode['regions']).toMatchObject({ code: 'connection.failed', param: 'connection' });
      expect(byNode['regions'].message).toContain(
        `connection "shop" (mysql at 127.0.0.1:3306, database ${my.name}, user ${user})`,
      );
      expect(byNode['regions'].message).toContain('DUTO_CONN_SHOP_PASSWORD');
      expect(byNode['far']).toMatchObject({ code: 'connection.failed', param: 'connection' });
      expect(byNode['far'].message).toContain('connection "nowhere"');
      expect(byNode['far'].message).toContain('refused');
      expect(byNode['ghost']).toMatchObject({ code: 'connection.unknown', param: 'connection' });
      expect(byNode['ghost'].message).toContain('DUTO_CONN_GHOST_URL');
      expect(hasNoStack(r.stderr)).toBe(true);
    } finally {
      await myQueries([[`DROP USER '${user}'@'%'`]]);
    }
  });

  it('a pipeline holding a password or a URL with credentials is refused', async () => {
    const s = await openPipeline(
      {
        format: 'duto.pipeline',
        version: 2,
        nodes: [
          { id: 'a', type: 'source.postgres', params: { connection: 'postgres://etl:hunter22@db/sales', table: 'x' } },
          {
            id: 'b',
            type: 'source.postgres',
            params: { connection: 'warehouse', table: 'x', where: "token = 'Bearer abcdefghijklmnopqrstuvwxyz'" },
          },
        ],
      },
      { trust: 'trusted', baseDir: dir },
    );
    try {
      const messages = (await s.validate()).diagnostics.map((d) => d.message);
      expect(messages.some((m) => m.includes('a URL with a user name and password'))).toBe(true);
      expect(messages.some((m) => m.includes('a bearer token'))).toBe(true);
      expect(messages.some((m) => m.includes('expected the name of a connection'))).toBe(true);
    } finally {
      s.close();
    }
  });
});

describe('incremental loads', () => {
  it('read only new rows, advance only after a successful run, and start over after `duto state reset`', async () => {
    const file = writePipeline('events', [
      {
        id: 'src',
        type: 'source.postgres',
        params: {
          connection: 'warehouse',
          schema: pgs.name,
          table: 'events',
          incremental: 'timestamp',
          incrementalColumn: 'updated_at',
        },
      },
      {
        id: 'dst',
        type: 'sink.postgres',
        inputs: { in: 'src' },
        params: { connection: 'warehouse', schema: pgs.name, table: 'events_copy', mode: 'upsert', keyColumns: ['id'] },
      },
    ]);
    const doc = JSON.parse(readFileSync(file, 'utf8'));
    const state = stateFileFor(file);
    // The engine API with the pipeline's state file, as the CLI opens it; the CLI itself after the reset.
    const run = async (): Promise<{ ok: boolean; read: number | undefined }> => {
      const s = await openPipeline(doc, {
        trust: 'trusted',
        baseDir: dir,
        stateFile: state,
        connections: connectionLookup([testConnectionsFile(my.name)], {}),
      });
      try {
        const r = await s.run();
        return { ok: r.ok, read: r.nodes['src']?.rows };
      } finally {
        s.close();
      }
    };
    const copied = () => pgQuery(`SELECT id, v FROM ${pgs.name}.events_copy ORDER BY id`);

    expect(await run()).toEqual({ ok: true, read: 3 });
    expect(JSON.parse(readFileSync(state, 'utf8')).watermarks.src).toMatchObject({
      column: 'updated_at',
      kind: 'timestamp',
      value: '2024-01-01 12:00:00.5+00',
    });
    expect(await run()).toEqual({ ok: true, read: 0 });

    await pgQueries([
      [
        `INSERT INTO ${pgs.name}.events VALUES (4, '2024-01-02 00:00:00+00', 'd'), (5, '2024-01-02 00:00:01+00', 'bad')`,
      ],
      [`ALTER TABLE ${pgs.name}.events_copy ADD CHECK (v <> 'bad')`],
    ]);
    expect(await run()).toEqual({ ok: false, read: 2 });
    expect(JSON.parse(readFileSync(state, 'utf8')).watermarks.src.value).toBe('2024-01-01 12:00:00.5+00');
    expect(await copied()).toEqual([
      [1, 'a'],
      [2, 'b'],
      [3, 'c'],
    ]);

    await pgQuery(`UPDATE ${pgs.name}.events SET v = 'e' WHERE id = 5`);
    expect(await run()).toEqual({ ok: true, read: 2 });
    expect(await copied()).toEqual([
      [1, 'a'],
      [2, 'b'],
      [3, 'c'],
      [4, 'd'],
      [5, 'e'],
    ]);

    const reset = cli(['state', 'reset', file, 'src']);
    expect(reset.code).toBe(0);
    expect(reset.stdout).toContain('reset src');
    const again = cli(['run', file, '--json']);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout).nodes.src.rows).toBe(5);
    expect(existsSync(state)).toBe(true);
  });
});

describe('duto clean in database targets', () => {
  it("lists the MySQL staging tables of dead runs of this pipeline's targets, drops them with --remove, and leaves live runs' and other tables'", async () => {
    const { runToken } = await import('../electron/engine/connectors/sql/staging');
    const day = 2 * 24 * 3600 * 1000;
    // Made on "another machine" (hfffff): a day-old token is dead anywhere, a fresh one may be a run in progress.
    const elsewhere = (t: string): string => t.replace(/h[0-9a-f]{4}t/, 'hfffft');
    const dead = `__duto_stage_cleaned_${elsewhere(runToken(Date.now() - day))}`;
    const deadOld = `__duto_old_cleaned_${elsewhere(runToken(Date.now() - day))}`;
    const live = `__duto_stage_cleaned_${elsewhere(runToken())}`;
    const other = `__duto_stage_unrelated_${elsewhere(runToken(Date.now() - day))}`;
    await myQueries(
      [dead, deadOld, live, other].map((t) => [`CREATE TABLE \`${t}\` (id INT)`]),
      my.name,
    );
    const file = writePipeline('cleaning', [
      { id: 'src', type: 'transform.sql', params: { query: 'SELECT 1 AS id' } },
      {
        id: 'out',
        type: 'sink.mysql',
        inputs: { in: 'src' },
        params: { connection: 'shop', table: 'cleaned', mode: 'replace' },
      },
    ]);
    const left = async (): Promise<string[]> =>
      (
        await myQuery(
          "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME LIKE '\\_\\_duto\\_%' ORDER BY TABLE_NAME",
          [],
          my.name,
        )
      ).map((r) => String(r[0]));

    // Not trusted: nothing connects, and it says so.
    const untrusted = cli(['clean', file]);
    expect(untrusted.code).toBe(0);
    expect(untrusted.stderr).toContain('database targets not checked: this pipeline is not trusted');

    const listed = cli(['clean', file, '--trust']);
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout).toContain(`${dead} (connection "shop"`);
    expect(listed.stdout).toContain(deadOld);
    expect(listed.stdout).not.toContain(live);
    expect(listed.stdout).not.toContain(other);
    expect(listed.stdout).toContain('`duto clean --remove` removes them');
    expect(listed.stdout).toContain('[out]');
    expect(await left()).toEqual([dead, deadOld, live, other].sort());

    const removed = cli(['clean', file, '--trust', '--remove']);
    expect(removed.code, removed.stderr).toBe(0);
    expect(removed.stdout).toContain(`removed ${dead}`);
    expect(await left()).toEqual([live, other].sort());
    expect(cli(['clean', file, '--trust']).stdout).toContain('nothing left behind');
    expect(hasNoStack(removed.stderr)).toBe(true);
  });
});
