import { existsSync, lstatSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { error, type Diagnostic } from '../../../shared/diagnostics';
import type { PlanAccess } from '../bind/plan-access';
import { isInside, realPath, tooWide } from './file-boundary';

/**
 * Sinks that cannot destroy (ARCHITECTURE.md, wall 4). An output may replace only what
 * Duto wrote: a file sink never writes over the pipeline file or a file the
 * pipeline reads, and a partitioned (folder) sink replaces a folder only if
 * it is empty or Duto wrote it (its marker, or nothing but partition folders
 * of data files) — never the pipeline's folder, a folder above it, a root or
 * home folder, or a folder holding something the pipeline reads.
 */

/** Written into every folder a partitioned sink creates: the folder is Duto's to replace. */
export const OUTPUT_MARKER = '.duto-output';

const DATA_FILE = /\.(parquet|csv|json|ndjson|jsonl)(\.(gz|zst))?$/i;

function covers(folder: string, path: string): boolean {
  return path === folder || isInside(path, folder);
}

/** Nothing but `key=value` folders (nested) of data files, and Duto's own marker: a partitioned output. */
function looksLikePartitionedOutput(dir: string, depth = 0): boolean {
  if (depth > 16) return false;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return false;
  }
  return names.every((name) => {
    if (name === OUTPUT_MARKER) return true;
    const st = lstatSync(join(dir, name));
    if (st.isDirectory()) return /^[^=]+=.*$/.test(name) && looksLikePartitionedOutput(join(dir, name), depth + 1);
    return st.isFile() && depth > 0 && DATA_FILE.test(name);
  });
}

/** Whether an existing folder may be replaced by a partitioned sink: empty, marked, or Duto-shaped. */
export function replaceableFolder(dir: string): boolean {
  if (existsSync(join(dir, OUTPUT_MARKER))) return true;
  try {
    if (readdirSync(dir).length === 0) return true;
  } catch {
    return false;
  }
  return looksLikePartitionedOutput(dir);
}

export function sinkRefusals(
  pa: PlanAccess,
  baseDir: string,
  pipelineFile: string | undefined,
  cacheDir?: string,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const cache = cacheDir === undefined ? undefined : realPath(cacheDir);
  const home = realPath(baseDir);
  const self = pipelineFile === undefined ? undefined : realPath(pipelineFile);
  const reads = [...pa.readsByNode].flatMap(([nodeId, rs]) => rs.map((r) => ({ nodeId, path: realPath(r.path) })));
  // `key`: what two sinks may not both write — a file, or one table of a database file (several tables of one SQLite file are fine).
  const targets: Array<{ nodeId: string; path: string; folder: boolean; param: string; key: string; delta?: true }> = [
    ...[...pa.sinks].map(([nodeId, { spec }]) => ({
      nodeId,
      path: spec.path,
      folder: spec.directory,
      param: 'path',
      key: realPath(spec.path),
    })),
    ...[...pa.reports].map(([nodeId, spec]) => ({
      nodeId,
      path: spec.path,
      folder: false,
      param: 'path',
      key: realPath(spec.path),
    })),
    ...[...pa.externalSinks].flatMap(([nodeId, spec]) =>
      spec.file === undefined
        ? []
        : [{ nodeId, path: spec.file, folder: false, param: spec.param, key: spec.describe }],
    ),
    ...[...pa.deltaSinks].map(([nodeId, spec]) => ({
      nodeId,
      path: spec.path,
      folder: true,
      param: 'path',
      key: realPath(spec.path),
      delta: true as const,
    })),
  ];
  const seen = new Map<string, string>();
  for (const t of targets) {
    const real = realPath(t.path);
    const where = { nodeId: t.nodeId, param: t.param };
    const twice = seen.get(t.key);
    seen.set(t.key, t.nodeId);
    if (twice !== undefined) {
      out.push(error('sink.refused/twice', { target: t.key === real ? t.path : t.key, node: twice }, where));
      continue;
    }
    // The node cache (node-cache/) is Duto's own: no output may land in it or replace it.
    if (cache !== undefined && (covers(cache, real) || covers(real, cache))) {
      out.push(error('sink.refused/cache', { target: t.path }, where));
      continue;
    }
    if (self !== undefined && (real === self || (t.folder && covers(real, self)))) {
      out.push(error(t.folder ? 'sink.refused/holds-self' : 'sink.refused/self', { target: t.path }, where));
      continue;
    }
    if (t.delta === true) {
      out.push(...deltaTargetRefusals(t.path, real, home, where));
      continue;
    }
    const read = reads.find((r) => (t.folder ? covers(real, r.path) : r.path === real));
    if (read !== undefined) {
      out.push(
        error(
          t.folder ? 'sink.refused/holds-input' : 'sink.refused/is-input',
          { target: t.path, input: read.path, node: read.nodeId },
          where,
        ),
      );
      continue;
    }
    if (!t.folder) {
      if (
        (existsSync(real) && !lstatSync(real).isFile() && !lstatSync(real).isSymbolicLink()) ||
        linksToNonFile(t.path)
      )
        out.push(error('sink.refused/not-file', { target: t.path }, where));
      continue;
    }
    if (tooWide(real) || covers(real, home)) {
      out.push(error(covers(real, home) ? 'sink.refused/home' : 'sink.refused/root', { target: t.path }, where));
      continue;
    }
    if (existsSync(real) && !replaceableFolder(real))
      out.push(error('sink.refused/foreign', { target: t.path }, where));
  }
  return out;
}

/**
 * A link whose target exists and is no regular file: `/dev/stdout` or a link to `/proc/self/fd/1` (a pipe). Its
 * real path names nothing on disk (`pipe:[…]`), so the check on it let the write through, and the output's rename
 * replaced the link itself — the system's /dev/stdout became a file.
 */
function linksToNonFile(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink() && !statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * A Delta table is written in place, never replaced: a commit adds data files
 * and a log entry and rewrites nothing a version holds, so reading the table
 * (a past version, or the one being appended to) in the same pipeline is
 * safe. The folder must still be the table's own: not the pipeline's folder
 * or above, not a root, and, when it exists, a Delta table or empty.
 */
function deltaTargetRefusals(
  target: string,
  real: string,
  home: string,
  where: { nodeId: string; param: string },
): Diagnostic[] {
  if (tooWide(real) || covers(real, home))
    return [error(covers(real, home) ? 'sink.refused/home' : 'sink.refused/root', { target }, where)];
  if (!existsSync(real) || existsSync(join(real, '_delta_log'))) return [];
  if (!lstatSync(real).isDirectory()) return [error('sink.refused/foreign', { target }, where)];
  return readdirSync(real).length === 0 ? [] : [error('sink.refused/foreign', { target }, where)];
}
