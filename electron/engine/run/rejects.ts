import type { DuckDBConnection } from '@duckdb/node-api';
import type { RejectsSpec } from '../../../shared/catalog/node-type';
import { REJECTED_COLUMNS } from '../../../shared/catalog/nodes/source-csv';
import { externalTable } from '../../../shared/compiler/compile';
import { diagnosticOf, type Diagnostic } from '../../../shared/diagnostics';
import { ident, str } from '../../../shared/sql/quote';
import { rejectedSaid } from './rejected-messages';
import { readOne, runOne } from '../walls/one-statement';

/**
 * Bad rows as data (issue #9). A CSV source that sets bad rows aside reads
 * with DuckDB's `store_rejects`: every line it cannot take — a stray quote,
 * a missing or extra separator, a value that does not fit its column — goes
 * to a temporary table of the connection that read it, with its line, raw
 * text, column and reason. Here those lines are counted, judged against the
 * source's limits, and copied into the table its `rejected` port reads.
 *
 * A value is checked against its column's type only where the pipeline reads
 * that column (DuckDB reads only the columns a query needs): the `rejected`
 * port is filled from a read of every column.
 *
 * A connector's source (Excel) writes its rejected rows itself, one per row
 * in the columns of its `rejected` port, into a table of the external
 * catalog as it reads (external-nodes.ts): here they are only counted.
 */

export async function createRejectedTable(conn: DuckDBConnection, table: string): Promise<void> {
  await runOne(
    conn,
    `CREATE OR REPLACE TABLE ${ident(table)} (${REJECTED_COLUMNS.map((c) => `${ident(c.name)} ${c.type}`).join(', ')})`,
  );
}

async function hasTable(conn: DuckDBConnection, table: string): Promise<boolean> {
  const r = await readOne(conn, `SELECT count(*) FROM duckdb_tables() WHERE temporary AND table_name = ${str(table)}`);
  return Number(r.getRowsJson()[0]?.[0] ?? 0) > 0;
}

type CsvRejects = Extract<RejectsSpec, { from: 'csv' }>;

/** The distinct lines, across every read on this connection, with their first reason. */
function linesSql(spec: CsvRejects): string {
  return `SELECT DISTINCT ON (s.file_path, r.line) s.file_path AS file, r.line AS line, r.column_name AS "column", r.error_type AS error, rtrim(r.csv_line, chr(13) || chr(10)) AS raw_line, r.error_message AS reason
    FROM ${ident(spec.table)} AS r JOIN ${ident(spec.scan)} AS s USING (scan_id, file_id) ORDER BY s.file_path, r.line, r.column_idx`;
}

export interface RejectedCount {
  rows: number;
  /** The first one, for messages. */
  first?: { file: string; line: number; reason: string };
}

/** How many rows of a source the reads on this connection set aside. */
export async function countRejected(conn: DuckDBConnection, spec: RejectsSpec): Promise<RejectedCount> {
  if (spec.from === 'csv' && (!(await hasTable(conn, spec.table)) || !(await hasTable(conn, spec.scan))))
    return { rows: 0 };
  const lines = spec.from === 'csv' ? linesSql(spec) : `SELECT * FROM ${externalTable(spec.table)} ORDER BY line`;
  const r = (
    await readOne(conn, `SELECT count(*) OVER () AS n, file, line, reason FROM (${lines}) LIMIT 1`)
  ).getRowsJson()[0];
  if (r === undefined) return { rows: 0 };
  return {
    rows: Number(r[0] ?? 0),
    first: { file: String(r[1] ?? ''), line: Number(r[2] ?? 0), reason: String(r[3] ?? '') },
  };
}

/** Reads every column of the source once, so that every bad row is met, and fills its `rejected` port's table. */
export async function collectRejected(conn: DuckDBConnection, view: string, spec: RejectsSpec): Promise<number> {
  // A connector's are written as it reads.
  if (spec.from !== 'csv' || spec.rejectedTable === undefined) return 0;
  await readOne(conn, `SELECT min(hash(r)) FROM ${view} AS r`);
  await runOne(conn, `DELETE FROM ${ident(spec.rejectedTable)}`);
  if (!(await hasTable(conn, spec.table))) return 0;
  await runOne(conn, `INSERT INTO ${ident(spec.rejectedTable)} ${linesSql(spec)}`);
  return Number((await readOne(conn, `SELECT count(*) FROM ${ident(spec.rejectedTable)}`)).getRowsJson()[0]?.[0] ?? 0);
}

/**
 * What a source's rejected rows mean for the run: a warning saying how many
 * and where the first was; an error when there are more than its limits
 * allow, or when every row was rejected (the dialect is then surely wrong:
 * writing an empty output with exit 0 is how files get lost).
 */
export async function judgeRejected(
  conn: DuckDBConnection,
  nodeId: string,
  view: string,
  spec: RejectsSpec,
  count: RejectedCount,
): Promise<Diagnostic | undefined> {
  if (count.rows === 0) return undefined;
  // Every column read: a row whose value does not convert is set aside only where its column is read, and
  // count(*) reads none — it counted such rows as kept too, so "every row rejected" and the limits never held.
  const kept = Number((await readOne(conn, `SELECT count(hash(r)) FROM ${view} AS r`)).getRowsJson()[0]?.[0] ?? 0);
  // That read may set aside rows of columns the pipeline does not read: counted with the others.
  if (spec.from === 'csv') count = await countRejected(conn, spec);
  const total = kept + count.rows;
  const share = (100 * count.rows) / total;
  const c = {
    rows: count.rows,
    total,
    aside: spec.policy === 'quarantine',
    first:
      count.first === undefined
        ? undefined
        : { line: String(count.first.line), file: count.first.file, reason: count.first.reason },
  };
  const check =
    spec.from === 'csv'
      ? 'the dialect is probably wrong (check the delimiter, quote and header)'
      : 'check the range, the header and the column types';
  if (kept === 0) return diagnosticOf('error', rejectedSaid(c, { kind: 'all', check }), { nodeId, param: 'badRows' });
  if (spec.maxRows > 0 && count.rows > spec.maxRows)
    return diagnosticOf('error', rejectedSaid(c, { kind: 'max-rows', max: spec.maxRows }), {
      nodeId,
      param: 'maxRejected',
    });
  if (spec.maxPercent > 0 && share > spec.maxPercent)
    return diagnosticOf(
      'error',
      rejectedSaid(c, { kind: 'max-percent', share: share.toFixed(1), max: spec.maxPercent }),
      { nodeId, param: 'maxRejectedPercent' },
    );
  if (share > 50)
    return diagnosticOf(
      'warning',
      rejectedSaid(c, {
        kind: 'most',
        hint: spec.from === 'csv' ? 'is the dialect right?' : 'are the column types right?',
      }),
      { nodeId, param: 'badRows' },
    );
  return diagnosticOf('warning', rejectedSaid(c, { kind: 'plain' }), { nodeId, param: 'badRows' });
}
