import type { DuckDBConnection } from '@duckdb/node-api';
import type { Column, PinnedSource } from '../../../shared/catalog/node-type';
import type { PlanStep } from '../../../shared/compiler/plan';
import { headerNames } from '../files/csv-header';
import { fileIdentity } from '../files/file-identity';
import { protectSniffed, typeCsvColumns } from '../files/csv-typing';
import { readOne } from '../walls/one-statement';
import type { PinsOnDisk } from './pins-on-disk';

const MAX_ENTRIES = 256;

function fileVersion(step: PlanStep): string | undefined {
  const parts: string[] = [];
  for (const r of step.reads) {
    const identity = fileIdentity(r.path);
    if (identity === undefined) return undefined;
    parts.push(`${r.path}:${identity}`);
  }
  return parts.join('|');
}

function parseColumns(v: unknown): Column[] | undefined {
  if (!Array.isArray(v)) return undefined;
  const out: Column[] = [];
  for (const c of v) {
    if (typeof c !== 'object' || c === null || !('name' in c) || !('type' in c)) return undefined;
    if (typeof c.name !== 'string' || typeof c.type !== 'string') return undefined;
    out.push({ name: c.name, type: c.type });
  }
  return out;
}

const textOrNull = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/**
 * Sniffed source descriptions, kept by the owner of the sessions
 * (engine-caches.ts) and keyed by the sniff query and the identity
 * (file-identity.ts) of every file it reads: re-opening a pipeline after an edit, or
 * previewing a node deep below a 500 MB CSV, does not detect its columns again.
 */
export class SourcePins {
  private readonly cache = new Map<string, PinnedSource>();

  /** `disk`: also kept across processes (the CLI's runs, the app's restarts). */
  constructor(private readonly disk?: PinsOnDisk) {}

  /** The pinned description of a source step, sniffing it when not known; undefined when it cannot be pinned. */
  async pin(conn: DuckDBConnection, step: PlanStep): Promise<PinnedSource | undefined> {
    if (step.pin === undefined) return undefined;
    const version = fileVersion(step);
    if (version === undefined) return undefined;
    const key = `${step.pin}\n${JSON.stringify(step.typing ?? null)}\n${version}`;
    const known = this.cache.get(key) ?? this.disk?.read(key);
    if (known !== undefined) {
      this.cache.set(key, known);
      return known;
    }
    const pinned = await describeSource(conn, step);
    if (pinned === undefined) return undefined;
    this.disk?.write(key, pinned);
    if (this.cache.size >= MAX_ENTRIES) {
      const oldest = this.cache.keys().next().value;
      if (oldest !== undefined) this.cache.delete(oldest);
    }
    this.cache.set(key, pinned);
    return pinned;
  }
}

/**
 * DuckDB's sniff, then Duto's own typing (csv-typing.ts) of the columns it
 * made numbers, making text of what a number would change; Duto's typing of
 * every column when DuckDB's sniff gives up on the file (a few broken rows
 * are enough).
 */
async function describeSource(conn: DuckDBConnection, step: PlanStep): Promise<PinnedSource | undefined> {
  let row: Record<string, unknown> | undefined;
  try {
    row = step.pin === undefined ? undefined : (await readOne(conn, step.pin)).getRowObjectsJson()[0];
  } catch {
    row = undefined;
  }
  const sniffed = parseColumns(row?.['Columns']);
  if (sniffed === undefined || sniffed.length === 0) {
    // The unpinned view reports the real problem with its file and line.
    let own: PinnedSource | undefined;
    try {
      own = step.typing === undefined ? undefined : await typeCsvColumns(conn, step.typing);
    } catch {
      own = undefined;
    }
    return own === undefined ? undefined : { ...own, keep: true };
  }
  let columns: Column[] = sniffed;
  try {
    if (step.typing !== undefined) columns = await protectSniffed(conn, step.typing, sniffed);
  } catch {
    // Typing is a safeguard on top of the sniff: a sample it cannot scan leaves DuckDB's types.
  }
  const changed = columns.some((c, i) => c.type !== sniffed[i]?.type);
  const names = step.headerRow === undefined ? undefined : headerNames(step.headerRow, columns);
  return {
    columns: names === undefined ? columns : columns.map((c, i) => ({ ...c, name: names[i] ?? c.name })),
    dateFormat: textOrNull(row?.['DateFormat']),
    timestampFormat: textOrNull(row?.['TimestampFormat']),
    ...(names === undefined ? {} : { headerNames: names }),
    ...(changed ? { keep: true } : {}),
  };
}
