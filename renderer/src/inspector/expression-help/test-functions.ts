import type { FunctionEntry } from '../../../../shared/ipc/function-ops';

/** A few entries as engine.functions answers them (copied from DuckDB's duckdb_functions()), for the editor's tests. */
export const TEST_FUNCTIONS: readonly FunctionEntry[] = [
  {
    name: 'upper',
    kind: 'scalar',
    params: [{ name: 'string', type: 'VARCHAR' }],
    varargs: null,
    returns: 'VARCHAR',
    description: 'Converts `string` to upper case.',
    example: "upper('Hello')",
  },
  {
    name: 'substr',
    kind: 'scalar',
    params: [
      { name: 'string', type: 'VARCHAR' },
      { name: 'start', type: 'BIGINT' },
      { name: 'length', type: 'BIGINT' },
    ],
    varargs: null,
    returns: 'VARCHAR',
    description: 'Extracts substring starting from character `start`.',
    example: null,
  },
  {
    name: 'substr',
    kind: 'scalar',
    params: [
      { name: 'string', type: 'VARCHAR' },
      { name: 'start', type: 'BIGINT' },
    ],
    varargs: null,
    returns: 'VARCHAR',
    description: 'Extracts substring starting from character `start`.',
    example: null,
  },
  {
    name: 'concat',
    kind: 'scalar',
    params: [{ name: 'value', type: 'ANY' }],
    varargs: 'ANY',
    returns: 'ANY',
    description: 'Concatenates multiple strings or lists.',
    example: null,
  },
  {
    name: 'sum',
    kind: 'aggregate',
    params: [{ name: 'arg', type: 'BIGINT' }],
    varargs: null,
    returns: 'HUGEINT',
    description: 'Calculates the sum value for all tuples in arg.',
    example: null,
  },
  {
    name: 'row_number',
    kind: 'window',
    params: [],
    varargs: null,
    returns: 'BIGINT',
    description: null,
    example: null,
  },
];
