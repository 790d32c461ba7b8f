import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import initSqlJs from 'sql.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { intentFileFor } from '../electron/engine/external/file-intent';
import { stateFileFor } from '../electron/engine/external/incremental-state';
import {
  myDatabase,
  myQuery,
  pgQuery,
  pgSchema,
  testConnectionsFile,
} from '../electron/engine/connectors/test-databases';
import { BIN, hasNoStack, query, requireBuiltCli, tmp } from './support';

/*
 * Exactly-once incremental loads, proved by killing the built CLI
 * (SIGKILL, through DUTO_FAILPOINTS) at every commit step and running again:
 * each source row reaches each target exactly once, and nothing is left
 * behind (temporary files, staging tables, intent records). Then the
 * refusals: a target with data and no state, a watermark of the wrong type,
 * a corrupt state file.
 */

const FAILPOINTS = ['commit.before', 'commit.after', 'state.after-save'] as const;
let pgs: { name: string; drop: () => Promise<void> };
let my: { name: string; drop: () => Promise<void> };
let root = '';

beforeAll(async () => {
  requireBuiltCli();
  root = tmp('exactly-once');
  [pgs, my] = await Promise.all([pgSchema(), myDatabase()]);
  mkdirSync(join(root, 'config', 'duto'), { recursive: true });
  writeFileSync(
    join(root, 'config', 'duto', 'connections.json'),
    JSON.stringify(testConnectionsFile(my.name), null, 2),
  );
});
afterAll(async () => Promise.all([pgs?.drop(), my?.drop()]));

interface Ran {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function cli(dir: string, args: readonly string[], env: Record<string, string> = {}): Ran {
  const trusted = ['run', 'validate', 'preview'].includes(args[0] ?? '')
    ? [args[0] ?? '', '--trust', ...args.slice(1)]
    : args;
  const r = spawnSync(process.execPath, [BIN, ...trusted], {
    cwd: dir,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, XDG_CONFIG_HOME: join(root, 'config'), ...env },
  });
  return { code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

/** The source: a SQLite file of events with increasing ids. */
async function writeEvents(dir: string, ids: readonly number[]): Promise<void> {
  const SQL = await initSqlJs();
  const db = new SQL.Database();
  db.run('CREATE TABLE events (id INTEGER PRIMARY KEY, v TEXT)');
  for (const id of ids) db.run('INSERT INTO events VALUES (?, ?)', [id, `v${String(id)}`]);
  writeFileSync(join(dir, 'events.sqlite'), db.export());
  db.close();
}

type SinkKind = 'postgres' | 'mysql' | 'sqlite' | 'parquet';

function sinkNode(kind: SinkKind, table: string): Record<string, unknown> {
  const base = { id: 'dst', inputs: { in: 'src' } };
  if (kind === 'postgres')
    return {
      ...base,
      type: 'sink.postgres',
      params: { connection: 'warehouse', schema: pgs.name, table, mode: 'append' },
    };
  if (kind === 'mysql') return { ...base, type: 'sink.mysql', params: { connection: 'shop', table, mode: 'append' } };
  if (kind === 'sqlite') return { ...base, type: 'sink.sqlite', params: { path: 'out.sqlite', table, mode: 'append' } };
  return { ...base, type: 'sink.parquet', params: { path: 'out.parquet' } };
}

function writePipeline(dir: string, kind: SinkKind, table: string): string {
  const file = join(dir, 'load.duto.json');
  const nodes = [
    {
      id: 'src',
      type: 'source.sqlite',
      params: { path: 'events.sqlite', table: 'events', incremental: 'id', incrementalColumn: 'id' },
    },
    sinkNode(kind, table),
  ];
  writeFileSync(file, JSON.stringify({ format: 'duto.pipeline', version: 2, nodes }, null, 2));
  return file;
}

/** The ids the target holds now. */
async function targetIds(dir: string, kind: SinkKind, table: string): Promise<number[]> {
  if (kind === 'postgres')
    return (await pgQuery(`SELECT id FROM ${pgs.name}.${table} ORDER BY id`).catch(() => [])).map((r) => Number(r[0]));
  if (kind === 'mysql')
    return (await myQuery(`SELECT id FROM ${table} ORDER BY id`, [], my.name).catch(() => [])).map((r) => Number(r[0]));
  if (kind === 'sqlite') {
    if (!existsSync(join(dir, 'out.sqlite'))) return [];
    const SQL = await initSqlJs();
    const db = new SQL.Database(readFileSync(join(dir, 'out.sqlite')));
    try {
      return (db.exec(`SELECT id FROM ${table} ORDER BY id`)[0]?.values ?? []).map((r) => Number(r[0]));
    } catch {
      return [];
    } finally {
      db.close();
    }
  }
  if (!existsSync(join(dir, 'out.parquet'))) return [];
  return (await query(`SELECT id FROM '${join(dir, 'out.parquet')}' ORDER BY id`)).map((r) => Number(r['id']));
}

async function leftovers(dir: string, kind: SinkKind): Promise<string[]> {
  const files = readdirSync(dir).filter((n) => n.startsWith('.duto-tmp') || n.includes('.duto-tmp'));
  const stateDir = join(dir, '.duto-state');
  const intents = existsSync(stateDir) ? readdirSync(stateDir).filter((n) => n.endsWith('.intent.json')) : [];
  let staging: string[] = [];
  if (kind === 'postgres')
    staging = (
      await pgQuery(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_name LIKE '%\\_\\_duto\\_%'`,
        [pgs.name],
      )
    ).map((r) => String(r[0]));
  if (kind === 'mysql')
    staging = (
      await myQuery(
        `SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME LIKE '%\\_\\_duto\\_%'`,
        [my.name],
      )
    ).map((r) => String(r[0]));
  return [...files, ...intents, ...staging];
}

describe.each<SinkKind>(['postgres', 'mysql', 'sqlite', 'parquet'])(
  'a %s target, killed at each commit step',
  (kind) => {
    it.each(FAILPOINTS)(
      'killed at %s: the next runs deliver every row exactly once and leave nothing behind',
      async (point) => {
        const dir = tmp(`eo-${kind}`);
        const table = `t_${point.replace(/\W/g, '_')}`;
        await writeEvents(dir, [1, 2, 3]);
        const file = writePipeline(dir, kind, table);
        // A file target is replaced by each run's new rows: what it delivered is what it held after each run.
        const delivered: number[] = [];
        const look = async (): Promise<void> => {
          if (kind === 'parquet') delivered.push(...(await targetIds(dir, kind, table)));
        };

        const killed = cli(dir, ['run', file], { DUTO_FAILPOINTS: point });
        expect(killed.signal).toBe('SIGKILL');
        await look();
        const again = cli(dir, ['run', file]);
        expect(again.stderr).toBe('');
        expect(again.code).toBe(0);
        await look();
        await writeEvents(dir, [1, 2, 3, 4, 5]);
        const more = cli(dir, ['run', file]);
        expect(more.code).toBe(0);
        await look();

        const got = kind === 'parquet' ? delivered.sort((a, b) => a - b) : await targetIds(dir, kind, table);
        expect(got).toEqual([1, 2, 3, 4, 5]);
        expect(await leftovers(dir, kind)).toEqual([]);
        expect(JSON.parse(readFileSync(stateFileFor(file), 'utf8')).watermarks.src.value).toBe('5');
      },
    );
  },
);

describe('a target with data but no state', () => {
  it('is refused (state.missing) after the state file is deleted only when the target keeps no state; --full-refresh reloads on purpose', async () => {
    const dir = tmp('eo-missing');
    await writeEvents(dir, [1, 2]);
    const file = writePipeline(dir, 'postgres', 'missing');
    expect(cli(dir, ['run', file]).code).toBe(0);
    // The state file is only a cache: the target's state table is the truth.
    rmSync(stateFileFor(file));
    expect(cli(dir, ['run', file]).code).toBe(0);
    expect(await targetIds(dir, 'postgres', 'missing')).toEqual([1, 2]);
    // Without the state table, a full read would load the rows twice: refused.
    await pgQuery(`DELETE FROM ${pgs.name}.duto_load_state WHERE node_id = 'src'`);
    rmSync(stateFileFor(file), { force: true });
    const refused = cli(dir, ['run', file]);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr + refused.stdout).toMatch(/state\.missing|keeps no watermark/);
    expect(refused.stderr + refused.stdout).toContain('--full-refresh');
    expect(hasNoStack(refused.stderr)).toBe(true);
    expect(await targetIds(dir, 'postgres', 'missing')).toEqual([1, 2]);
    await pgQuery(`TRUNCATE ${pgs.name}.missing`);
    expect(cli(dir, ['run', file, '--full-refresh']).code).toBe(0);
    expect(await targetIds(dir, 'postgres', 'missing')).toEqual([1, 2]);
  });

  it('a file target that exists with no state is refused too', async () => {
    const dir = tmp('eo-missing-file');
    await writeEvents(dir, [1, 2]);
    const file = writePipeline(dir, 'parquet', '');
    expect(cli(dir, ['run', file]).code).toBe(0);
    rmSync(stateFileFor(file));
    const refused = cli(dir, ['run', file]);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr + refused.stdout).toContain('keeps no watermark of src');
    expect(cli(dir, ['run', file, '--full-refresh']).code).toBe(0);
  });
});

describe('state files', () => {
  it('a watermark of the wrong type is an error naming node, file and value (state.invalid), not zero rows forever', async () => {
    const dir = tmp('eo-invalid');
    await writeEvents(dir, [1, 2]);
    const file = writePipeline(dir, 'sqlite', 'invalid');
    expect(cli(dir, ['run', file]).code).toBe(0);
    const path = stateFileFor(file);
    const state = JSON.parse(readFileSync(path, 'utf8'));
    state.watermarks.src.value = 'abc';
    writeFileSync(path, JSON.stringify(state));
    const refused = cli(dir, ['run', file]);
    expect(refused.code).not.toBe(0);
    for (const text of ['stored watermark of src', '"abc"', path, 'not an integer'])
      expect(refused.stdout + refused.stderr).toContain(text);
    expect(hasNoStack(refused.stderr)).toBe(true);
    // The file is a cache: without it, the target's own state (2) is the truth, and nothing is loaded twice.
    rmSync(path);
    await writeEvents(dir, [1, 2, 3]);
    expect(cli(dir, ['run', file]).code).toBe(0);
    expect(await targetIds(dir, 'sqlite', 'invalid')).toEqual([1, 2, 3]);
  });

  it('`duto state show` reports a corrupt file clearly and `duto state reset` replaces it; the next run reads every row again', async () => {
    const dir = tmp('eo-corrupt');
    await writeEvents(dir, [1, 2, 3]);
    const file = writePipeline(dir, 'sqlite', 'corrupt');
    expect(cli(dir, ['run', file]).code).toBe(0);
    const shown = cli(dir, ['state', 'show', file]);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain('src: id > 3');
    writeFileSync(stateFileFor(file), '{ not json');
    const bad = cli(dir, ['state', 'show', file]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('corrupt');
    expect(hasNoStack(bad.stdout + bad.stderr)).toBe(true);
    const reset = cli(dir, ['state', 'reset', file]);
    expect(reset.code).toBe(0);
    expect(reset.stdout).toContain('was corrupt');
    // Reset means the next run reads everything and overwrites the target's own state.
    await writeEvents(dir, [4]);
    const r = cli(dir, ['run', file, '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).nodes.src.rows).toBe(1);
    expect(cli(dir, ['state', 'show', file]).stdout).toContain('src: id > 4');
    expect(existsSync(intentFileFor(stateFileFor(file)))).toBe(false);
  });
});

describe('a partitioned Parquet output killed between its two renames', () => {
  it('validate, preview and run put the previous folder back first; the next run swaps in the new one and leaves nothing behind', async () => {
    const dir = tmp('eo-swap');
    const file = join(dir, 'lake.duto.json');
    const nodes = [
      { id: 'src', type: 'source.csv', params: { path: 'in.csv' } },
      { id: 'lake', type: 'sink.parquet', inputs: { in: 'src' }, params: { path: 'lake', partitionBy: ['region'] } },
    ];
    writeFileSync(file, JSON.stringify({ format: 'duto.pipeline', version: 2, nodes }, null, 2));
    const rows = async (): Promise<number> =>
      Number((await query(`SELECT count(*) AS n FROM read_parquet('${join(dir, 'lake')}/**/*.parquet')`))[0]?.['n']);
    writeFileSync(join(dir, 'in.csv'), 'id,region\n1,north\n2,south\n');
    expect(cli(dir, ['run', file]).code).toBe(0);
    expect(await rows()).toBe(2);
    writeFileSync(join(dir, 'in.csv'), 'id,region\n1,north\n2,south\n3,east\n');

    for (const command of ['validate', 'preview'] as const) {
      const killed = cli(dir, ['run', file, '--force'], { DUTO_FAILPOINTS: 'swap.between-renames' });
      expect(killed.signal).toBe('SIGKILL');
      expect(existsSync(join(dir, 'lake'))).toBe(false);
      expect(readdirSync(dir).some((n) => /^\.duto-tmp-\d+-[a-z0-9]+-old-lake$/.test(n))).toBe(true);
      const r = cli(dir, command === 'validate' ? ['validate', file] : ['preview', file, 'src']);
      expect(r.code).toBe(0);
      expect(await rows()).toBe(2);
    }
    expect(cli(dir, ['run', file, '--force']).code).toBe(0);
    expect(await rows()).toBe(3);
    expect(readdirSync(dir).filter((n) => n.startsWith('.duto-tmp'))).toEqual([]);
  });
});

describe('duto clean', () => {
  it('lists what a killed run left beside its outputs and in its state folder, and --remove sweeps it', async () => {
    const dir = tmp('eo-clean');
    await writeEvents(dir, [1, 2]);
    const file = writePipeline(dir, 'parquet', '');
    expect(cli(dir, ['run', file], { DUTO_FAILPOINTS: 'commit.before' }).signal).toBe('SIGKILL');
    const listed = cli(dir, ['clean', file]);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(/\.duto-tmp-\d+-[a-z0-9]+-new-out\.parquet/);
    expect(listed.stdout).toContain('load.intent.json');
    expect(readdirSync(dir).some((n) => n.startsWith('.duto-tmp'))).toBe(true);
    const removed = cli(dir, ['clean', file, '--remove']);
    expect(removed.stdout).toContain('removed ');
    expect(readdirSync(dir).filter((n) => n.startsWith('.duto-tmp'))).toEqual([]);
    // The intent record is the next run's to resolve: the swap did not happen, so the rows are read again.
    const r = cli(dir, ['run', file, '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).nodes.src.rows).toBe(2);
    expect(cli(dir, ['clean', file]).stdout).toBe('nothing left behind\n');
  });
});
