import { createHash } from 'node:crypto';
import { version } from '../../../package.json';
import type { Analysis } from '../../../shared/compiler/plan';
import type { PlanAccess } from '../bind/plan-access';
import { fileIdentity } from '../files/file-identity';

/**
 * A node's result fingerprint, known before DuckDB opens (so the sandbox can
 * be given exactly the cache entries a run needs): this Duto's version, the
 * node's type, type version and params (after `${…}` substitution), its
 * inputs' fingerprints by port, and the identity (file-identity.ts) of every
 * file it reads. Volatile nodes have none: anything reading a database, an
 * HTTP API or a folder (which may gain files), or calling random(), now(),
 * current_date… — and everything downstream of them — unless pinned.
 */

const VOLATILE =
  /\b(random|uuid|gen_random_uuid|uuidv4|uuidv7|now|today|current_timestamp|current_date|current_time|current_localtimestamp|current_localtime|get_current_time|get_current_timestamp|transaction_timestamp|setseed|nextval|currval)\b/i;

/** Node types whose result is worth keeping: what costs to compute (parsing text, joining, grouping, sorting, windows, user SQL). */
const COSTLY = new Set([
  'source.csv',
  'source.json',
  'transform.join',
  'transform.aggregate',
  'transform.sort',
  'transform.window',
  'transform.sql',
  'transform.pivot',
  'transform.distinct',
]);

/**
 * Kept the first time they are computed: nodes that group rows, whose
 * results are small next to what they read, so writing them costs next to
 * nothing. The others (a parsed 10M-row CSV, a join) cost about a pass of
 * their own to write: they are kept the second time the same fingerprint is
 * computed — a run that is repeated or edited downstream, not a one-off
 * cold run (issue #12: the write overhead of a cold run stays small).
 */
const KEPT_AT_ONCE = new Set(['transform.aggregate', 'transform.pivot']);

export interface NodePrints {
  /** Node → fingerprint; absent: volatile or not computable. */
  prints: Map<string, string>;
  /** Nodes whose results are kept: costly ones and those with several consumers. */
  persist: Set<string>;
  /** Of those, the ones kept the first time they are computed (the others once their fingerprint has been seen before). */
  atOnce: Set<string>;
}

/** `pinned`: nodes the user declared stable although they look volatile (their config alone keys them). */
export function nodePrints(
  analysis: Analysis,
  access: PlanAccess,
  pinned: ReadonlySet<string> = new Set(),
): NodePrints {
  const prints = new Map<string, string>();
  const consumers = new Map<string, number>();
  for (const id of analysis.order) {
    const node = analysis.nodes.get(id);
    if (node === undefined || node.params === null) continue;
    for (const u of new Set(node.upstream)) consumers.set(u, (consumers.get(u) ?? 0) + 1);
    const isPinned = pinned.has(id);
    const hash = createHash('sha256').update(
      `${version}\0${node.def.type}\0${String(node.def.version)}\0${JSON.stringify(node.params)}\0`,
    );
    if (
      !isPinned &&
      (access.externalSources.has(id) || node.def.type === 'source.http' || VOLATILE.test(JSON.stringify(node.params)))
    )
      continue;
    let ok = true;
    for (const [port, refs] of Object.entries(node.inputs)) {
      for (const ref of refs) {
        const up = prints.get(ref.split('.')[0] ?? ref);
        if (up === undefined) ok = false;
        hash.update(`${port}\0${ref}\0${up ?? ''}\0`);
      }
    }
    for (const read of access.readsByNode.get(id) ?? []) {
      const identity = read.kind === 'file' ? fileIdentity(read.path) : undefined;
      if (identity === undefined && !isPinned) ok = false;
      hash.update(`${read.path}\0${identity ?? 'pinned'}\0`);
    }
    if (ok) prints.set(id, hash.digest('hex').slice(0, 40));
  }
  const persist = new Set<string>();
  const atOnce = new Set<string>();
  for (const id of prints.keys()) {
    const type = analysis.nodes.get(id)?.def.type ?? '';
    if (COSTLY.has(type) || (consumers.get(id) ?? 0) > 1) persist.add(id);
    if (KEPT_AT_ONCE.has(type)) atOnce.add(id);
  }
  return { prints, persist, atOnce };
}
