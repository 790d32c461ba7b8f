import type { DuckDBConnection } from '@duckdb/node-api';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { reachable } from '../../../shared/compiler/graph';
import { warning, type Diagnostic } from '../../../shared/diagnostics';
import { str } from '../../../shared/sql/quote';
import { commitEntry, entryProblem, evict, markSeen, touchEntry, type CacheEntry } from '../node-cache/cache-store';
import { readOne, runOne } from '../walls/one-statement';
import { countRejected } from './rejects';
import { reusableLineage } from '../node-cache/stand-ins';
import type { Attempt, UnitRun } from './unit-run';

/**
 * Node results across runs (node-cache/): before a unit's chain runs, the
 * nearest ancestors whose entry is whole are read from it (their views
 * become `read_parquet` of the entry) and what is above them is not
 * computed at all; while the chain runs, each kept node not found is
 * written to its entry once and read from there by what follows — the
 * write is the only extra work, the node is not computed twice.
 */

/**
 * Whether a node may be reused or kept: it has a print, is kept, has a view,
 * and nothing it depends on checks rows or reads rows a source set aside
 * (those must see every run's own scan).
 */
function eligible(run: UnitRun, id: string): boolean {
  const nc = run.ctx.nodeCache;
  if (nc === undefined || run.options.noCache === true || !nc.persist.has(id) || !nc.prints.has(id)) return false;
  const step = run.ctx.bound.stepById.get(id);
  if (step?.view === undefined || step.sink !== undefined || run.ctx.bound.failed.has(id)) return false;
  return reusableLineage(run.ctx.analysis, id, run.ctx.bound.failed);
}

function lineageOf(run: UnitRun, id: string): Set<string> {
  return reachable(id, (x) => run.ctx.bound.stepById.get(x)?.upstream ?? []);
}

/** Rows the sources above set aside in this run: an entry is kept only when none did, so a reuse never hides bad rows. */
async function setAside(run: UnitRun, id: string): Promise<number> {
  let rows = 0;
  for (const n of lineageOf(run, id)) {
    const spec = run.ctx.bound.stepById.get(n)?.rejects;
    if (spec !== undefined) rows += (await countRejected(run.conn, spec)).rows;
  }
  return rows;
}

async function columnsOf(conn: DuckDBConnection, relation: string): Promise<CacheEntry['columns']> {
  const reader = await readOne(conn, `DESCRIBE SELECT * FROM ${relation}`);
  return reader.getRowsJson().map((r) => ({ name: String(r[0]), type: String(r[1]) }));
}

/**
 * A node's columns as its view was bound: DESCRIBE of the view binds its
 * whole chain again (CSV sources sniffed again, ≈ 70 ms on the canonical
 * pipeline). Compared with what an entry holds, a difference only costs a
 * miss (nothing is kept or reused), never a wrong entry.
 */
async function boundColumns(run: UnitRun, id: string, view: string): Promise<CacheEntry['columns']> {
  const bound = run.ctx.bound.schemas.get(id);
  return bound === undefined ? columnsOf(run.conn, view) : bound.map((c) => ({ name: c.name, type: c.type }));
}

const same = (a: CacheEntry['columns'], b: CacheEntry['columns']): boolean =>
  a.length === b.length && a.every((c, i) => c.name === b[i]?.name && c.type === b[i]?.type);

/** Binds a whole entry in place of the node's view; a problem with it is said, and the node is computed. */
async function useEntry(run: UnitRun, id: string): Promise<number | undefined> {
  const nc = run.ctx.nodeCache;
  const entry = nc?.entries.get(id);
  const view = run.ctx.bound.stepById.get(id)?.view;
  const print = nc?.prints.get(id);
  if (nc === undefined || entry === undefined || view === undefined || print === undefined) return undefined;
  const problem = entryProblem(nc.dir, entry);
  const note = (d: Diagnostic): undefined => {
    nc.entries.delete(id);
    run.diagnostics.push(d);
    return undefined;
  };
  if (problem !== undefined)
    return note(
      problem.missing
        ? warning('cache.entry-missing', {}, { nodeId: id })
        : warning('cache.entry-damaged', { detail: problem.detail }, { nodeId: id }),
    );
  const source = `read_parquet(${str(join(nc.dir, entry.file))})`;
  try {
    const reader = await readOne(run.conn, `SELECT count(*) FROM ${source}`);
    const rows = Number(reader.getRowsJson()[0]?.[0] ?? -1);
    if (
      rows !== entry.rows ||
      !same(await columnsOf(run.conn, source), entry.columns) ||
      !same(await boundColumns(run, id, view.name), entry.columns)
    ) {
      return note(warning('cache.entry-damaged', { detail: 'rows/columns' }, { nodeId: id }));
    }
    await runOne(run.conn, `CREATE OR REPLACE VIEW ${view.name} AS SELECT * FROM ${source}`);
  } catch {
    return note(warning('cache.entry-damaged', { detail: 'parquet' }, { nodeId: id }));
  }
  touchEntry(nc.dir, print);
  return entry.rows;
}

/**
 * Settles what the cache spares this unit: the nearest reusable ancestors
 * (origin 'cache', with their rows) and everything only they needed, and
 * narrows the attempt's chain to what is left to compute.
 */
export async function reuseCached(run: UnitRun, a: Attempt): Promise<void> {
  if (run.ctx.nodeCache === undefined || run.options.noCache === true) return;
  const inChain = new Set(a.chain);
  const compute = new Set<string>();
  const hits = new Map<string, number>();
  const visit = [a.unit];
  while (visit.length > 0) {
    const id = visit.pop() ?? '';
    if (compute.has(id) || hits.has(id) || !inChain.has(id)) continue;
    if (id !== a.unit && eligible(run, id)) {
      const rows = await useEntry(run, id);
      if (rows !== undefined) {
        hits.set(id, rows);
        continue;
      }
    }
    compute.add(id);
    visit.push(...(run.ctx.bound.stepById.get(id)?.upstream ?? run.ctx.analysis.nodes.get(id)?.upstream ?? []));
  }
  const spared = a.chain.filter((n) => !compute.has(n));
  run.status.settle(spared, (n) => {
    const rows = hits.get(n);
    return rows === undefined ? { status: 'done', origin: 'cache' } : { status: 'done', rows, origin: 'cache' };
  });
  a.chain = a.chain.filter((n) => compute.has(n));
}

/**
 * Writes the entry of each kept node of the chain (not the unit's own output, but for an idle-time
 * keeping run, whose units are the nodes to keep), then reads it from there; returns their rows.
 */
export async function persistChain(run: UnitRun, a: Attempt): Promise<Map<string, number>> {
  const nc = run.ctx.nodeCache;
  const rows = new Map<string, number>();
  if (nc === undefined || run.options.noCache === true) return rows;
  for (const id of a.chain) {
    if (
      (id === a.unit && run.options.keepOnly !== true) ||
      run.status.isSettled(id) ||
      !eligible(run, id) ||
      nc.entries.has(id)
    )
      continue;
    const view = run.ctx.bound.stepById.get(id)?.view;
    const names = nc.names.get(id);
    const print = nc.prints.get(id);
    if (view === undefined || names === undefined || print === undefined) continue;
    if (!nc.writes.has(id)) {
      // Big and seen for the first time: remembered once the unit succeeds, kept if a run computes it again.
      (a.seen ??= []).push(print);
      continue;
    }
    a.failedAt = id;
    const n = await copyToEntry(run, view.name, names.temp);
    const columns = await boundColumns(run, id, view.name);
    const written = await columnsOf(run.conn, `read_parquet(${str(names.temp)})`);
    // A type Parquet does not keep (HUGEINT, ENUM…): the entry would change the result, so there is none.
    if (!same(columns, written) || (await setAside(run, id)) > 0) {
      rmSync(names.temp, { force: true });
      continue;
    }
    try {
      nc.entries.set(id, commitEntry(nc.dir, print, names, n, columns, lineageWarnings(run, id)));
    } catch {
      // A cache that cannot be written costs a recomputation next time, never the run.
      continue;
    }
    await runOne(run.conn, `CREATE OR REPLACE VIEW ${view.name} AS SELECT * FROM read_parquet(${str(names.final)})`);
    rows.set(id, n);
  }
  a.failedAt = a.unit;
  return rows;
}

/** Writes a node's rows to its entry's temporary name; a write that fails or is cancelled leaves nothing there. */
async function copyToEntry(run: UnitRun, view: string, temp: string): Promise<number> {
  try {
    const reader = await readOne(run.conn, `COPY (SELECT * FROM ${view}) TO ${str(temp)} (FORMAT parquet)`);
    return Number(reader.getRowsJson()[0]?.[0] ?? 0);
  } catch (e) {
    rmSync(temp, { force: true });
    throw e;
  }
}

/** The design-time warnings of a node and what is above it (a run reading its entry instead says them too). */
function lineageWarnings(run: UnitRun, id: string): Diagnostic[] {
  const lineage = lineageOf(run, id);
  return run.ctx.bound.diagnostics.filter(
    (d) => d.severity === 'warning' && d.nodeId !== undefined && lineage.has(d.nodeId) && d.code !== 'node.unused',
  );
}

/** After a unit succeeded: the big results it computed without keeping them are remembered (kept the next time). */
export function rememberSeen(run: UnitRun, a: Attempt): void {
  const nc = run.ctx.nodeCache;
  if (nc === undefined) return;
  for (const print of a.seen ?? []) markSeen(nc.dir, print);
}

/** After the run: the cache is brought back within its budget, least recently used entries first. */
export function trimCache(run: UnitRun): void {
  const nc = run.ctx.nodeCache;
  if (nc === undefined) return;
  try {
    evict(nc.dir, nc.maxBytes);
  } catch {
    // Housekeeping only.
  }
}
