import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import initSqlJs from 'sql.js';
import { afterEach, describe, expect, it } from 'vitest';
import type { PipelineSession, ProgressEvent } from '../api';
import { doc } from '../connectors/test-databases';
import { openPipeline } from '../index';
import { freshDir } from '../test-support';
import { lockFileTarget, lockPathFor } from './file-lock';

/*
 * The engine's run path takes the locks, so the app (one process, several
 * sessions) gets them as the CLI does: two sessions appending to one SQLite
 * table keep every row, a waiting sink says so in its progress, a wait of 0
 * fails with sink.locked on the node, and a cancel ends a wait.
 */

const sessions: PipelineSession[] = [];
afterEach(() => {
  for (const s of sessions.splice(0)) s.close();
});

async function appendTo(
  dir: string,
  tag: string,
  target: { type: string; params: Record<string, unknown> },
): Promise<PipelineSession> {
  const d = doc(
    { id: 'gen', type: 'transform.sql', params: { query: `SELECT i, '${tag}' AS tag FROM range(20000) t(i)` } },
    { id: 'out', type: target.type, inputs: { in: 'gen' }, params: target.params },
  );
  const s = await openPipeline(d, { trust: 'trusted', baseDir: dir, threads: 1, purpose: 'run' });
  sessions.push(s);
  return s;
}

const sqliteSink = { type: 'sink.sqlite', params: { path: 'shop.sqlite', table: 't', mode: 'append' } };

describe('locks in the engine run path', () => {
  it('two sessions in one process appending to one SQLite table keep every row; the waiting one says for what', async () => {
    const dir = freshDir('duto-runlocks-');
    const target = join(dir, 'shop.sqlite');
    const [a, b] = await Promise.all([appendTo(dir, 'a', sqliteSink), appendTo(dir, 'b', sqliteSink)]);
    // Held first by someone else, so both runs are sure to meet the lock.
    const held = await lockFileTarget(target, { runId: 'holder', waitMs: 0 }, new AbortController().signal);
    const events: ProgressEvent[] = [];
    const runs = Promise.all([
      a.run({ onProgress: (e) => events.push(e) }),
      b.run({ onProgress: (e) => events.push(e) }),
    ]);
    await new Promise((r) => setTimeout(r, 500));
    held.release();
    const [ra, rb] = await runs;
    expect([ra.ok, rb.ok, ra.diagnostics, rb.diagnostics]).toEqual([true, true, [], []]);
    expect(events.filter((e) => e.waiting !== undefined).map((e) => [e.nodeId, e.status])).toContainEqual([
      'out',
      'running',
    ]);
    expect(events.find((e) => e.waiting !== undefined)?.waiting).toMatch(
      new RegExp(`^waiting for .*shop\\.sqlite: locked by run holder \\(pid ${String(process.pid)}\\) since `),
    );
    const SQL = await initSqlJs();
    const db = new SQL.Database(readFileSync(target));
    expect(db.exec('SELECT tag, count(*) FROM t GROUP BY tag ORDER BY tag')[0]?.values).toEqual([
      ['a', 20000],
      ['b', 20000],
    ]);
    db.close();
  });

  it('with a lock wait of 0 a held file target fails the run with sink.locked on the sink; a cancel ends a wait', async () => {
    const dir = freshDir('duto-runlocks-');
    const target = join(dir, 'out.parquet');
    const held = await lockFileTarget(target, { runId: 'holder', waitMs: 0 }, new AbortController().signal);
    try {
      const s = await appendTo(dir, 'a', { type: 'sink.parquet', params: { path: 'out.parquet' } });
      const r = await s.run({ lockWaitMs: 0 });
      expect(r.ok).toBe(false);
      expect(r.diagnostics).toEqual([
        expect.objectContaining({ code: 'sink.locked', severity: 'error', nodeId: 'out', param: 'path' }),
      ]);
      expect(r.nodes['out']?.status).toBe('failed');

      const stop = new AbortController();
      const waiting = s.run({ signal: stop.signal, onProgress: (e) => e.waiting !== undefined && stop.abort() });
      const c = await waiting;
      expect([c.cancelled, c.nodes['out']?.status]).toEqual([true, 'cancelled']);
      // The holder's lock is untouched by the runs that did not get it.
      expect(readFileSync(lockPathFor(target), 'utf8')).toContain('"runId":"holder"');
    } finally {
      held.release();
    }
  });

  it.each([
    ['an Excel workbook', { type: 'sink.excel', params: { path: 'out.xlsx' } }, 'out.xlsx'],
    ['a partitioned folder', { type: 'sink.parquet', params: { path: 'parts', partitionBy: ['tag'] } }, 'parts'],
  ])('locks %s too', async (_, sink, name) => {
    const dir = freshDir('duto-runlocks-');
    const held = await lockFileTarget(join(dir, name), { runId: 'holder', waitMs: 0 }, new AbortController().signal);
    const s = await appendTo(dir, 'a', sink);
    try {
      const r = await s.run({ lockWaitMs: 0 });
      expect(r.diagnostics).toEqual([expect.objectContaining({ code: 'sink.locked', nodeId: 'out' })]);
    } finally {
      held.release();
    }
    expect((await s.run({ lockWaitMs: 0 })).ok).toBe(true);
    expect(existsSync(join(dir, name))).toBe(true);
    expect(existsSync(lockPathFor(join(dir, name)))).toBe(false);
  });
});
