import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PipelineSession } from '../../api';
import { openPipeline } from '../../index';
import { freshDir } from '../../test-support';
import { doc, myDatabase, myQuery, testConnections } from '../test-databases';

/*
 * Honest MySQL/MariaDB sinks: an append or upsert into a table that cannot
 * roll back (MyISAM, MEMORY…) is refused before anything is read, unless the
 * user opts in; replace stays allowed (a new InnoDB table swapped in).
 */

let db: { name: string; drop: () => Promise<void> };
const sessions: PipelineSession[] = [];
const open = async (d: ReturnType<typeof doc>): Promise<PipelineSession> => {
  const s = await openPipeline(d, {
    trust: 'trusted',
    baseDir: freshDir(),
    connections: testConnections(db.name),
    threads: 2,
  });
  sessions.push(s);
  return s;
};
afterEach(() => {
  for (const s of sessions.splice(0)) s.close();
});
const q = (sql: string, values: unknown[] = []): Promise<unknown[][]> => myQuery(sql, values, db.name);

beforeAll(async () => {
  db = await myDatabase();
});
afterAll(async () => db.drop());

const pipeline = (table: string, mode: string, extra: Record<string, unknown> = {}) =>
  doc(
    {
      id: 'gen',
      type: 'source.mysql',
      params: { connection: 'shop', mode: 'query', query: 'SELECT seq AS id FROM seq_1_to_3' },
    },
    {
      id: 'dst',
      type: 'sink.mysql',
      inputs: { in: 'gen' },
      params: { connection: 'shop', table, mode, ...(mode === 'upsert' ? { keyColumns: ['id'] } : {}), ...extra },
    },
  );

describe('MySQL sinks into non-transactional tables', () => {
  it.each(['MyISAM', 'MEMORY', 'ARIA'])(
    'append and upsert into a %s table are refused with the reason and the ways out; the table is untouched',
    async (engine) => {
      const table = `t_${engine.toLowerCase()}`;
      await q(`CREATE TABLE ${table} (id INT PRIMARY KEY) ENGINE=${engine}`);
      await q(`INSERT INTO ${table} VALUES (100)`);
      for (const mode of ['append', 'upsert']) {
        const r = await (await open(pipeline(table, mode))).run();
        expect(r.ok).toBe(false);
        const d = r.diagnostics.find((x) => x.code === 'sink.non-transactional');
        expect(d).toMatchObject({ nodeId: 'dst', param: 'mode' });
        expect(d?.message).toContain(`the ${engine === 'ARIA' ? 'Aria' : engine} engine, which cannot roll back`);
        expect(d?.message).toContain('mode replace');
        expect(d?.message).toContain('allowNonAtomic');
      }
      expect(await q(`SELECT id FROM ${table}`)).toEqual([[100]]);
    },
  );

  it('the user may opt in (allowNonAtomic), and replace is allowed: it swaps in a new InnoDB table', async () => {
    await q('CREATE TABLE opt_in (id INT PRIMARY KEY) ENGINE=MyISAM');
    expect((await (await open(pipeline('opt_in', 'append', { allowNonAtomic: true }))).run()).ok).toBe(true);
    expect(await q('SELECT id FROM opt_in ORDER BY id')).toEqual([[1], [2], [3]]);
    expect((await (await open(pipeline('opt_in', 'replace'))).run()).ok).toBe(true);
    expect(
      await q("SELECT ENGINE FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'opt_in'"),
    ).toEqual([['InnoDB']]);
  });
});

describe('MySQL staging tables', () => {
  it('carry the run in their name; a run sweeps those of dead runs for its own target and leaves the rest', async () => {
    const { runToken } = await import('../sql/staging');
    // A dead run's (a day old, so dead on any machine), a live run's (this moment, another machine), another target's.
    const dead = `__duto_stage_swept_${runToken(Date.now() - 2 * 24 * 3600 * 1000).replace(/h[0-9a-f]{4}t/, 'hfffft')}`;
    const live = `__duto_stage_swept_${runToken().replace(/h[0-9a-f]{4}t/, 'hfffft')}`;
    const other = `__duto_stage_other_${runToken(Date.now() - 2 * 24 * 3600 * 1000).replace(/h[0-9a-f]{4}t/, 'hfffft')}`;
    for (const t of [dead, live, other]) await q(`CREATE TABLE \`${t}\` (id INT)`);
    expect((await (await open(pipeline('swept', 'replace'))).run()).ok).toBe(true);
    const left = (
      await q(
        "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME LIKE '\\_\\_duto\\_%' ORDER BY TABLE_NAME",
      )
    ).map((r) => r[0]);
    expect(left).toEqual([other, live].sort());
    expect(await q('SELECT CAST(id AS CHAR) FROM swept ORDER BY id')).toEqual([['1'], ['2'], ['3']]);
  });
});
