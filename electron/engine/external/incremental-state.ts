import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { z } from 'zod';
import type { ExternalSourceSpec } from '../../../shared/catalog/node-type';
import { DutoError, error } from '../../../shared/diagnostics';
import { commitTemp, discardTemp, prepareTemp, tempTargetFor } from '../atomic-sink';

/**
 * Watermarks of incremental sources, per pipeline and node, in a small JSON
 * file next to the pipeline (`.duto-state/<pipeline>.json`). A watermark is
 * the highest value of the node's column that reached the sinks of a run
 * that succeeded as a whole; it is written atomically and only then.
 */

const watermarkSchema = z.strictObject({
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
});
type StateFile = z.infer<typeof stateSchema>;

/** `.duto-state/orders.json` beside `orders.duto.json`. */
export function stateFileFor(pipelineFile: string): string {
  const name = basename(pipelineFile).replace(/\.duto\.json$|\.json$/, '');
  return join(dirname(pipelineFile), '.duto-state', `${name}.json`);
}

/** Identifies what an incremental node reads; a watermark of another source does not apply. */
export function sourceIdentity(spec: ExternalSourceSpec): string {
  const what = JSON.stringify([spec.kind, spec.connection?.name ?? '', spec.config, spec.incremental?.column ?? '', spec.incremental?.kind ?? '']);
  return createHash('sha256').update(what).digest('hex').slice(0, 16);
}

export function readState(path: string): StateFile {
  if (!existsSync(path)) return { format: 'duto.state', version: 1, watermarks: {} };
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new DutoError([error('state.corrupt', `the incremental state ${path} cannot be read (${e instanceof Error ? e.message : String(e)}); \`duto state reset\` starts over`, { file: path })]);
  }
  const parsed = stateSchema.safeParse(raw);
  if (!parsed.success) throw new DutoError([error('state.corrupt', `the incremental state ${path} is not valid; \`duto state reset\` starts over`, { file: path })]);
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

/** Forgets the watermarks of one node, or of every node; returns the nodes that had one. */
export function resetState(path: string, nodeId?: string): string[] {
  const state = readState(path);
  const had = Object.keys(state.watermarks).filter((n) => nodeId === undefined || n === nodeId);
  if (had.length === 0) return [];
  const kept = Object.fromEntries(Object.entries(state.watermarks).filter(([n]) => !had.includes(n)));
  writeState(path, { ...state, watermarks: kept });
  return had;
}

/** Records new watermarks (an atomic read-modify-write of the file). */
export function saveWatermarks(path: string, updates: ReadonlyMap<string, Watermark>): void {
  if (updates.size === 0) return;
  const state = readState(path);
  writeState(path, { ...state, watermarks: { ...state.watermarks, ...Object.fromEntries(updates) } });
}
