import type { DuckDBConnection } from '@duckdb/node-api';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { str } from '../../../shared/sql/quote';
import { commitEntry, entryProblem, evict, touchEntry } from '../node-cache/cache-store';
import type { NodeCachePlan } from '../node-cache/node-cache-plan';
import { readOne } from '../walls/one-statement';
import { describeColumns } from './preview-from-cache';

/**
 * A node's whole output, kept for the looks that scan all of it (its
 * profile, its charts): the first such look writes it once to a Parquet
 * entry in the node cache (under a key no run reads, node-cache-plan.ts),
 * every later one — a histogram, a grouped bar, the next session after an
 * edit downstream — reads that instead of parsing and joining again
 * (Mosaic's lesson: scan once, then aggregate what is kept). An entry that
 * is damaged, or whose columns are not the node's, is never used.
 */
export class LookEntries {
  private readonly pending = new Map<string, Promise<string | undefined>>();

  constructor(private readonly plan: NodeCachePlan | undefined) {}

  /** The node's kept copy, if a look already wrote one that is whole. */
  async kept(conn: DuckDBConnection, nodeId: string, view: string): Promise<string | undefined> {
    const look = this.plan?.looks.get(nodeId);
    if (this.plan === undefined || look?.entry === undefined) return undefined;
    const entry = look.entry;
    if (entryProblem(this.plan.dir, entry) !== undefined) return undefined;
    const source = `read_parquet(${str(join(this.plan.dir, entry.file))})`;
    try {
      const columns = JSON.stringify(await describeColumns(conn, view));
      if (columns !== JSON.stringify(entry.columns) || columns !== JSON.stringify(await describeColumns(conn, source)))
        return undefined;
    } catch {
      return undefined;
    }
    touchEntry(this.plan.dir, look.print);
    return source;
  }

  /** The kept copy, written now if there is none (once per node, whoever asks meanwhile waits for it); undefined: read the view. */
  async whole(
    conn: DuckDBConnection,
    nodeId: string,
    view: string,
    signal: AbortSignal | undefined,
  ): Promise<string | undefined> {
    const kept = await this.kept(conn, nodeId, view);
    if (kept !== undefined) return kept;
    const pending = this.pending.get(nodeId);
    if (pending !== undefined) return pending.catch(() => undefined);
    const writing = this.write(conn, nodeId, view, signal);
    this.pending.set(nodeId, writing);
    try {
      return await writing;
    } finally {
      this.pending.delete(nodeId);
    }
  }

  private async write(
    conn: DuckDBConnection,
    nodeId: string,
    view: string,
    signal: AbortSignal | undefined,
  ): Promise<string | undefined> {
    const plan = this.plan;
    const look = plan?.looks.get(nodeId);
    if (plan === undefined || look === undefined) return undefined;
    const { temp, final } = look.names;
    try {
      const rows = Number(
        (await readOne(conn, `COPY (SELECT * FROM ${view}) TO ${str(temp)} (FORMAT parquet)`)).getRowsJson()[0]?.[0] ??
          0,
      );
      const columns = await describeColumns(conn, view);
      // A type Parquet does not keep (HUGEINT, ENUM…) would change what the look shows: then there is none.
      if (JSON.stringify(columns) !== JSON.stringify(await describeColumns(conn, `read_parquet(${str(temp)})`))) {
        rmSync(temp, { force: true });
        return undefined;
      }
      look.entry = commitEntry(plan.dir, look.print, look.names, rows, columns);
      const keep = new Set([...plan.looks.values()].map((l) => l.print));
      evict(plan.dir, plan.maxBytes, keep);
      return `read_parquet(${str(final)})`;
    } catch (e) {
      rmSync(temp, { force: true });
      // A cancel is the look's answer; anything else (a full disk, a data error the view will name) reads the view instead.
      if (signal?.aborted === true) throw e;
      return undefined;
    }
  }
}
