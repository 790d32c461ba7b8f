import type { DuckDBConnection } from '@duckdb/node-api';
import type { Column } from '../../../shared/catalog/node-type';
import type { Diagnostic } from '../../../shared/diagnostics';
import type { ErrorCode } from '../../../shared/error-codes';
import { codeOfKey, renderMessage, type Said } from '../../../shared/messages/diagnostic-messages';

/**
 * Connectors move rows between DuckDB and what it cannot read itself
 * (databases, Excel, HTTP). They stream in batches so memory stays bounded
 * whatever the size of the data.
 */

/** A value crossing a connector: what DuckDB's appender and the drivers both understand. */
export type ExternalValue = null | boolean | number | bigint | string | Date | Uint8Array;

/** One batch of rows, each with one value per column, in column order. */
export type RowBatch = ExternalValue[][];

/** Rows read from outside DuckDB. */
export interface ExternalSource {
  /** Output columns with DuckDB types, known before any row is read. */
  columns(signal: AbortSignal): Promise<Column[]>;
  /** Rows in batches, stopping after `limit` rows when given; aborting ends the stream promptly. */
  rows(options: { limit?: number; signal: AbortSignal }): AsyncIterable<RowBatch>;
  /** Releases connections and files; safe to call twice. */
  close(): Promise<void>;
}

/**
 * Something a source met that does not stop its read but must not pass in
 * silence: error cells in a sheet, read as NULL. The engine reports it as a
 * warning on the node (at design time for the rows a schema reads, after a
 * run for all of them).
 */
export interface SourceWarning {
  code: ErrorCode;
  /** Stands on its own: names the file, and the sheet and cells where there are some. */
  message: string;
  /** The message as a template and its arguments, so it reads in the user's language. */
  said: Said;
  /** The node param it concerns, when not the node's usual one. */
  param?: string;
  file?: string;
}

/** A source that reports warnings: those of its last finished read (`columns()` or `rows()`). */
export interface WarningSource {
  warnings(): SourceWarning[];
}

/**
 * A source that sets bad rows aside instead of failing (issue #9): the
 * rows it rejected since the last call, each in the columns its node
 * declares (`ExternalSourceSpec.rejected`). The engine takes them after each
 * batch and writes them into their table when the read ends.
 */
export interface RejectingSource {
  takeRejected(): RowBatch;
}

/** Rows written outside DuckDB: all or nothing (one transaction, or a temp file renamed). */
export interface ExternalSink {
  write(columns: readonly Column[], batches: AsyncIterable<RowBatch>, signal: AbortSignal): Promise<{ rows: number }>;
}

/*
 * Extensions (optional members and the factory contract). The engine drives
 * every connector through ExternalSource/ExternalSink above; a connector adds
 * a bulk path below only where measurements justify it.
 */

/**
 * A source's rows as RFC 4180 CSV bytes (no header; an unquoted empty field
 * is NULL, `""` an empty string) that DuckDB parses in bulk. Used by runs
 * when present: for PostgreSQL, `COPY … TO STDOUT` read this way is ~2× faster
 * than rows crossing JavaScript one value at a time.
 */
export interface CsvExport {
  /** Per column: DuckDB casts the text to the column's type, or the text is `\x`-prefixed hex of bytes (BLOB). */
  decode: ReadonlyArray<'cast' | 'hex'>;
  bytes: AsyncIterable<Uint8Array>;
}

/**
 * A source that writes its DuckDB table itself (the ONNX scorer: its rows
 * are the input's, with scores added, appended chunk by chunk without
 * crossing JavaScript as values). `conn` may hold a stream open while the
 * source works; the rows go in through `writer`, the table exists, empty.
 */
export interface TableSource {
  fillTable(
    target: { conn: DuckDBConnection; writer: DuckDBConnection; table: string; schema: string; catalog: string },
    options: { limit?: number; signal: AbortSignal; onRows: (rows: number) => void },
  ): Promise<number>;
}

export interface BulkCsvSource {
  /** Every row (with the incremental condition applied), as CSV. Aborting ends the stream promptly. */
  csv(signal: AbortSignal): Promise<CsvExport>;
}

/**
 * A sink that loads CSV written by DuckDB's own CSV writer instead of values:
 * PostgreSQL's `COPY … FROM STDIN`. RFC 4180, no header, NULL an unquoted
 * empty field, `""` an empty string, BLOB as `\x` + hex, TIMESTAMPTZ in UTC
 * with `+00`, nested types as JSON. Measured on 10M rows: DuckDB writes the
 * CSV in 2 s where rendering rows into JavaScript takes 14 s.
 */
export interface BulkCsvSink {
  /** How BLOB values are written in the CSV: `\x` + hex (PostgreSQL's bytea input). */
  csvBlobs: 'hex-prefixed';
  /** The CSV bytes, in order; the row count is the sink's own (e.g. what COPY reports). */
  writeCsv(
    columns: readonly Column[],
    bytes: AsyncIterable<Uint8Array>,
    signal: AbortSignal,
  ): Promise<{ rows: number }>;
}

/**
 * A database sink that writes the rows of a SELECT on its own server (ELT,
 * issue #15): the pushdown planner's SELECT over tables of the sink's own
 * connection, so no row crosses Duto. Same modes, checks, transaction,
 * column types and row count as `write`.
 */
export interface SelectSink {
  /** Whether the server lands the values as `write` would (an existing target's column types decide); else the rows stream. */
  canWriteSelect(columns: readonly Column[], signal: AbortSignal): Promise<boolean>;
  writeSelect(columns: readonly Column[], select: string, signal: AbortSignal): Promise<{ rows: number }>;
}

/** One of several inputs a sink writes: a workbook's sheet. */
export interface NamedInput {
  name: string;
  columns: readonly Column[];
  batches: AsyncIterable<RowBatch>;
}

/** A sink that writes several inputs into one target, all or nothing (one workbook, a sheet per input). */
export interface MultiInputSink {
  writeMany(inputs: readonly NamedInput[], signal: AbortSignal): Promise<{ rows: number }>;
}

/** A sink that replaces one file (SQLite, Excel): a run holds that file's lock while it writes (locks/file-lock.ts). */
export interface FileTargetSink {
  targetFile(): string;
}

/** What `duto clean` found in one sink's target. */
export interface SinkLeftovers {
  nodeId: string;
  found: string[];
  removed: string[];
  /** The target could not be looked at. */
  problem?: Diagnostic;
}

/** What killed runs left in a sink's target (MySQL staging tables): listed, and dropped when asked (`duto clean`). */
export interface StagingSink {
  leftovers(remove: boolean, signal: AbortSignal): Promise<{ found: string[]; removed: string[] }>;
}

/** A sink that can refuse before the run starts (the target exists in create mode, the key is not unique…). */
export interface CheckedSink {
  check(columns: readonly Column[], signal: AbortSignal): Promise<void>;
}

/**
 * An error a connector raises on purpose: a message that stands on its own
 * (it names the connection, table, file, cell…) and never holds a secret.
 * `param` names the node param at fault when it is not the node's usual one.
 */
export class ConnectorError extends Error {
  readonly code: ErrorCode;
  readonly param: string | undefined;
  readonly file: string | undefined;
  /** Its template and arguments (shared/messages): the message in the user's language. */
  readonly said: Said;

  constructor(said: Said, where: { param?: string; file?: string } = {}) {
    super(renderMessage(said.key, said.args, 'en') ?? said.key);
    this.name = 'ConnectorError';
    this.code = codeOfKey(said.key);
    this.said = said;
    this.param = where.param;
    this.file = where.file;
  }
}
