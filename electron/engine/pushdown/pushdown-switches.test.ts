import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PipelineSession } from '../api';
import { openPipeline } from '../index';
import { freshDir } from '../test-support';
import { doc, pgQuery, pgSchema, testConnections } from '../connectors/test-databases';
import type { PipelineDocument } from '../../../shared/format/document';
import { explainText, mayPush, pushdownSplit } from './explain-pushdown';
import { pushedDocument, SWITCHED_OFF } from './plan-pushdown';

/**
 * The user's switches: `pushdown: false` on a node keeps it (and what is below
 * it) in DuckDB; on the pipeline it keeps everything there. Either way the
 * rows are the ones DuckDB gives pulling the table.
 */

let pg = '';
let drop: () => Promise<void> = async () => {};
const sessions: PipelineSession[] = [];

const open = async (d: PipelineDocument): Promise<PipelineSession> => {
  const s = await openPipeline(d, {
    trust: 'trusted',
    baseDir: freshDir(),
    connections: testConnections(),
    threads: 2,
  });
  sessions.push(s);
  return s;
};
afterEach(() => {
  for (const s of sessions.splice(0)) s.close();
});

beforeAll(async () => {
  const s = await pgSchema();
  pg = s.name;
  drop = s.drop;
  await pgQuery(`CREATE TABLE ${pg}.orders (id integer, status text, qty integer)`);
  await pgQuery(
    `INSERT INTO ${pg}.orders SELECT i, CASE WHEN i % 3 = 0 THEN 'paid' ELSE 'open' END, i % 7 FROM generate_series(1, 200) i`,
  );
});
afterAll(async () => {
  await drop();
});

/** src → kept (filter) → calc (derive), with switches on the nodes named. */
function pipeline(off: { nodes?: string[]; pipeline?: boolean } = {}): PipelineDocument {
  const d = doc(
    { id: 'src', type: 'source.postgres', params: { connection: 'warehouse', table: `${pg}.orders` } },
    { id: 'kept', type: 'transform.filter', inputs: { in: 'src' }, params: { condition: "status = 'paid'" } },
    {
      id: 'calc',
      type: 'transform.derive',
      inputs: { in: 'kept' },
      params: { columns: [{ name: 'twice', expression: 'qty * 2' }] },
    },
  );
  return {
    ...d,
    ...(off.pipeline === true ? { pushdown: false } : {}),
    nodes: d.nodes.map((n) => (off.nodes?.includes(n.id) === true ? { ...n, pushdown: false } : n)),
  };
}

async function rows(d: PipelineDocument): Promise<unknown[][]> {
  return (await (await open(d)).preview('calc', 1000)).rows;
}

describe('pushdown switches', () => {
  it('with no switch the whole chain runs in PostgreSQL', async () => {
    const d = pipeline();
    const split = await pushdownSplit(d, await open(d));
    expect(split.chains.map((c) => c.nodes)).toEqual([['src', 'kept', 'calc']]);
    expect(split.kept).toEqual([]);
  });

  it('a node switched off ends the chain above it, with the reason, and the rows are unchanged', async () => {
    const d = pipeline({ nodes: ['calc'] });
    const split = await pushdownSplit(d, await open(d));
    expect(split.chains.map((c) => c.nodes)).toEqual([['src', 'kept']]);
    expect(split.kept).toMatchObject([{ nodeId: 'calc', target: 'PostgreSQL', reason: SWITCHED_OFF }]);
    expect(explainText(d, split)).toContain('in DuckDB: calc (no PostgreSQL: pushdown is off for this node)');
    const pushed = await rows(pushedDocument(d, split));
    expect(pushed).toHaveLength(66);
    expect(pushed).toEqual(await rows(d));
  });

  it('the first node below the source switched off: nothing is pushed', async () => {
    const d = pipeline({ nodes: ['kept'] });
    const split = await pushdownSplit(d, await open(d));
    expect(split.chains).toEqual([]);
    expect(split.kept).toMatchObject([{ nodeId: 'kept', target: 'PostgreSQL', reason: SWITCHED_OFF }]);
  });

  it('the source switched off: no chain starts there, and no DuckDB is opened to plan', async () => {
    const d = pipeline({ nodes: ['src'] });
    expect(mayPush(d)).toBe(false);
    expect(await pushdownSplit(d, await open(d))).toEqual({ chains: [], kept: [] });
  });

  it('the pipeline switched off pushes nothing, unless the caller forces it (duto run --pushdown)', async () => {
    const d = pipeline({ pipeline: true });
    expect(mayPush(d)).toBe(false);
    const s = await open(d);
    expect(await pushdownSplit(d, s)).toEqual({ chains: [], kept: [] });
    expect(explainText(d, { chains: [], kept: [] })).toMatch(/^pushdown is off for this pipeline/);
    const forced = await pushdownSplit(d, s, true);
    expect(forced.chains.map((c) => c.nodes)).toEqual([['src', 'kept', 'calc']]);
  });
});
