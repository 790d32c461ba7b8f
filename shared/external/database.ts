import { z } from 'zod';

/**
 * What a database node asks of its connector: the data contract between the
 * catalog's pure compile (which builds it) and the engine's connectors (which
 * parse it back with these schemas, so neither side casts).
 */

export const FILTER_OPS = ['=', '<>', '<', '<=', '>', '>=', 'like', 'is null', 'is not null'] as const;

/** One condition pushed to the database; the value is always a bound parameter, never SQL text. */
export const filterSchema = z.strictObject({
  column: z.string().min(1),
  op: z.enum(FILTER_OPS),
  value: z.string(),
});

export const dbReadSchema = z.discriminatedUnion('mode', [
  z.strictObject({
    mode: z.literal('table'),
    /** Schema (PostgreSQL) or database (MySQL); empty for the connection's default. */
    schema: z.string(),
    table: z.string().min(1),
    /** Columns to read, in this order; empty reads every column. */
    columns: z.array(z.string().min(1)),
    filters: z.array(filterSchema),
    /** A condition in the database's own SQL, run read-only as part of one statement. */
    where: z.string(),
  }),
  z.strictObject({
    mode: z.literal('query'),
    /** One SELECT in the database's own SQL, run read-only. */
    query: z.string().min(1),
  }),
]);
export type DbRead = z.infer<typeof dbReadSchema>;

export const DB_SOURCE_CONFIG = z.strictObject({
  read: dbReadSchema,
  /** SQLite: the database file (absolute); empty for server databases. */
  path: z.string(),
});
export type DbSourceConfig = z.infer<typeof DB_SOURCE_CONFIG>;

export const SINK_MODES = ['create', 'replace', 'append', 'upsert'] as const;

export const DB_SINK_CONFIG = z.strictObject({
  schema: z.string(),
  table: z.string().min(1),
  mode: z.enum(SINK_MODES),
  /** Upsert: the columns that identify a row (a primary or unique key of the target). */
  keyColumns: z.array(z.string().min(1)),
  /** SQLite: the database file (absolute); empty for server databases. */
  path: z.string(),
  /** MySQL: append or upsert even into a table that cannot roll back (MyISAM…), by the user's choice. */
  allowNonAtomic: z.boolean().exactOptional(),
});
export type DbSinkConfig = z.infer<typeof DB_SINK_CONFIG>;
