import type { DuckDBConnection } from '@duckdb/node-api';
import { afterEach, expect } from 'vitest';
import type { PipelineDocument } from '../../../shared/format/document';
import type { PipelineSession } from '../api';
import type { ConnectionLookup } from '../connections/resolved';
import { openPipeline } from '../index';
import { freshDir } from '../test-support';
import { planPushdown, pushedDocument, type PushdownSplit } from './plan-pushdown';

/**
 * What the per-node pushdown tests share, whatever the database: sessions
 * closed after each test, the split the planner makes, and the comparison of
 * a node's columns and rows pushed against pulled. `connections` and
 * `conn` (a DuckDB connection for the planner) are read when a test runs,
 * after the file's beforeAll has made them.
 */
export function pushedVsPulled(connections: () => ConnectionLookup, conn: () => DuckDBConnection) {
  const sessions: PipelineSession[] = [];
  afterEach(() => {
    for (const s of sessions.splice(0)) s.close();
  });

  const open = async (d: PipelineDocument): Promise<PipelineSession> => {
    const s = await openPipeline(d, { trust: 'trusted', baseDir: freshDir(), connections: connections(), threads: 2 });
    sessions.push(s);
    return s;
  };

  const splitOf = async (d: PipelineDocument): Promise<PushdownSplit> => {
    const s = await open(d);
    return planPushdown(conn(), d, async (id) => (await s.schema(id)).columns);
  };

  /** Columns and rows of `node`, each value as DuckDB's text; sorted unless the order is the result's. */
  const output = async (
    d: PipelineDocument,
    node: string,
    ordered: boolean,
  ): Promise<{ columns: unknown; rows: string[] }> => {
    const s = await open(d);
    const columns = (await s.schema(node)).columns;
    const rows = (await s.preview(node, 5000)).rows.map((r) => JSON.stringify(r));
    return { columns, rows: ordered ? rows : [...rows].sort() };
  };

  /** Pushes `d` and expects `nodes` in one part (in `target`, when given), the same columns and rows as pulled at `node`. */
  const expectSame = async (
    d: PipelineDocument,
    node: string,
    nodes: string[],
    ordered = false,
    target?: string,
  ): Promise<void> => {
    const split = await splitOf(d);
    if (process.env['PD_DEBUG'] !== undefined) console.log(split.chains.map((c) => c.sql).join('\n'));
    expect(split.kept).toEqual([]);
    if (target === undefined) expect(split.chains.map((c) => c.nodes)).toEqual([nodes]);
    else expect(split.chains.map((c) => [c.target.label, c.nodes])).toEqual([[target, nodes]]);
    const pushed = await output(pushedDocument(d, split), node, ordered);
    const pulled = await output(d, node, ordered);
    expect(pulled.rows.length).toBeGreaterThan(0);
    expect(pushed).toEqual(pulled);
  };

  return { open, splitOf, output, expectSame };
}
