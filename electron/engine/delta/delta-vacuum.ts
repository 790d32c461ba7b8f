import { readdirSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { readCommitFile } from './delta-commit-file';
import { withDuck } from './delta-history';
import { listLog } from './delta-log-listing';
import { pathInTable } from './delta-paths';
import { loadSnapshot } from './delta-snapshot';

const HOUR = 3_600_000;
export const DEFAULT_RETENTION_HOURS = 168;

export interface VacuumResult {
  retentionHours: number;
  deleted: string[];
  kept: number;
}

/**
 * Deletes the data files of a table that its latest version does not use and
 * that left it (by their `remove`, else by when they were written) longer
 * ago than the retention: never below the table's own
 * `delta.deletedFileRetentionDuration`, and only files under the table
 * folder (the log, and folders starting with `_` or `.`, are never touched).
 */
export async function vacuumTable(
  table: string,
  retentionHours = DEFAULT_RETENTION_HOURS,
  now = Date.now(),
  dryRun = false,
): Promise<VacuumResult> {
  const snapshot = await withDuck(table, (conn) => loadSnapshot(conn, table));
  const stated = tableRetentionHours(
    snapshot.metaData.configuration?.['delta.deletedFileRetentionDuration'] ?? undefined,
  );
  const hours = Math.max(retentionHours, stated ?? 0);
  const active = new Set(snapshot.files.map((f) => f.file));
  const removedAt = new Map<string, number>();
  for (const file of listLog(table).commits.values()) {
    for (const a of readCommitFile(table, file)) {
      const p = a.remove ? pathInTable(table, a.remove.path) : undefined;
      if (p !== undefined && a.remove)
        removedAt.set(p, Math.max(removedAt.get(p) ?? 0, a.remove.deletionTimestamp ?? 0));
    }
  }
  const deleted: string[] = [];
  let kept = 0;
  for (const file of dataFiles(table)) {
    if (active.has(file)) continue;
    const left = Math.max(removedAt.get(file) ?? 0, statSync(file).mtimeMs);
    if (now - left < hours * HOUR) {
      kept++;
      continue;
    }
    if (!dryRun) rmSync(file);
    deleted.push(relative(table, file));
  }
  return { retentionHours: hours, deleted, kept };
}

/** "interval 7 days" (the protocol's CalendarInterval) in hours; undefined when absent or not understood. */
export function tableRetentionHours(value: string | undefined): number | undefined {
  const m = /^\s*interval\s+(\d+)\s+(week|day|hour|minute|second)s?\s*$/i.exec(value ?? '');
  if (m?.[1] === undefined || m[2] === undefined) return undefined;
  const per: Record<string, number> = { week: 168, day: 24, hour: 1, minute: 1 / 60, second: 1 / 3600 };
  return Number(m[1]) * (per[m[2].toLowerCase()] ?? 0);
}

function dataFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('_') || entry.name.startsWith('.')) continue;
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...dataFiles(full));
    else if (entry.isFile() && entry.name.endsWith('.parquet')) out.push(full);
  }
  return out;
}
