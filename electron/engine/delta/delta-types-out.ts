import { error } from '../../../shared/diagnostics';
import { deltaFailure } from './delta-errors';

const OUT: Record<string, string> = {
  BIGINT: 'long',
  INTEGER: 'integer',
  SMALLINT: 'short',
  TINYINT: 'byte',
  DOUBLE: 'double',
  FLOAT: 'float',
  BOOLEAN: 'boolean',
  VARCHAR: 'string',
  BLOB: 'binary',
  DATE: 'date',
  'TIMESTAMP WITH TIME ZONE': 'timestamp',
};

/** A DuckDB column type as a Delta primitive type; anything without an exact Delta equivalent is refused, not approximated. */
export function deltaTypeOf(table: string, column: string, duckType: string): string {
  const t = OUT[duckType];
  if (t !== undefined) return t;
  const d = /^DECIMAL\((\d+),(\d+)\)$/.exec(duckType.replace(/\s/g, ''));
  if (d?.[1] !== undefined && d[2] !== undefined) return `decimal(${d[1]},${d[2]})`;
  throw deltaFailure(
    error(
      'delta.schema',
      { table, detail: `column "${column}" is ${duckType}, which has no Delta type here (cast it first)` },
      { file: table },
    ),
  );
}

/** Whether min/max statistics are kept for a column of this Delta type. */
export function hasMinMax(deltaType: string): boolean {
  return deltaType !== 'binary' && deltaType !== 'boolean';
}
