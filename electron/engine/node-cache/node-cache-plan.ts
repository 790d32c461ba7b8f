import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { Analysis } from '../../../shared/compiler/plan';
import type { PlanAccess } from '../bind/plan-access';
import { ensureCacheDir, readEntry, wasSeen, writeNames, type CacheEntry } from './cache-store';
import { nodePrints } from './node-fingerprint';

/**
 * What one run may do with the node cache, decided before DuckDB opens: the
 * fingerprint of every node, which ones are kept, the entries already there
 * (read) and the names this run would write. The sandbox is given exactly
 * these files — no other entry, and never the cache folder itself, so no
 * sink and no user SQL can write into it.
 */
export interface NodeCachePlan {
  dir: string;
  maxBytes: number;
  prints: Map<string, string>;
  persist: Set<string>;
  /** Kept nodes this run writes when it computes them: those kept at once, and those whose fingerprint a run has computed before. */
  writes: Set<string>;
  /** Committed entries of kept nodes, as their sidecars said when the run opened. */
  entries: Map<string, CacheEntry>;
  /** Where this run writes a kept node's entry. */
  names: Map<string, { temp: string; final: string }>;
  /**
   * A design session's copies of a node's whole output (look-entry.ts), for
   * the profile and charts that scan it: keyed apart from run entries, so a
   * run never reads what a design session wrote. Empty for a run.
   */
  looks: Map<string, LookPlan>;
}

export interface LookPlan {
  print: string;
  entry: CacheEntry | undefined;
  names: { temp: string; final: string };
}

export interface NodeCacheSettings {
  dir: string;
  maxBytes: number;
  /** Nodes reused although they look volatile (their config alone keys them). */
  pinned?: readonly string[];
  /**
   * When a big result (a parsed CSV, a join) is kept: the first run that
   * computes it (the app, where edits and re-runs follow each other), or
   * the second (the CLI's default, so a one-off cold run pays nearly
   * nothing). Small grouped results are always kept at once.
   */
  keep?: 'first-run' | 'second-run';
  /** A design session: every node with a fingerprint may get a look entry (its whole output, for profiles and charts). */
  looks?: boolean;
}

/** A look's own key: the node's fingerprint, in a namespace no run reads. */
function lookPrint(print: string): string {
  return createHash('sha256').update(`look\0${print}`).digest('hex').slice(0, 40);
}

export function planNodeCache(analysis: Analysis, access: PlanAccess, settings: NodeCacheSettings): NodeCachePlan {
  ensureCacheDir(settings.dir);
  const { prints, persist, atOnce } = nodePrints(analysis, access, new Set(settings.pinned ?? []));
  const writes = new Set<string>();
  const entries = new Map<string, CacheEntry>();
  const names = new Map<string, { temp: string; final: string }>();
  for (const id of persist) {
    const print = prints.get(id);
    if (print === undefined) continue;
    const entry = readEntry(settings.dir, print);
    if (entry !== undefined) entries.set(id, entry);
    names.set(id, writeNames(settings.dir, print));
    if (settings.keep === 'first-run' || atOnce.has(id) || wasSeen(settings.dir, print)) writes.add(id);
  }
  const looks = new Map<string, LookPlan>();
  if (settings.looks === true)
    for (const [id, print] of prints) {
      const look = lookPrint(print);
      looks.set(id, { print: look, entry: readEntry(settings.dir, look), names: writeNames(settings.dir, look) });
    }
  return { dir: settings.dir, maxBytes: settings.maxBytes, prints, persist, writes, entries, names, looks };
}

/**
 * The cache files DuckDB may touch: the entries it may read, for a run
 * (`writes`) the two names of each it may write, and a design session's looks.
 */
export function nodeCacheFiles(plan: NodeCachePlan, writes: boolean): string[] {
  const read = [...plan.entries.values()].map((e) => join(plan.dir, e.file));
  const looks = [...plan.looks.values()].flatMap((l) => [
    ...(l.entry === undefined ? [] : [join(plan.dir, l.entry.file)]),
    l.names.temp,
    l.names.final,
  ]);
  return writes ? [...read, ...[...plan.names.values()].flatMap((n) => [n.temp, n.final])] : [...read, ...looks];
}
