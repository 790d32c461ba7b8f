import { z } from 'zod';

/**
 * The engine's functions, as DuckDB lists them (`duckdb_functions()`): what the
 * expression editor completes, explains while a call is typed, and lists in
 * its function browser. One entry per overload.
 */

export const functionKinds = ['scalar', 'aggregate', 'window', 'macro'] as const;
export type FunctionKind = (typeof functionKinds)[number];

export const functionEntrySchema = z.object({
  name: z.string(),
  kind: z.enum(functionKinds),
  params: z.array(z.object({ name: z.string(), type: z.string().nullable() })),
  /** The type of the repeated last argument (`concat(value, ...)`), when it takes any number. */
  varargs: z.string().nullable(),
  returns: z.string().nullable(),
  /** DuckDB's own one-line (or longer) documentation, in English; null where it has none. */
  description: z.string().nullable(),
  example: z.string().nullable(),
});
export type FunctionEntry = z.infer<typeof functionEntrySchema>;

export const functionCatalogSchema = z.object({ functions: z.array(functionEntrySchema) });
