import { existsSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import initSqlJs from 'sql.js';
import type { EventName, EventPayload, OperationName, Reply } from '../../shared/ipc/contract';
import { bigCsv, csvFilterParquet, freshDir, tempEntries } from '../engine/test-support';
import { createHost, type Host } from './host';
import { hostsClosedAfterEach } from './test-hosts';

const track = hostsClosedAfterEach();

type Emitted = { event: EventName; payload: unknown };

function makeHost(): { host: Host; emitted: Emitted[] } {
  const emitted: Emitted[] = [];
  const host = track(
    createHost({
      userDataDir: freshDir('duto-host-user-'),
      threads: 1,
      emit: <E extends EventName>(event: E, payload: EventPayload<E>) => emitted.push({ event, payload }),
      shell: {
        'app.info': async () => ({ shell: 'web', version: '0', platform: 'test', workDir: '/', examplesDir: null }),
        'app.pendingOpens': async () => ({ paths: [] }),
        'file.openDialog': async () => ({ path: null }),
        'file.saveDialog': async () => ({ path: null }),
      },
    }),
  );
  return { host, emitted };
}

function ok<T>(reply: Reply<OperationName>): T {
  if (!reply.ok) throw new Error(`expected ok, got ${JSON.stringify(reply)}`);
  return reply.value as T;
}

function smallDir(): string {
  const dir = freshDir('duto-host-');
  writeFileSync(join(dir, 'in.csv'), 'id,name,v\n1,a,10\n2,b,20\n3,c,30\n');
  return dir;
}

const SLOW = 'length(md5(md5(md5(md5(h))))) = 32';
let bigDir = '';
beforeAll(async () => {
  bigDir = freshDir('duto-host-big-');
  await bigCsv(join(bigDir, 'big.csv'), 1_200_000);
});

describe('engine host through dispatch', () => {
  it('checks a pipeline: diagnostics and every node schema', async () => {
    const dir = smallDir();
    const { host } = makeHost();
    const r = ok<{ ok: boolean; schemas: Record<string, unknown> }>(
      await host.dispatch('pipeline.check', {
        document: csvFilterParquet('in.csv', 'v >= 20', 'out.parquet'),
        baseDir: dir,
      }),
    );
    expect(r.ok).toBe(true);
    expect(r.schemas['kept']).toEqual([
      { name: 'id', type: 'BIGINT' },
      { name: 'name', type: 'VARCHAR' },
      { name: 'v', type: 'BIGINT' },
    ]);
  });

  it('reuses the session of an unchanged pipeline; layout does not count, logic and files do', async () => {
    const dir = smallDir();
    const { host } = makeHost();
    const doc = csvFilterParquet('in.csv', 'v >= 20', 'out.parquet');
    const first = await host.dispatch('pipeline.check', { document: doc, baseDir: dir });
    expect(host.engine.cachedKeys()).toHaveLength(1);
    const moved = { ...doc, layout: { orders: { x: 10, y: 20 } } };
    const second = await host.dispatch('pipeline.check', { document: moved, baseDir: dir });
    expect(second).toEqual(first);
    const preview = ok<{ rows: unknown[][] }>(
      await host.dispatch('pipeline.preview', {
        document: moved,
        baseDir: dir,
        nodeId: 'kept',
        limit: 10,
        requestId: 'p1',
      }),
    );
    expect(preview.rows).toEqual([
      [2, 'b', 20],
      [3, 'c', 30],
    ]);
    expect(host.engine.cachedKeys()).toHaveLength(1);
    // A changed source file must not be answered from the old session's bound schema.
    writeFileSync(join(dir, 'in.csv'), 'id,name,v,extra\n1,a,10,x\n');
    const third = ok<{ schemas: Record<string, Array<{ name: string }>> }>(
      await host.dispatch('pipeline.check', { document: doc, baseDir: dir }),
    );
    expect(third.schemas['orders']?.map((c) => c.name)).toEqual(['id', 'name', 'v', 'extra']);
    expect(host.engine.cachedKeys()).toHaveLength(2);
  });

  it('does not reuse a session when its file is rewritten with the same size and mtime', async () => {
    const dir = smallDir();
    const file = join(dir, 'in.csv');
    const { host } = makeHost();
    const doc = csvFilterParquet('in.csv', 'v >= 20', 'out.parquet');
    const names = async (): Promise<string[] | undefined> =>
      ok<{ schemas: Record<string, Array<{ name: string }>> }>(
        await host.dispatch('pipeline.check', { document: doc, baseDir: dir }),
      ).schemas['orders']?.map((c) => c.name);
    utimesSync(file, 1_700_000_000, 1_700_000_000);
    expect(await names()).toEqual(['id', 'name', 'v']);
    // Past a tick of the kernel's clock, as a later save would be; the mtime is then put back exactly.
    await new Promise((r) => setTimeout(r, 25));
    writeFileSync(file, 'id,nome,v\n1,a,10\n2,b,20\n3,c,30\n');
    utimesSync(file, 1_700_000_000, 1_700_000_000);
    expect(await names()).toEqual(['id', 'nome', 'v']);
    expect(host.engine.cachedKeys()).toHaveLength(2);
  });

  it('keeps at most three sessions', async () => {
    const dir = smallDir();
    const { host } = makeHost();
    for (const v of [1, 2, 3, 4, 5])
      await host.dispatch('pipeline.check', {
        document: csvFilterParquet('in.csv', `v >= ${v}`, 'out.parquet'),
        baseDir: dir,
      });
    expect(host.engine.cachedKeys()).toHaveLength(3);
  });

  it('answers an invalid document with document.invalid and its diagnostics', async () => {
    const { host } = makeHost();
    const r = await host.dispatch('pipeline.check', {
      document: { format: 'duto.pipeline', version: 1, nodes: [{ id: 'Bad Id', type: 'source.csv' }] },
      baseDir: '/tmp',
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('document.invalid');
    expect(r.error.diagnostics?.[0]?.path).toBe('nodes[0].id');
    expect(r.error.message).not.toMatch(/\bat .*\.ts:\d+/);
  });

  it('rejects invalid payloads with a message naming the field', async () => {
    const { host } = makeHost();
    const r = await host.dispatch('pipeline.preview', {
      document: {},
      baseDir: '/tmp',
      nodeId: 'x',
      limit: 0,
      requestId: 'r',
    });
    expect(r).toMatchObject({ ok: false, error: { code: 'request.invalid' } });
    if (!r.ok) expect(r.error.message).toMatch(/^pipeline\.preview: limit: /);
    const missing = await host.dispatch('pipeline.check', { document: {} });
    if (!missing.ok) expect(missing.error.message).toContain('baseDir');
    expect(await host.dispatch('pipeline.explode', {})).toMatchObject({
      ok: false,
      error: { code: 'request.unknown-operation' },
    });
  });

  it('reports a preview of a broken node with the node and its diagnostics', async () => {
    const dir = smallDir();
    const { host } = makeHost();
    const r = await host.dispatch('pipeline.preview', {
      document: csvFilterParquet('in.csv', 'nope > 1', 'out.parquet'),
      baseDir: dir,
      nodeId: 'kept',
      limit: 5,
      requestId: 'p',
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.nodeId).toBe('kept');
    expect(r.error.diagnostics?.length).toBeGreaterThan(0);
  });

  it('runs, emitting progress events with the run id', async () => {
    const dir = smallDir();
    const { host, emitted } = makeHost();
    const r = ok<{ ok: boolean; outputs: unknown[] }>(
      await host.dispatch('pipeline.run', {
        document: csvFilterParquet('in.csv', 'v >= 20', 'out.parquet'),
        baseDir: dir,
        runId: 'run-1',
      }),
    );
    expect(r.ok).toBe(true);
    expect(r.outputs).toEqual([{ nodeId: 'out', path: join(dir, 'out.parquet'), rows: 2 }]);
    const progress = emitted.filter((e) => e.event === 'pipeline.progress');
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.every((e) => (e.payload as { runId: string }).runId === 'run-1')).toBe(true);
    expect(
      progress
        .map((e) => (e.payload as { event: { nodeId: string; status: string } }).event)
        .filter((e) => e.nodeId === 'out')
        .at(-1)?.status,
    ).toBe('done');
  });

  it('cancels a run by its id; the previous output stays', async () => {
    const out = join(freshDir(), 'result.parquet');
    writeFileSync(out, 'previous output');
    const { host, emitted } = makeHost();
    const running = host.dispatch('pipeline.run', {
      document: csvFilterParquet(join(bigDir, 'big.csv'), SLOW, out),
      baseDir: bigDir,
      runId: 'big',
    });
    while (!emitted.some((e) => (e.payload as { event: { status: string } }).event.status === 'running'))
      await new Promise((r) => setTimeout(r, 10));
    expect(await host.dispatch('pipeline.cancel', { requestId: 'big' })).toEqual({
      ok: true,
      value: { cancelled: true },
    });
    const r = ok<{ cancelled: boolean; ok: boolean }>(await running);
    expect(r).toMatchObject({ cancelled: true, ok: false });
    expect(readFileSync(out, 'utf8')).toBe('previous output');
    expect(tempEntries(bigDir)).toEqual([]);
    expect(await host.dispatch('pipeline.cancel', { requestId: 'big' })).toEqual({
      ok: true,
      value: { cancelled: false },
    });
  });

  it('cancels a preview by its request id', async () => {
    const { host } = makeHost();
    // No row matches and each costs five hashes: the preview scans the whole file unless cancelled.
    const doc = csvFilterParquet(
      join(bigDir, 'big.csv'),
      `md5(md5(md5(md5(md5(h))))) = 'none'`,
      join(bigDir, 'never.parquet'),
    );
    await host.dispatch('pipeline.check', { document: doc, baseDir: bigDir });
    const preview = host.dispatch('pipeline.preview', {
      document: doc,
      baseDir: bigDir,
      nodeId: 'kept',
      limit: 10,
      requestId: 'slow-preview',
    });
    await new Promise((r) => setTimeout(r, 100));
    expect(await host.dispatch('pipeline.cancel', { requestId: 'slow-preview' })).toEqual({
      ok: true,
      value: { cancelled: true },
    });
    const r = await preview;
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toMatch(/cancel/);
  });

  it('documents the pipeline as Markdown, with columns; a pipeline that cannot open is documented with why', async () => {
    const dir = smallDir();
    const { host } = makeHost();
    const r = ok<{ markdown: string }>(
      await host.dispatch('pipeline.docs', {
        document: { ...csvFilterParquet('in.csv', 'v >= 20', 'out.parquet'), name: 'Small report' },
        baseDir: dir,
      }),
    );
    expect(r.markdown).toMatch(/^# Small report\n/);
    expect(r.markdown).toContain('n_orders --> n_kept');
    expect(r.markdown).toContain('Small report.duto.json');
    expect(r.markdown).toMatch(/\| `v` \| `BIGINT` \|/);
    const broken = ok<{ markdown: string }>(
      await host.dispatch('pipeline.docs', {
        document: csvFilterParquet('missing.csv', 'true', 'out.parquet'),
        baseDir: dir,
        file: join(dir, 'p.duto.json'),
      }),
    );
    expect(broken.markdown).toContain('p.duto.json');
    expect(broken.markdown).toMatch(/missing\.csv/);
  });

  it('gives the column lineage the canvas highlights (pipeline.columnLineage), in the shape the contract validates', async () => {
    const dir = smallDir();
    const { host } = makeHost();
    const r = ok<{
      outputs: Array<{
        node: string;
        column: string;
        sources: Array<{ node: string; column: string; subtype: string }>;
        through: string[];
      }>;
    }>(
      await host.dispatch('pipeline.columnLineage', {
        document: csvFilterParquet('in.csv', 'v >= 20', 'out.parquet'),
        baseDir: dir,
      }),
    );
    expect(r.outputs.find((o) => o.column === 'v')).toEqual({
      node: 'out',
      column: 'v',
      sources: [{ node: 'orders', column: 'v', subtype: 'IDENTITY' }],
      through: ['kept'],
      unknown: [],
    });
  });

  it('keeps the runs of a saved pipeline, newest first, for the History panel', async () => {
    const dir = smallDir();
    const { host } = makeHost();
    const file = join(dir, `history-${String(Date.now())}.duto.json`);
    const document = csvFilterParquet('in.csv', 'v >= 20', 'out.parquet');
    ok(await host.dispatch('pipeline.run', { document, baseDir: dir, runId: 'h1', file }));
    ok(
      await host.dispatch('pipeline.run', {
        document: csvFilterParquet('in.csv', 'nope >= 20', 'out.parquet'),
        baseDir: dir,
        runId: 'h2',
        file,
      }),
    );
    const h = ok<{
      runs: Array<{ outcome: string; from: string; outputs: unknown[]; diagnostics: Array<{ message: string }> }>;
    }>(await host.dispatch('pipeline.history', { file }));
    expect(h.runs.map((r) => [r.outcome, r.from])).toEqual([
      ['failed', 'app'],
      ['succeeded', 'app'],
    ]);
    expect(h.runs[1]?.outputs).toEqual([{ nodeId: 'out', path: join(dir, 'out.parquet'), rows: 2 }]);
    expect(h.runs[0]?.diagnostics[0]?.message).toMatch(/nope/);
  });

  it('lists every pipeline run in one place (history.all): both pipelines, newest first, with their files', async () => {
    const dir = smallDir();
    const { host } = makeHost();
    const a = join(dir, 'ops-a.duto.json');
    const b = join(dir, 'ops-b.duto.json');
    ok(
      await host.dispatch('pipeline.run', {
        document: csvFilterParquet('in.csv', 'v >= 20', 'a.parquet'),
        baseDir: dir,
        runId: 'o1',
        file: a,
      }),
    );
    ok(
      await host.dispatch('pipeline.run', {
        document: csvFilterParquet('in.csv', 'nope >= 20', 'b.parquet'),
        baseDir: dir,
        runId: 'o2',
        file: b,
      }),
    );
    const all = ok<{
      runs: Array<{ pipeline?: string; outcome: string; diagnostics: Array<{ nodeId?: string }> }>;
      skipped: number;
    }>(await host.dispatch('history.all', {}));
    const mine = all.runs.filter((r) => r.pipeline === a || r.pipeline === b);
    expect(mine.map((r) => [r.pipeline, r.outcome])).toEqual([
      [b, 'failed'],
      [a, 'succeeded'],
    ]);
    expect(mine[0]?.diagnostics[0]?.nodeId).toBe('kept');
    expect((await host.dispatch('history.all', { limit: 0 })).ok).toBe(false);
  });

  it('keeps the runs of an unsaved pipeline under its history key, apart from every other', async () => {
    const dir = smallDir();
    const { host } = makeHost();
    const historyKey = `k${Date.now().toString(36)}`;
    ok(
      await host.dispatch('pipeline.run', {
        document: csvFilterParquet('in.csv', 'v >= 20', 'out.parquet'),
        baseDir: dir,
        runId: 'u1',
        historyKey,
      }),
    );
    const h = ok<{ runs: Array<{ outcome: string; from: string }> }>(
      await host.dispatch('pipeline.history', { historyKey }),
    );
    expect(h.runs.map((r) => [r.outcome, r.from])).toEqual([['succeeded', 'app']]);
    expect(
      ok<{ runs: unknown[] }>(await host.dispatch('pipeline.history', { historyKey: `${historyKey}x` })).runs,
    ).toEqual([]);
    expect(ok<{ runs: unknown[] }>(await host.dispatch('pipeline.history', {})).runs).toEqual([]);

    // Saved at last: its runs come along to the file's history, once.
    const file = join(dir, `adopted-${historyKey}.duto.json`);
    ok(
      await host.dispatch('pipeline.run', {
        document: csvFilterParquet('in.csv', 'v >= 20', 'out.parquet'),
        baseDir: dir,
        runId: 'u2',
        file,
      }),
    );
    const adopted = ok<{ runs: Array<{ outcome: string }> }>(
      await host.dispatch('pipeline.history', { file, historyKey }),
    );
    expect(adopted.runs).toHaveLength(2);
    expect(ok<{ runs: unknown[] }>(await host.dispatch('pipeline.history', { historyKey })).runs).toEqual([]);
    expect(ok<{ runs: unknown[] }>(await host.dispatch('pipeline.history', { file, historyKey })).runs).toHaveLength(2);
  });

  it('shows the pipeline as SQL', async () => {
    const dir = smallDir();
    const { host } = makeHost();
    const r = ok<{ sql: string }>(
      await host.dispatch('pipeline.sql', {
        document: csvFilterParquet('in.csv', 'v >= 20', 'out.parquet'),
        baseDir: dir,
      }),
    );
    expect(r.sql).toMatch(/v >= 20/);
  });

  it("answers engine.functions with DuckDB's functions, validated against the contract", async () => {
    const { host } = makeHost();
    const r = ok<{ functions: Array<{ name: string; kind: string }> }>(await host.dispatch('engine.functions', {}));
    expect(r.functions.find((f) => f.name === 'upper')?.kind).toBe('scalar');
    expect(r.functions.find((f) => f.name === 'row_number')?.kind).toBe('window');
  });
});

describe('incremental sources in the app', () => {
  it('keep their watermark beside the saved pipeline file, so a second run reads only new rows', async () => {
    const dir = freshDir('duto-host-incr-');
    const SQL = await initSqlJs();
    const write = (sql: string): void => {
      const db = new SQL.Database();
      db.run(sql);
      writeFileSync(join(dir, 'shop.sqlite'), db.export());
      db.close();
    };
    write('CREATE TABLE t (id INTEGER); INSERT INTO t VALUES (1), (2), (3);');
    const document = {
      format: 'duto.pipeline',
      version: 1,
      nodes: [
        {
          id: 'src',
          type: 'source.sqlite',
          params: { path: 'shop.sqlite', table: 't', incremental: 'id', incrementalColumn: 'id' },
        },
        { id: 'out', type: 'sink.csv', inputs: { in: 'src' }, params: { path: 'out.csv' } },
      ],
    };
    const file = join(dir, 'shop.duto.json');
    writeFileSync(file, JSON.stringify(document));
    const { host } = makeHost();
    const first = ok<{ ok: boolean }>(
      await host.dispatch('pipeline.run', { document, baseDir: dir, file, runId: 'r1' }),
    );
    expect(first.ok).toBe(true);
    expect(readFileSync(join(dir, 'out.csv'), 'utf8')).toBe('id\n1\n2\n3\n');
    expect(existsSync(join(dir, '.duto-state', 'shop.json'))).toBe(true);
    write('CREATE TABLE t (id INTEGER); INSERT INTO t VALUES (1), (2), (3), (4), (5);');
    const second = ok<{ ok: boolean }>(
      await host.dispatch('pipeline.run', { document, baseDir: dir, file, runId: 'r2' }),
    );
    expect(second.ok).toBe(true);
    expect(readFileSync(join(dir, 'out.csv'), 'utf8')).toBe('id\n4\n5\n');
  });
});
