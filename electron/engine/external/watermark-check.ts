import type { Column } from '../../../shared/catalog/node-type';
import { duckType, INTEGER_FAMILIES } from './duck-types';

/**
 * A stored watermark must be a value of its column's type: `"abc"` for an
 * integer column would otherwise make every later run read nothing, with
 * exit 0. Returns what is wrong, or undefined when the value fits.
 */

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}(:?\d{2})?)?$/;

export function watermarkProblem(column: Column, value: string): string | undefined {
  const f = duckType(column.type).family;
  if (INTEGER_FAMILIES.has(f))
    return /^-?\d+$/.test(value) ? undefined : `not an integer, as column "${column.name}" (${column.type}) needs`;
  if (f === 'decimal')
    return /^-?\d+(\.\d+)?$/.test(value)
      ? undefined
      : `not a number, as column "${column.name}" (${column.type}) needs`;
  if (f === 'date')
    return DATE.test(value) || TIMESTAMP.test(value)
      ? undefined
      : `not a date, as column "${column.name}" (${column.type}) needs`;
  if (f === 'timestamp' || f === 'timestamptz')
    return TIMESTAMP.test(value) ? undefined : `not a timestamp, as column "${column.name}" (${column.type}) needs`;
  return value === '' ? `empty, and column "${column.name}" needs a value` : undefined;
}
