import { lstatSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { error } from '../../../shared/diagnostics';
import { deltaFailure } from './delta-errors';

/**
 * What `_delta_log` holds: the commit files by version and the complete
 * checkpoints (single-file and multi-part) by version. A multi-part
 * checkpoint missing a part is not a checkpoint. V2 (UUID-named) checkpoints
 * are not listed: a table needing them declares the `v2Checkpoint` reader
 * feature and is refused by name (delta-protocol-check.ts).
 */
export interface LogListing {
  logDir: string;
  commits: Map<number, string>;
  checkpoints: Map<number, string[]>;
  /** The version `_last_checkpoint` names, when the file exists. */
  lastCheckpoint: number | undefined;
}

/** At most this many entries in `_delta_log` (a hostile log is refused, not walked). */
export const MAX_LOG_ENTRIES = 500_000;

const COMMIT = /^(\d{20})\.json$/;
const SINGLE_CHECKPOINT = /^(\d{20})\.checkpoint\.parquet$/;
const PART_CHECKPOINT = /^(\d{20})\.checkpoint\.(\d{10})\.(\d{10})\.parquet$/;

const lastCheckpointFile = z.looseObject({
  version: z.number().int().nonnegative(),
  parts: z.number().int().positive().nullish(),
});

/** A name the log is read for: a commit, a checkpoint (or one of its parts), `_last_checkpoint`. */
function isLogFile(name: string): boolean {
  return name === '_last_checkpoint' || COMMIT.test(name) || SINGLE_CHECKPOINT.test(name) || PART_CHECKPOINT.test(name);
}

export function listLog(table: string): LogListing {
  const logDir = join(table, '_delta_log');
  let names: string[];
  // Its files, and the folder itself, are the table's own: a link could point outside it (a restricted
  // pipeline's folder), and Duto reads log files itself, past DuckDB's sandbox. Delta writers make no links.
  const link = (file: string): Error => deltaFailure(error('delta.malformed/link', { file }, { file }));
  try {
    if (!statSync(logDir).isDirectory()) throw deltaFailure(error('delta.not-a-table', { table }, { file: table }));
    if (lstatSync(logDir).isSymbolicLink()) throw link(logDir);
    const entries = readdirSync(logDir, { withFileTypes: true });
    for (const d of entries) if (d.isSymbolicLink() && isLogFile(d.name)) throw link(join(logDir, d.name));
    names = entries.map((d) => d.name);
  } catch (e) {
    if (e instanceof Error && 'diagnostics' in e) throw e;
    throw deltaFailure(error('delta.not-a-table', { table }, { file: table }));
  }
  if (names.length > MAX_LOG_ENTRIES)
    throw deltaFailure(
      error(
        'delta.budget',
        { table, detail: `${names.length} entries in _delta_log (at most ${MAX_LOG_ENTRIES})` },
        { file: logDir },
      ),
    );
  const commits = new Map<number, string>();
  const singles = new Map<number, string>();
  const parts = new Map<string, { version: number; total: number; files: Map<number, string> }>();
  for (const name of names) {
    const c = COMMIT.exec(name);
    if (c?.[1] !== undefined) {
      commits.set(Number(c[1]), join(logDir, name));
      continue;
    }
    const s = SINGLE_CHECKPOINT.exec(name);
    if (s?.[1] !== undefined) {
      singles.set(Number(s[1]), join(logDir, name));
      continue;
    }
    const p = PART_CHECKPOINT.exec(name);
    if (p?.[1] !== undefined && p[2] !== undefined && p[3] !== undefined) {
      const version = Number(p[1]);
      const total = Number(p[3]);
      const key = `${version}/${total}`;
      const group = parts.get(key) ?? { version, total, files: new Map<number, string>() };
      group.files.set(Number(p[2]), join(logDir, name));
      parts.set(key, group);
    }
  }
  const checkpoints = new Map<number, string[]>();
  for (const [version, file] of singles) checkpoints.set(version, [file]);
  for (const group of parts.values()) {
    if (group.files.size !== group.total || checkpoints.has(group.version)) continue;
    const files: string[] = [];
    for (let i = 1; i <= group.total; i++) {
      const f = group.files.get(i);
      if (f !== undefined) files.push(f);
    }
    if (files.length === group.total) checkpoints.set(group.version, files);
  }
  return { logDir, commits, checkpoints, lastCheckpoint: readLastCheckpoint(table, logDir, names) };
}

function readLastCheckpoint(table: string, logDir: string, names: string[]): number | undefined {
  if (!names.includes('_last_checkpoint')) return undefined;
  const file = join(logDir, '_last_checkpoint');
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw deltaFailure(
      error(
        'delta.checkpoint',
        { table, detail: `_last_checkpoint is not JSON (${e instanceof Error ? e.message : String(e)})` },
        { file },
      ),
    );
  }
  const r = lastCheckpointFile.safeParse(parsed);
  if (!r.success)
    throw deltaFailure(
      error(
        'delta.checkpoint',
        { table, detail: `_last_checkpoint: ${r.error.issues[0]?.message ?? 'invalid'}` },
        { file },
      ),
    );
  return r.data.version;
}
