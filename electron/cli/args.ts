import { InvalidArgumentError } from 'commander';
import { PARAM_NAME_PATTERN } from '../../shared/format/document';

/**
 * Parsers for option values. Each throws commander's InvalidArgumentError
 * with a one-line reason, which commander prints as
 * `error: option '--limit <n>' argument 'x' is invalid. <reason>`.
 */

/** `--param name=value`, repeatable: collects into one record. */
export function collectParam(value: string, previous: Record<string, string> | undefined): Record<string, string> {
  const eq = value.indexOf('=');
  if (eq <= 0) throw new InvalidArgumentError('expected name=value, e.g. --param data_dir=./data');
  const name = value.slice(0, eq);
  if (!PARAM_NAME_PATTERN.test(name)) {
    throw new InvalidArgumentError(`"${name}" is not a parameter name (letters, digits and _, not starting with a digit)`);
  }
  const out = { ...(previous ?? {}) };
  if (Object.hasOwn(out, name)) throw new InvalidArgumentError(`parameter "${name}" is given twice`);
  out[name] = value.slice(eq + 1);
  return out;
}

/** A whole number ≥ `min`, written in plain decimal digits. */
function integerAtLeast(min: number, what: string): (value: string) => number {
  return (value) => {
    if (!/^\d+$/.test(value.trim())) throw new InvalidArgumentError(`expected ${what}`);
    const n = Number(value.trim());
    if (!Number.isSafeInteger(n) || n < min) throw new InvalidArgumentError(`expected ${what}`);
    return n;
  };
}

export const positiveInt = integerAtLeast(1, 'a positive whole number');
export const nonNegativeInt = integerAtLeast(0, 'a whole number, 0 or more');

/**
 * A memory size as DuckDB takes it (`512MB`, `4GB`, `1.5GiB`): checked here,
 * so a typo is a usage error, not an engine failure.
 */
export function memorySize(value: string): string {
  const v = value.trim();
  const m = /^(\d+(?:\.\d+)?)\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i.exec(v);
  if (m === null || Number(m[1]) <= 0) throw new InvalidArgumentError('expected a size such as 512MB, 4GB or 1.5GiB');
  return `${m[1] ?? ''}${(m[2] ?? '').toUpperCase().replace('IB', 'iB')}`;
}
