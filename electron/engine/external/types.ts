import type { Column } from '../../../shared/catalog/node-type';

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

/** Rows written outside DuckDB: all or nothing (one transaction, or a temp file renamed). */
export interface ExternalSink {
  write(columns: readonly Column[], batches: AsyncIterable<RowBatch>, signal: AbortSignal): Promise<{ rows: number }>;
}
