import { createHash } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import { readRegularTextSync } from '../files/read-regular';
import { basename, dirname, join } from 'node:path';
import { z } from 'zod';
import type { ExternalSourceSpec } from '../../../shared/catalog/node-type';
import { DutoError, error } from '../../../shared/diagnostics';
import { commitTemp, discardTemp, prepareTemp, tempTargetFor } from '../sinks/atomic-sink';

/**
 * Watermarks of incremental sources, per pipeline and node, in a small JSON
 * file next to the pipeline (`.duto-state/<pipeline>.json`). A watermark is
 * the highest value of the node's column that reached the sinks of a run
 * that succeeded as a whole; it is written atomically and only then.
 */

export const watermarkSchema = z.strictObject({
  column: z.string(),
  kind: z.enum(['timestamp', 'id']),
  /** What was read (connector, connection, table or query): a changed source starts over. */
  source: z.string(),
  value: z.string(),
  updatedAt: z.string(),
});
export type Watermark = z.infer<typeof watermarkSchema>;

const stateSchema = z.strictObject({
  format: z.literal('duto.state'),
  version: z.literal(1),
  watermarks: z.record(z.string(), watermarkSchema),
  /**
   * Nodes whose next run reads every row and overwrites the state their
   * targets keep (`duto state reset`; `*` is every node): the state tables in
   * the target databases are the truth, so forgetting the local copy alone
   * would not start over.
   */
  reset: z.array(z.string()).optional(),
});
export type StateFile = z.infer<typeof stateSchema>;

/** Whether `duto state reset` asked this node's next run to read every row. */
export function isReset(state: StateFile, nodeId: string): boolean {
  return state.reset?.includes(nodeId) ?? false;
}

/** `.duto-state/orders.json` beside `orders.duto.json`. */
export function stateFileFor(pipelineFile: string): string {
  const name = basename(pipelineFile).replace(/\.duto\.json$|\.json$/, '');
  return join(dirname(pipelineFile), '.duto-state', `${name}.json`);
}

/** Identifies what an incremental node reads; a watermark of another source does not apply. */
export function sourceIdentity(spec: ExternalSourceSpec): string {
  const what = JSON.stringify([
    spec.kind,
    spec.connection?.name ?? '',
    spec.config,
    spec.incremental?.column ?? '',
    spec.incremental?.kind ?? '',
  ]);
  return createHash('sha256').update(what).digest('hex').slice(0, 16);
}

export function readState(path: string): StateFile {
  if (!existsSync(path)) return { format: 'duto.state', version: 1, watermarks: {} };
  let raw: unknown;
  try {
    raw = JSON.parse(readRegularTextSync(path));
  } catch (e) {
    throw new DutoError([
      error(
        'state.corrupt/unreadable',
        { file: path, detail: e instanceof Error ? e.message : String(e) },
        { file: path },
      ),
    ]);
  }
  const parsed = stateSchema.safeParse(raw);
  if (!parsed.success) throw new DutoError([error('state.corrupt', { file: path }, { file: path })]);
  return parsed.data;
}

export function writeState(path: string, state: StateFile): void {
  const temp = tempTargetFor(path, false);
  try {
    prepareTemp(temp);
    writeFileSync(temp.temp, `${JSON.stringify(state, null, 2)}\n`);
    commitTemp(temp);
  } catch (e) {
    discardTemp(temp);
    throw e;
  }
}

/**
 * Forgets the watermarks of these nodes and marks them so their next run
 * reads every row (and overwrites what their targets keep). Works on any
 * file: a corrupt one is replaced. Returns the nodes that had a watermark,
 * and whether the file was corrupt.
 */
export function resetState(path: string, nodeIds: readonly string[]): { had: string[]; corrupt: boolean } {
  let state: StateFile;
  let corrupt = false;
  try {
    state = readState(path);
  } catch {
    state = { format: 'duto.state', version: 1, watermarks: {} };
    corrupt = true;
  }
  const had = Object.keys(state.watermarks).filter((n) => nodeIds.includes(n));
  const kept = Object.fromEntries(Object.entries(state.watermarks).filter(([n]) => !nodeIds.includes(n)));
  writeState(path, { ...state, watermarks: kept, reset: [...new Set([...(state.reset ?? []), ...nodeIds])] });
  return { had, corrupt };
}

/** Records new watermarks (an atomic read-modify-write of the file); the nodes in `done` are no longer reset. */
export function saveWatermarks(
  path: string,
  updates: ReadonlyMap<string, Watermark>,
  done: ReadonlySet<string> = new Set(updates.keys()),
): void {
  const state = readState(path);
  if (updates.size === 0 && state.reset === undefined) return;
  const left = (state.reset ?? []).filter((n) => !done.has(n));
  const next: StateFile = {
    format: state.format,
    version: state.version,
    watermarks: { ...state.watermarks, ...Object.fromEntries(updates) },
  };
  writeState(path, left.length === 0 ? next : { ...next, reset: left });
}
