/** DuckDB types offered by the type pickers (any other type name can be typed). */
export const COMMON_TYPES = [
  'VARCHAR',
  'BIGINT',
  'INTEGER',
  'SMALLINT',
  'DOUBLE',
  'FLOAT',
  'DECIMAL(18,2)',
  'BOOLEAN',
  'DATE',
  'TIMESTAMP',
  'TIMESTAMPTZ',
  'TIME',
  'INTERVAL',
  'UUID',
  'BLOB',
  'JSON',
] as const;
