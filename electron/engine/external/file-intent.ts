import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { fsyncFile } from '../sinks/atomic-sink';
import { saveWatermarks, watermarkSchema, type Watermark } from './incremental-state';
import { makeFolderSync } from '../files/make-folder';

/**
 * Exactly once for file sinks (ARCHITECTURE.md §3): a file cannot hold its
 * watermark, so before a sink's output is renamed over its target the run
 * writes an intent record — the new watermarks and the temporary output —
 * beside the state file. The next run resolves it before anything else: if
 * the swap happened (the temporary output is gone and the target is that
 * very file), the watermarks are committed; if not, they are discarded.
 */

const swapSchema = z.strictObject({
  temp: z.string(),
  target: z.string(),
  directory: z.boolean(),
  /** A file's size and mtime, which a rename keeps: proves the target is this write. */
  size: z.number().optional(),
  mtimeMs: z.number().optional(),
});
type Swap = z.infer<typeof swapSchema>;

const intentSchema = z.strictObject({
  format: z.literal('duto.intent'),
  version: z.literal(1),
  watermarks: z.record(z.string(), watermarkSchema),
  swaps: z.array(swapSchema),
});
type Intent = z.infer<typeof intentSchema>;

export function intentFileFor(stateFile: string): string {
  return stateFile.replace(/\.json$/, '') + '.intent.json';
}

function readIntent(path: string): Intent | undefined {
  if (!existsSync(path)) return undefined;
  try {
    const parsed = intentSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** Before a file sink's swap: adds it to the run's intent record (durably). */
export function recordSwap(
  stateFile: string,
  watermarks: ReadonlyMap<string, Watermark>,
  t: { temp: string; target: string; directory: boolean },
): void {
  const path = intentFileFor(stateFile);
  const known = readIntent(path);
  const st = t.directory ? undefined : statSync(t.temp);
  const swap: Swap = {
    temp: t.temp,
    target: t.target,
    directory: t.directory,
    ...(st === undefined ? {} : { size: st.size, mtimeMs: st.mtimeMs }),
  };
  const intent: Intent = {
    format: 'duto.intent',
    version: 1,
    watermarks: { ...(known?.watermarks ?? {}), ...Object.fromEntries(watermarks) },
    swaps: [...(known?.swaps ?? []), swap],
  };
  makeFolderSync(dirname(path));
  writeFileSync(path, `${JSON.stringify(intent, null, 2)}\n`);
  fsyncFile(path);
}

function swapped(s: Swap): boolean {
  if (existsSync(s.temp) || !existsSync(s.target)) return false;
  if (s.directory) return true;
  const st = statSync(s.target);
  return st.size === s.size && st.mtimeMs === s.mtimeMs;
}

/**
 * Resolves what a killed (or failed) run left: 'committed' when every swap
 * it recorded happened, 'discarded' otherwise, 'none' without a record. A
 * record that cannot be read is discarded (its swaps are then read again).
 */
export function resolveIntent(stateFile: string): 'none' | 'committed' | 'discarded' {
  const path = intentFileFor(stateFile);
  if (!existsSync(path)) return 'none';
  const intent = readIntent(path);
  const done = intent !== undefined && intent.swaps.length > 0 && intent.swaps.every(swapped);
  if (intent !== undefined && done) saveWatermarks(stateFile, new Map(Object.entries(intent.watermarks)));
  rmSync(path, { force: true });
  return done ? 'committed' : 'discarded';
}

/** After the state file is saved: the record has done its work. */
export function clearIntent(stateFile: string): void {
  rmSync(intentFileFor(stateFile), { force: true });
}
