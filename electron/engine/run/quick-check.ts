import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { version } from '../../../package.json';
import type { PipelineDocument } from '../../../shared/format/document';
import { paramValues } from '../../../shared/format/param-values';
import type { ProgressEvent, RunResult } from '../api';
import { regularFileIdentity } from '../files/file-identity';
import { writeFileAtomicSync } from '../files/atomic-file';
import { perPipelineFile } from '../session/user-folders';

/**
 * The up-to-date check without the engine (issue #12, fast starts): after a
 * trusted CLI run that left every output of a plain file pipeline up to
 * date, the run also records what makes that so — a key of the document as
 * loaded, its parameter values and this Duto's version, the identity of
 * every file the run read (taken before it read them) and of every target
 * it left. The next `duto run` that finds the same key and the same
 * identities answers "up to date" as the full check would, with the same
 * events and result, without loading DuckDB or binding a node. Anything
 * else — another byte in the file, another --param, a source or target
 * touched, a record from another version — falls back to the full check.
 *
 * Only documents whose every node reads just the files its params name are
 * recorded: no databases, HTTP, folders or globs, models, Delta tables,
 * checks or reports, whose inputs a key of the document cannot see.
 */

/** Node types whose result depends on nothing but their params and the files those name. */
const PLAIN = new Set([
  'source.csv',
  'source.json',
  'source.parquet',
  'transform.aggregate',
  'transform.cast',
  'transform.custom-sql',
  'transform.derive',
  'transform.distinct',
  'transform.fill-nulls',
  'transform.filter',
  'transform.join',
  'transform.limit',
  'transform.pivot',
  'transform.select',
  'transform.sort',
  'transform.union',
  'transform.unpivot',
  'transform.window',
  'sink.csv',
  'sink.json',
  'sink.parquet',
]);

/** A glob in a source's path reads files that may come and go: the document alone does not name them. */
const GLOB = /[*?[{]/;

const identitySchema = z.strictObject({ path: z.string(), identity: z.string() });
const eventSchema = z.strictObject({
  nodeId: z.string(),
  status: z.enum(['pending', 'done']),
  elapsedMs: z.number(),
  rows: z.number().optional(),
  cached: z.boolean().optional(),
  origin: z.literal('cache').optional(),
});
const recordSchema = z.strictObject({
  format: z.literal('duto.quick-check'),
  version: z.literal(1),
  key: z.string(),
  reads: z.array(identitySchema),
  targets: z.array(identitySchema),
  events: z.array(eventSchema),
  outputs: z.array(z.strictObject({ nodeId: z.string(), path: z.string(), rows: z.number(), cached: z.literal(true) })),
});
type QuickRecord = z.infer<typeof recordSchema>;

/** `$XDG_CACHE_HOME/duto/runs/<hash of the pipeline's path>.quick.json`: machine-local, beside the run cache. */
export function quickCheckFileFor(pipelineFile: string, env: NodeJS.ProcessEnv = process.env): string {
  return perPipelineFile('cache', 'runs', '.quick.json', pipelineFile, env);
}

/** The key of a document as loaded, with its parameter values, at its place, by this Duto. */
export function quickKey(doc: PipelineDocument, given: Readonly<Record<string, string>>, pipelineFile: string): string {
  const params = [...paramValues(doc, given)].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return createHash('sha256')
    .update(JSON.stringify([version, resolve(pipelineFile), doc, params]))
    .digest('hex');
}

/** Whether every node of the document reads only the files its params name (see PLAIN), with these parameter values. */
export function plainDocument(doc: PipelineDocument, given: Readonly<Record<string, string>>): boolean {
  const values = paramValues(doc, given);
  // A path is a glob by what it says once its `${param}`s are filled in.
  const filled = (s: string): string =>
    s.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_, name: string) => values.get(name) ?? '*');
  return doc.nodes.every(
    (n) =>
      n.disabled === true ||
      (PLAIN.has(n.type) &&
        (!n.type.startsWith('source.') || !strings(n.params ?? {}).some((s) => GLOB.test(filled(s))))),
  );
}

function strings(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.flatMap(strings);
  if (typeof v === 'object' && v !== null) return Object.values(v).flatMap(strings);
  return [];
}

/** The identities of these files now; undefined when one is not a readable regular file. */
export function identities(paths: Iterable<string>): Array<{ path: string; identity: string }> | undefined {
  const out: Array<{ path: string; identity: string }> = [];
  for (const path of [...new Set(paths)].sort()) {
    const identity = regularFileIdentity(path);
    if (identity === undefined) return undefined;
    out.push({ path, identity });
  }
  return out;
}

/** What the full check would say of an up-to-date run: its events and outputs. */
export interface UpToDateAnswer {
  events: ProgressEvent[];
  outputs: RunResult['outputs'];
}

/** Keeps the record; a record that cannot be written only costs the full check next time. */
export function writeQuickRecord(
  file: string,
  key: string,
  reads: ReadonlyArray<{ path: string; identity: string }>,
  targets: ReadonlyArray<{ path: string; identity: string }>,
  answer: UpToDateAnswer,
): void {
  const events: QuickRecord['events'] = [];
  for (const e of answer.events) {
    if (e.status !== 'pending' && e.status !== 'done') return;
    if (e.origin !== undefined && e.origin !== 'cache') return;
    events.push({
      nodeId: e.nodeId,
      status: e.status,
      elapsedMs: e.elapsedMs,
      ...(e.rows === undefined ? {} : { rows: e.rows }),
      ...(e.cached === undefined ? {} : { cached: e.cached }),
      ...(e.origin === undefined ? {} : { origin: e.origin }),
    });
  }
  const record: QuickRecord = {
    format: 'duto.quick-check',
    version: 1,
    key,
    reads: [...reads],
    targets: [...targets],
    events,
    outputs: answer.outputs.map((o) => ({ nodeId: o.nodeId, path: o.path, rows: o.rows, cached: true })),
  };
  try {
    writeFileAtomicSync(file, `${JSON.stringify(record, null, 2)}\n`);
  } catch {
    // Not recorded: the next run checks in full.
  }
}

/**
 * The up-to-date answer for this key when every file the record names is
 * still the one it saw; undefined (check in full) otherwise, or when the
 * record is missing, damaged or another version's.
 */
export function quickAnswer(file: string, key: string): UpToDateAnswer | undefined {
  let record: QuickRecord;
  try {
    if (!existsSync(file)) return undefined;
    const parsed = recordSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    if (!parsed.success) return undefined;
    record = parsed.data;
  } catch {
    return undefined;
  }
  if (record.key !== key || record.targets.length === 0) return undefined;
  for (const f of [...record.reads, ...record.targets])
    if (regularFileIdentity(f.path) !== f.identity) return undefined;
  const events = record.events.map((e): ProgressEvent => ({
    nodeId: e.nodeId,
    status: e.status,
    elapsedMs: e.elapsedMs,
    ...(e.rows === undefined ? {} : { rows: e.rows }),
    ...(e.cached === undefined ? {} : { cached: e.cached }),
    ...(e.origin === undefined ? {} : { origin: e.origin }),
  }));
  return { events, outputs: record.outputs };
}
