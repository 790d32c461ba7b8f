import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import initSqlJs from 'sql.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mysql from 'mysql2';
import pg from 'pg';
import {
  MY,
  PG,
  myDatabase,
  myQuery,
  pgQuery,
  pgSchema,
  testConnectionsFile,
} from '../electron/engine/connectors/test-databases';
import { lockFileTarget, lockPathFor } from '../electron/engine/locks/file-lock';
import { BIN, hasNoStack, query, requireBuiltCli, tmp, type CliResult } from './support';

/*
 * One writer per target, through the built CLI: two `duto run`s appending
 * 60,000 rows each to the same SQLite, PostgreSQL or MariaDB table keep all
 * 120,000 (the second waits, saying for whom); two overwriting the same CSV
 * leave exactly one run's output. A dead run's lock is taken over; a live
 * one with --lock-wait 0 fails with sink.locked. SIGTERM, SIGHUP and SIGINT
 * cancel: exit 143, 129, 130, no temporary file or lock left, target as it was.
 */

let dir = '';
let pgs: { name: string; drop: () => Promise<void> };
let my: { name: string; drop: () => Promise<void> };

interface Running {
  child: ChildProcessWithoutNullStreams;
  /** What it has printed on stdout so far. */
  stdout: () => string;
  done: Promise<CliResult>;
}

function start(args: readonly string[]): Running {
  // Runs without the node cache: these tests time locks against DuckDB computing what a run writes.
  const child = spawn(
    process.execPath,
    [BIN, args[0] ?? 'run', '--trust', ...(args[0] === 'run' ? ['--no-cache'] : []), ...args.slice(1)],
    { cwd: dir, env: { ...process.env, XDG_CONFIG_HOME: join(dir, 'config') } },
  );
  child.stdin.end();
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  const done = new Promise<CliResult>((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
  return { child, stdout: () => stdout, done };
}

async function until(what: string, test: () => boolean | Promise<boolean>, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await test())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** 60,000 rows tagged by --param tag, computed slowly enough (a grouped cross join) that a run holds its target for seconds. */
function pipeline(name: string, sink: Record<string, unknown>, heavy = 1500): string {
  const file = join(dir, `${name}.duto.json`);
  const query = `SELECT i, '\${tag}' AS tag, sum(j) AS s FROM range(60000) t(i), range(${String(heavy)}) u(j) GROUP BY ALL`;
  writeFileSync(
    file,
    JSON.stringify({
      format: 'duto.pipeline',
      version: 2,
      params: { tag: { default: 'a' } },
      nodes: [
        { id: 'gen', type: 'transform.sql', params: { query } },
        { id: 'out', type: sink['type'], inputs: { in: 'gen' }, params: sink['params'] },
      ],
    }),
  );
  return file;
}

/**
 * Two runs of `file` and its copy (tags a and b) while the test holds the target's lock:
 * both wait; once the test lets go, one writes and the other waits for it.
 */
async function twoRuns(file: string, hold: () => Promise<() => Promise<void>>): Promise<[CliResult, CliResult]> {
  const release = await hold();
  // Two pipelines writing one target: one pipeline never runs twice at once (its run lock refuses the second).
  const twin = file.replace(/\.duto\.json$/, '.twin.duto.json');
  copyFileSync(file, twin);
  const a = start(['run', file, '-p', 'tag=a']);
  const b = start(['run', twin, '-p', 'tag=b']);
  try {
    await until('both runs to wait', () => a.stdout().includes('waiting for') && b.stdout().includes('waiting for'));
  } finally {
    await release();
  }
  return [await a.done, await b.done];
}

const waitingLines = (...runs: CliResult[]): string[] =>
  runs.flatMap((r) => r.stdout.split('\n').filter((l) => l.includes('waiting for')));

/** Both succeeded, and one waited for the other run (not only for the test). */
function expectSerialized(
  a: CliResult,
  b: CliResult,
  target: string,
  holder = /: locked by run [0-9a-z]+-[0-9a-f]{6} \(/,
): void {
  expect([a.code, b.code, a.stderr, b.stderr]).toEqual([0, 0, '', '']);
  const lines = waitingLines(a, b);
  for (const l of lines) expect(l).toMatch(/: locked by /);
  for (const l of lines) expect(l).toContain(`waiting for ${target}`);
  expect(lines.some((l) => holder.test(l))).toBe(true);
}

/** The test itself holds a file target, as another run would. */
const holdFile = (target: string) => async (): Promise<() => Promise<void>> => {
  const held = await lockFileTarget(target, { runId: 'test-holder', waitMs: 0 }, new AbortController().signal);
  return async () => held.release();
};

async function sqliteCount(file: string, sql: string): Promise<unknown[][]> {
  const SQL = await initSqlJs();
  const db = new SQL.Database(readFileSync(file));
  try {
    return db.exec(sql)[0]?.values ?? [];
  } finally {
    db.close();
  }
}

const leftovers = (): string[] =>
  readdirSync(dir).filter((n) => n.startsWith('.duto-tmp-') || n.endsWith('.duto-lock'));

beforeAll(async () => {
  requireBuiltCli();
  dir = tmp('locks');
  [pgs, my] = await Promise.all([pgSchema(), myDatabase()]);
  mkdirSync(join(dir, 'config', 'duto'), { recursive: true });
  writeFileSync(join(dir, 'config', 'duto', 'connections.json'), JSON.stringify(testConnectionsFile(my.name)));
});
afterAll(async () => Promise.all([pgs?.drop(), my?.drop()]));

describe('one writer per target', () => {
  it('two runs appending to one SQLite table keep every row', async () => {
    const target = join(dir, 'shop.sqlite');
    const file = pipeline('sqlite', {
      type: 'sink.sqlite',
      params: { path: 'shop.sqlite', table: 't', mode: 'append' },
    });
    const [a, b] = await twoRuns(file, holdFile(target));
    expectSerialized(a, b, target);
    expect(
      await sqliteCount(target, 'SELECT tag, count(*), count(DISTINCT i) FROM t GROUP BY tag ORDER BY tag'),
    ).toEqual([
      ['a', 60000, 60000],
      ['b', 60000, 60000],
    ]);
    expect(leftovers()).toEqual([]);
  });

  it('two runs appending to one PostgreSQL table keep every row', async () => {
    const file = pipeline('pg', {
      type: 'sink.postgres',
      params: { connection: 'warehouse', schema: pgs.name, table: 't', mode: 'append' },
    });
    // The key the sink locks: a hash of database.schema.table.
    const hold = async (): Promise<() => Promise<void>> => {
      const c = new pg.Client(PG);
      await c.connect();
      await c.query({
        text: "SELECT pg_advisory_lock(hashtextextended('duto:' || current_database() || '.' || $1 || '.t', 0))",
        values: [pgs.name],
      });
      return () => c.end();
    };
    const [a, b] = await twoRuns(file, hold);
    expectSerialized(a, b, `${pgs.name}.t (connection "warehouse"`);
    expect(
      await pgQuery(`SELECT tag, count(*)::int, count(DISTINCT i)::int FROM ${pgs.name}.t GROUP BY tag ORDER BY tag`),
    ).toEqual([
      ['a', 60000, 60000],
      ['b', 60000, 60000],
    ]);
  });

  it('two runs appending to one MariaDB table keep every row', async () => {
    const file = pipeline('my', { type: 'sink.mysql', params: { connection: 'shop', table: 't', mode: 'append' } });
    const hold = async (): Promise<() => Promise<void>> => {
      const c = mysql.createConnection({ ...MY, database: my.name });
      await c
        .promise()
        .query("SELECT GET_LOCK(CONCAT('duto:', LEFT(SHA2(CONCAT(DATABASE(), '.', 't'), 256), 48)), 10)");
      return () => c.promise().end();
    };
    const [a, b] = await twoRuns(file, hold);
    // MySQL shows no run id of another connection's lock, only the connection: the second holder is another line.
    expectSerialized(a, b, 't (connection "shop"', /: locked by another run \(server connection \d+\)/);
    expect(waitingLines(a, b).length).toBeGreaterThanOrEqual(3);
    const counts = await myQuery(`SELECT tag, count(*), count(DISTINCT i) FROM ${my.name}.t GROUP BY tag ORDER BY tag`);
    expect(counts.map((r) => r.map(String))).toEqual([
      ['a', '60000', '60000'],
      ['b', '60000', '60000'],
    ]);
  });

  it("two runs writing one CSV take turns: the file is one run's whole output, never a mix", async () => {
    const target = join(dir, 'out.csv');
    const file = pipeline('csv', { type: 'sink.csv', params: { path: 'out.csv' } });
    const [a, b] = await twoRuns(file, holdFile(target));
    expectSerialized(a, b, target);
    expect(
      await query(
        `SELECT count(DISTINCT tag)::INT AS runs, count(*)::INT AS n, count(DISTINCT i)::INT AS d FROM read_csv('${target}')`,
      ),
    ).toEqual([{ runs: 1, n: 60000, d: 60000 }]);
    expect(leftovers()).toEqual([]);
  });

  it('takes over the lock of a run that died, and with --lock-wait 0 fails at once while a live run holds the target', async () => {
    const target = join(dir, 'quick.csv');
    const file = pipeline('quick', { type: 'sink.csv', params: { path: 'quick.csv' } }, 1);
    const dead = spawn(process.execPath, ['-e', '']);
    const deadPid = await new Promise<number>((resolve) => dead.on('close', () => resolve(dead.pid ?? 0)));
    writeFileSync(
      lockPathFor(target),
      JSON.stringify({
        pid: deadPid,
        startTime: '1',
        host: hostname(),
        runId: 'crashed',
        started: '2026-01-01T00:00:00.000Z',
      }),
    );
    const taken = await start(['run', file]).done;
    expect([taken.code, taken.stderr]).toEqual([0, '']);
    expect(existsSync(lockPathFor(target))).toBe(false);
    const before = readFileSync(target);

    // This test process is the live holder.
    const held = await lockFileTarget(target, { runId: 'holder-run', waitMs: 0 }, new AbortController().signal);
    try {
      const refused = await start(['run', file, '--lock-wait', '0', '-p', 'tag=z']).done;
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain(
        `${target} is being written by another run: locked by run holder-run (pid ${String(process.pid)}) since`,
      );
      expect(hasNoStack(refused.stderr)).toBe(true);
      const json = await start(['run', file, '--lock-wait', '0', '--json']).done;
      expect(json.code).toBe(1);
      expect(JSON.parse(json.stdout)).toMatchObject({
        ok: false,
        diagnostics: [{ code: 'sink.locked', nodeId: 'out', param: 'path', severity: 'error' }],
      });
      expect(readFileSync(target).equals(before)).toBe(true);
    } finally {
      held.release();
    }
    expect(leftovers()).toEqual([]);
  });
});

describe('signals', () => {
  const slow = (): string => pipeline('slow', { type: 'sink.parquet', params: { path: 'slow.parquet' } }, 1_000_000);

  it.each([
    ['SIGTERM', 143],
    ['SIGHUP', 129],
    ['SIGINT', 130],
  ] as const)('%s cancels a run: exit %i, no temporary file or lock left, the target untouched', async (sig, code) => {
    const target = join(dir, 'slow.parquet');
    writeFileSync(target, 'previous output');
    const run = start(['run', slow()]);
    // Running: its output is locked, DuckDB is computing what it writes.
    await until('the run to write', () => existsSync(lockPathFor(target)));
    await new Promise((r) => setTimeout(r, 300));
    run.child.kill(sig);
    const r = await run.done;
    expect(r.code).toBe(code);
    expect(r.stderr).toContain(`cancelling (${sig})`);
    expect(r.stdout).toContain('run cancelled');
    expect(readFileSync(target, 'utf8')).toBe('previous output');
    expect(leftovers()).toEqual([]);
  });

  it('a signal in the first moments, before the engine opens, quits with its code and writes nothing', async () => {
    const target = join(dir, 'slow.parquet');
    writeFileSync(target, 'previous output');
    const run = start(['run', slow()]);
    // Past Node's own start (no JavaScript runs before it), well before DuckDB has opened the pipeline.
    await new Promise((r) => setTimeout(r, 400));
    run.child.kill('SIGTERM');
    const r = await run.done;
    expect(r.code).toBe(143);
    expect(readFileSync(target, 'utf8')).toBe('previous output');
    expect(leftovers()).toEqual([]);
  });

  it('a second signal quits at once, its lock still removed', async () => {
    const target = join(dir, 'slow.parquet');
    const run = start(['run', slow()]);
    await until('the run to write', () => existsSync(lockPathFor(target)));
    run.child.kill('SIGTERM');
    run.child.kill('SIGTERM');
    const r = await run.done;
    expect(r.code).toBe(143);
    expect(existsSync(lockPathFor(target))).toBe(false);
  });
});
