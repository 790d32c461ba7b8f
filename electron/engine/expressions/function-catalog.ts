import { DuckDBInstance } from '@duckdb/node-api';
import { z } from 'zod';
import type { FunctionEntry, FunctionKind } from '../../../shared/ipc/function-ops';

/**
 * The functions an expression can call, read from DuckDB's own catalog
 * (`duckdb_functions()`) rather than written by hand: the editor's completion,
 * signature help and function browser show exactly what this engine binds.
 *
 * Read once per engine process, from a bare in-memory instance (nothing of a
 * pipeline is involved), and kept: the list only changes with DuckDB itself.
 */

/**
 * DuckDB lists its window functions among the aggregates; these are the ones
 * that only work with OVER (DuckDB's window function reference), so the
 * editor can say so.
 */
const WINDOW_ONLY = new Set([
  'row_number',
  'rank',
  'dense_rank',
  'rank_dense',
  'percent_rank',
  'cume_dist',
  'ntile',
  'lag',
  'lead',
  'first_value',
  'last_value',
  'nth_value',
  'fill',
]);

/** Plain function names only: operators (`+`, `~~`) and internal helpers (`__internal_x`) are not for typing. */
const CALLABLE_NAME = /^[a-z][a-z0-9_]*$/;

// A constant statement: nothing of the user's reaches it.
const CATALOG_SQL = `SELECT function_name, function_type, parameters, parameter_types, varargs, return_type, description, examples
FROM duckdb_functions()
WHERE function_type IN ('scalar', 'aggregate', 'macro') AND schema_name IN ('main', '')
ORDER BY function_name`;

const rowSchema = z.tuple([
  z.string(),
  z.enum(['scalar', 'aggregate', 'macro']),
  z.array(z.string().nullable()).nullable(),
  z.array(z.string().nullable()).nullable(),
  z.string().nullable(),
  z.string().nullable(),
  z.string().nullable(),
  z.array(z.string().nullable()).nullable(),
]);

function kindOf(name: string, type: 'scalar' | 'aggregate' | 'macro'): FunctionKind {
  return type === 'aggregate' && WINDOW_ONLY.has(name) ? 'window' : type;
}

/** The rows of `duckdb_functions()` as entries, one per distinct overload, in name order. */
export function functionEntries(rows: readonly unknown[]): FunctionEntry[] {
  const seen = new Set<string>();
  const out: FunctionEntry[] = [];
  for (const raw of rows) {
    const row = rowSchema.safeParse(raw);
    if (!row.success) continue;
    const [name, type, names, types, varargs, returns, description, examples] = row.data;
    if (!CALLABLE_NAME.test(name)) continue;
    const params = (names ?? []).map((n, i) => ({ name: n ?? `arg${String(i + 1)}`, type: types?.[i] ?? null }));
    const entry: FunctionEntry = {
      name,
      kind: kindOf(name, type),
      params,
      varargs,
      returns,
      description,
      example: examples?.find((e) => e !== null) ?? null,
    };
    const key = JSON.stringify([entry.name, entry.kind, entry.params, entry.varargs, entry.returns]);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(entry);
  }
  return out;
}

async function readCatalog(): Promise<FunctionEntry[]> {
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  try {
    // eslint-disable-next-line no-restricted-syntax
    const reader = await conn.runAndReadAll(CATALOG_SQL);
    return functionEntries(reader.getRowsJson());
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}

let cached: Promise<FunctionEntry[]> | undefined;

/** The engine's functions, read on first use and kept for the life of the process. */
export function functionCatalog(): Promise<FunctionEntry[]> {
  if (cached === undefined) {
    cached = readCatalog();
    // A failed read is tried again next time rather than remembered.
    cached.catch(() => {
      cached = undefined;
    });
  }
  return cached;
}
