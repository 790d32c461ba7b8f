import type { DuckDBConnection } from '@duckdb/node-api';
import { error } from '../../../shared/diagnostics';
import { ident } from '../../../shared/sql/quote';
import { readOne } from '../walls/one-statement';
import { tryCommit } from './delta-commit';
import { addAction, createActions, removeAction } from './delta-commit-actions';
import { removeFiles, writeDataFiles, type WrittenFile } from './delta-data-files';
import { deltaFailure } from './delta-errors';
import { snapshotSql } from './delta-read-sql';
import { loadSnapshot, type ActiveFile, type DeltaSnapshot } from './delta-snapshot';
import {
  checkpointIfDue,
  materialize,
  MAX_ATTEMPTS,
  planOn,
  planWrite,
  type DeltaWriteOptions,
  type DeltaWriteResult,
  type WritePlan,
} from './delta-write-plan';

const FILE = '__duto_merge_file';
/** How many repeated keys a refusal names. */
const SHOWN_DUPLICATES = 5;

interface MergeRound {
  files: WrittenFile[];
  removed: ActiveFile[];
  metrics: Record<string, string>;
}

/**
 * Merges rows into a table on key columns, copy-on-write (as delta-rs does
 * without deletion vectors): a row whose key matches a row of the current
 * version replaces it, the others are inserted, the table's other rows stay.
 * Keys compare null-safely (an empty key matches an empty key), and a key
 * repeated in the rows is refused, naming it. Only the files holding a
 * matched row are rewritten (their other rows copied into the new files);
 * every other file stays referenced. One commit; if another writer's commit
 * lands first, it conflicts when it removed a file this merge rewrites,
 * changed the table's metadata or added rows with a merged key: the merge is
 * then redone once on the new version, else it fails with `delta.conflict`.
 * A merge into a missing table creates it.
 */
export async function mergeDelta(
  conn: DuckDBConnection,
  table: string,
  selectSql: string,
  options: DeltaWriteOptions,
): Promise<DeltaWriteResult> {
  const partitionBy = options.partitionBy ?? [];
  const addColumns = options.addColumns ?? false;
  let plan = await planWrite(conn, table, selectSql, partitionBy, addColumns);
  const keys = keyColumns(table, plan, options.keys ?? []);
  return materialize(conn, selectSql, async (source) => {
    await refuseDuplicateKeys(conn, table, source, keys, plan);
    let base = plan.existing;
    let attempts = 0;
    for (let round = 0; round < 2; round++) {
      const r = await mergeRound(conn, table, source, keys, plan, base);
      let committed = false;
      try {
        await options.beforeCommit?.();
        for (;;) {
          if (++attempts > MAX_ATTEMPTS)
            throw deltaFailure(
              error('delta.conflict', { table, version: MAX_ATTEMPTS, operation: 'merge' }, { file: table }),
            );
          const version = (base?.version ?? -1) + 1;
          if (tryCommit(table, version, actions(r, plan, keys, base === undefined))) {
            committed = true;
            await checkpointIfDue(conn, table, version);
            return { version, rows: Number(r.metrics.numSourceRows), attempts };
          }
          const latest = await loadSnapshot(conn, table);
          const conflict = await conflicts(conn, source, keys, r, base, latest);
          base = latest;
          if (conflict) break;
        }
      } finally {
        if (!committed) removeFiles(r.files);
      }
      // Redone on the version that won: its columns and partitioning must still be these rows'.
      if (base !== undefined) plan = planOn(table, plan.columns, base, partitionBy, addColumns);
    }
    throw deltaFailure(
      error('delta.conflict', { table, version: base?.version ?? 0, operation: 'merge' }, { file: table }),
    );
  });
}

/** The key columns as the rows name them; each must be a column of the rows. */
function keyColumns(table: string, plan: WritePlan, asked: readonly string[]): string[] {
  const refuse = (detail: string) => deltaFailure(error('delta.merge/keys', { table, detail }, { file: table }));
  if (asked.length === 0) throw refuse('none is given');
  return asked.map((k) => {
    const c = plan.columns.find((col) => col.name.toLowerCase() === k.toLowerCase());
    if (c === undefined) throw refuse(`the rows have no column "${k}"`);
    return c.name;
  });
}

function on(keys: readonly string[], a: string, b: string): string {
  return keys.map((k) => `${a}.${ident(k)} IS NOT DISTINCT FROM ${b}.${ident(k)}`).join(' AND ');
}

async function refuseDuplicateKeys(
  conn: DuckDBConnection,
  table: string,
  source: string,
  keys: readonly string[],
  plan: WritePlan,
): Promise<void> {
  const cols = keys.map((k) => ident(k)).join(', ');
  const quoted = keys.map((k) => plan.columns.find((c) => c.name === k)?.duckType === 'VARCHAR');
  const dup = (
    await readOne(
      conn,
      `SELECT ${cols}, count(*) AS n FROM ${source} GROUP BY ALL HAVING count(*) > 1 ORDER BY n DESC, ${cols} LIMIT ${SHOWN_DUPLICATES + 1}`,
    )
  ).getRowsJson();
  if (dup.length === 0) return;
  const shown = dup.slice(0, SHOWN_DUPLICATES).map((row) => {
    const values = keys.map((_, i) => {
      const v = row[i];
      return v === null || v === undefined ? 'NULL' : quoted[i] === true ? JSON.stringify(v) : String(v);
    });
    return `${keys.length === 1 ? (values[0] ?? '') : `(${values.join(', ')})`} ×${String(row[keys.length])}`;
  });
  if (dup.length > SHOWN_DUPLICATES) shown.push('…');
  throw deltaFailure(error('delta.merge', { table, keys: keys.join(', '), values: shown.join(', ') }, { file: table }));
}

/** One try at the merge against a version: which files hold matched keys, and the new files (their kept rows and every merged row). */
async function mergeRound(
  conn: DuckDBConnection,
  table: string,
  source: string,
  keys: readonly string[],
  plan: WritePlan,
  base: DeltaSnapshot | undefined,
): Promise<MergeRound> {
  const sourceRows = Number((await readOne(conn, `SELECT count(*) FROM ${source}`)).getRowsJson()[0]?.[0] ?? 0);
  const removed = base === undefined ? [] : await matchedFiles(conn, base, source, keys);
  let copied = 0;
  let deleted = 0;
  let relation = source;
  if (base !== undefined && removed.length > 0) {
    const old = `(${snapshotSql({ ...base, files: removed })})`;
    const counts = (
      await readOne(
        conn,
        `SELECT count(*) FILTER (WHERE m), count(*) FILTER (WHERE NOT m) FROM (SELECT EXISTS (SELECT 1 FROM ${source} s WHERE ${on(keys, 's', 't')}) AS m FROM ${old} t)`,
      )
    ).getRowsJson()[0];
    deleted = Number(counts?.[0] ?? 0);
    copied = Number(counts?.[1] ?? 0);
    const kept = base.columns.map((c) => ident(c.name)).join(', ');
    const cols = plan.columns.map((c) => ident(c.name)).join(', ');
    // By name: columns the merge adds to the table are NULL in the kept rows.
    relation = `(SELECT ${cols} FROM (SELECT ${kept} FROM ${old} t ANTI JOIN ${source} s ON ${on(keys, 't', 's')} UNION ALL BY NAME SELECT * FROM ${source}))`;
  }
  const inserted =
    base === undefined || removed.length === 0
      ? sourceRows
      : Number(
          (
            await readOne(
              conn,
              `SELECT count(*) FROM ${source} s ANTI JOIN (${snapshotSql({ ...base, files: removed })}) t ON ${on(keys, 's', 't')}`,
            )
          ).getRowsJson()[0]?.[0] ?? 0,
        );
  const files = await writeDataFiles(conn, table, relation, plan.columns, plan.partitionColumns, false);
  return {
    files,
    removed,
    metrics: {
      numSourceRows: String(sourceRows),
      numTargetRowsUpdated: String(sourceRows - inserted),
      numTargetRowsInserted: String(inserted),
      numTargetRowsDeleted: String(deleted),
      numTargetRowsCopied: String(copied),
      numOutputRows: String(files.reduce((n, f) => n + f.rows, 0)),
      numTargetFilesAdded: String(files.length),
      numTargetFilesRemoved: String(removed.length),
      numOutputBytes: String(files.reduce((n, f) => n + f.size, 0)),
    },
  };
}

/** The active files of `snapshot` holding a row whose key is among the rows'. */
async function matchedFiles(
  conn: DuckDBConnection,
  snapshot: DeltaSnapshot,
  source: string,
  keys: readonly string[],
): Promise<ActiveFile[]> {
  if (snapshot.files.length === 0) return [];
  const sql = `SELECT DISTINCT t.${ident(FILE)} FROM (${snapshotSql(snapshot, FILE)}) t SEMI JOIN ${source} s ON ${on(keys, 't', 's')}`;
  const hit = new Set((await readOne(conn, sql)).getRowsJson().map((r) => String(r[0])));
  return snapshot.files.filter((f) => hit.has(f.file));
}

function actions(r: MergeRound, plan: WritePlan, keys: readonly string[], creates: boolean): unknown[] {
  const now = Date.now();
  const out: unknown[] = [
    {
      commitInfo: {
        timestamp: now,
        operation: 'MERGE',
        operationParameters: {
          predicate: mergePredicate(keys),
          partitionBy: JSON.stringify(plan.partitionColumns),
        },
        operationMetrics: r.metrics,
        engineInfo: 'duto',
      },
    },
  ];
  if (creates) out.push(...createActions(plan.schemaString, plan.partitionColumns, now));
  else if (plan.evolved !== undefined) out.push({ metaData: plan.evolved });
  for (const f of r.removed) out.push(removeAction(f, now));
  for (const f of r.files) out.push(addAction(f, now));
  return out;
}

/**
 * Whether the commits between `base` and `latest` conflict with this merge:
 * the table was created or its metadata changed, a file it rewrites was
 * removed, or a file added meanwhile holds one of its keys (that row would
 * be kept beside its replacement).
 */
async function conflicts(
  conn: DuckDBConnection,
  source: string,
  keys: readonly string[],
  r: MergeRound,
  base: DeltaSnapshot | undefined,
  latest: DeltaSnapshot,
): Promise<boolean> {
  if (base === undefined) return true;
  if (
    latest.metaData.id !== base.metaData.id ||
    latest.metaData.schemaString !== base.metaData.schemaString ||
    latest.partitionColumns.join('\0') !== base.partitionColumns.join('\0')
  )
    return true;
  const active = new Set(latest.files.map((f) => f.file));
  if (r.removed.some((f) => !active.has(f.file))) return true;
  const known = new Set(base.files.map((f) => f.file));
  const added = latest.files.filter((f) => !known.has(f.file));
  if (added.length === 0) return false;
  const sql = `SELECT count(*) FROM (${snapshotSql({ ...latest, files: added })}) t SEMI JOIN ${source} s ON ${on(keys, 't', 's')}`;
  return Number((await readOne(conn, sql)).getRowsJson()[0]?.[0] ?? 0) > 0;
}

/** The keys a merge compares, for its commitInfo. */
function mergePredicate(keys: readonly string[]): string {
  return keys.map((k) => `target.${k} <=> source.${k}`).join(' AND ');
}
