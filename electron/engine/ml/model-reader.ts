import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { SCORING_MODEL, type ScoringModel } from '../../../shared/ml/scoring-model';
import type { TrustMode } from '../trust/trust-report';
import { isInside, realPath } from '../walls/file-boundary';

/**
 * Reads a model file for ml.score at compile time: at most MODEL_MAX_BYTES,
 * JSON, then the SCORING_MODEL schema — a truncated or foreign file is a
 * problem the node reports, never a crash. A restricted pipeline reads only
 * models inside its own folder (like the CSV sniffer): beyond it, nothing
 * is read and the trust check holds the node back.
 */

export const MODEL_MAX_BYTES = 64 * 1024 * 1024;

export function readModelFile(path: string): { model: ScoringModel } | { problem: string } {
  const read = readModelJson(path);
  if ('problem' in read) return read;
  const parsed = SCORING_MODEL.safeParse(read.json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return {
      problem: `model file ${path} is not a Duto model: ${first === undefined ? 'invalid' : `${first.path.join('.') || 'file'}: ${first.message}`}`,
    };
  }
  return { model: parsed.data };
}

/** The file's JSON, read within the bounds above (not yet checked against any schema). */
export function readModelJson(path: string): { json: unknown } | { problem: string } {
  let text: string;
  try {
    // Non-blocking: opening a FIFO named like a model must not wait for a writer (a hang); `| 0` drops the flag on Windows.
    const fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK | 0));
    try {
      const st = fstatSync(fd);
      if (!st.isFile())
        return { problem: `model file ${path} is not a regular file (a folder, pipe, device or socket)` };
      const size = st.size;
      if (size > MODEL_MAX_BYTES)
        return { problem: `model file ${path} is ${size} bytes; at most ${MODEL_MAX_BYTES} are read` };
      const buf = Buffer.alloc(size);
      readSync(fd, buf, 0, size, 0);
      text = buf.toString('utf8');
    } finally {
      closeSync(fd);
    }
  } catch (e) {
    return {
      problem: `cannot read model file ${path}: ${e instanceof Error ? (e.message.split('\n')[0] ?? '') : String(e)}`,
    };
  }
  try {
    return { json: JSON.parse(text) };
  } catch {
    return { problem: `model file ${path} is not a Duto model: not JSON (truncated, or another format)` };
  }
}

export function boundedModelReader(
  baseDir: string,
  trust: TrustMode,
): (path: string) => { model: ScoringModel } | { problem: string } | undefined {
  if (trust !== 'restricted') return readModelFile;
  const home = realPath(baseDir);
  return (path) => {
    const real = realPath(path);
    if (real !== home && !isInside(real, home)) return undefined;
    return readModelFile(path);
  };
}
