import { z } from 'zod';
import { error } from '../../../shared/diagnostics';
import { ident } from '../../../shared/sql/quote';
import type { ColumnMappingMode } from './delta-protocol-check';
import { deltaFailure } from './delta-errors';

/**
 * A table's schema (metaData.schemaString, PROTOCOL.md "Schema
 * Serialization Format") as DuckDB types, with each top-level column's
 * physical name (the name in the Parquet files under column mapping).
 */
export interface DeltaColumn {
  name: string;
  physicalName: string;
  /** DuckDB type SQL, its nested field names quoted. */
  type: string;
  nullable: boolean;
}

type DeltaType =
  | string
  | { type: 'struct'; fields: DeltaField[] }
  | { type: 'array'; elementType: DeltaType }
  | { type: 'map'; keyType: DeltaType; valueType: DeltaType };
interface DeltaField {
  name: string;
  type: DeltaType;
  nullable?: boolean | undefined;
  metadata?: Record<string, unknown> | undefined;
}

const deltaType: z.ZodType<DeltaType> = z.lazy(() =>
  z.union([
    z.string(),
    z.looseObject({ type: z.literal('struct'), fields: z.array(deltaField) }),
    z.looseObject({ type: z.literal('array'), elementType: deltaType }),
    z.looseObject({ type: z.literal('map'), keyType: deltaType, valueType: deltaType }),
  ]),
);
const deltaField: z.ZodType<DeltaField> = z.lazy(() =>
  z.looseObject({
    name: z.string(),
    type: deltaType,
    nullable: z.boolean().optional(),
    metadata: z.record(z.string(), z.unknown()).optional(),
  }),
);
const schemaJson = z.looseObject({ type: z.literal('struct'), fields: z.array(deltaField) });

const PRIMITIVES: Record<string, string> = {
  string: 'VARCHAR',
  long: 'BIGINT',
  integer: 'INTEGER',
  short: 'SMALLINT',
  byte: 'TINYINT',
  float: 'FLOAT',
  double: 'DOUBLE',
  boolean: 'BOOLEAN',
  binary: 'BLOB',
  date: 'DATE',
  timestamp: 'TIMESTAMPTZ',
  timestamp_ntz: 'TIMESTAMP',
};

export function parseSchema(table: string, schemaString: string, mode: ColumnMappingMode): DeltaColumn[] {
  let value: unknown;
  try {
    value = JSON.parse(schemaString);
  } catch (e) {
    throw deltaFailure(
      error('delta.schema', { table, detail: e instanceof Error ? e.message : String(e) }, { file: table }),
    );
  }
  const r = schemaJson.safeParse(value);
  if (!r.success)
    throw deltaFailure(
      error('delta.schema', { table, detail: r.error.issues[0]?.message ?? 'not a struct' }, { file: table }),
    );
  return r.data.fields.map((f) => ({
    name: f.name,
    physicalName: physicalName(f, mode),
    type: duckType(table, f.type, mode),
    nullable: f.nullable ?? true,
  }));
}

function physicalName(field: DeltaField, mode: ColumnMappingMode): string {
  if (mode === 'none') return field.name;
  const p = field.metadata?.['delta.columnMapping.physicalName'];
  return typeof p === 'string' ? p : field.name;
}

function duckType(table: string, t: DeltaType, mode: ColumnMappingMode): string {
  if (typeof t === 'string') {
    const p = PRIMITIVES[t];
    if (p !== undefined) return p;
    const d = /^decimal\(\s*(\d+)\s*,\s*(\d+)\s*\)$/.exec(t);
    if (d?.[1] !== undefined && d[2] !== undefined) return `DECIMAL(${Number(d[1])}, ${Number(d[2])})`;
    throw deltaFailure(error('delta.feature', { table, feature: `type ${t}` }, { file: table }));
  }
  if (t.type === 'array') return `${duckType(table, t.elementType, mode)}[]`;
  if (t.type === 'map') return `MAP(${duckType(table, t.keyType, mode)}, ${duckType(table, t.valueType, mode)})`;
  // Nested struct fields are read by their physical names: the Parquet files hold those.
  return `STRUCT(${t.fields.map((f) => `${ident(physicalName(f, mode))} ${duckType(table, f.type, mode)}`).join(', ')})`;
}
