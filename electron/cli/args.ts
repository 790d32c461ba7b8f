import { InvalidArgumentError } from 'commander';
import { PARAM_NAME_PATTERN } from '../../shared/format/document';
import { parseMemorySize } from '../../shared/memory-size';

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
    throw new InvalidArgumentError(
      `"${name}" is not a parameter name (letters, digits and _, not starting with a digit)`,
    );
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

/** A memory size (`512MB`, `4GB`, `1.5GiB`): checked here, so a typo is a usage error, not an engine failure. */
export function memorySize(value: string): string {
  if (parseMemorySize(value) === undefined)
    throw new InvalidArgumentError('expected a size such as 512MB, 4GB or 1.5GiB');
  return value.trim();
}

/** A repeatable option naming nodes (`--pin-cache NODE`). */
export function collectNode(value: string, previous: string[] | undefined): string[] {
  if (value.trim() === '') throw new InvalidArgumentError('expected a node id');
  return [...(previous ?? []), value.trim()];
}

/** `--sort COLUMN[:desc]` (repeatable): the preview's order, over the node's whole output. */
export function collectSort(
  value: string,
  previous: Array<{ column: string; descending: boolean }> | undefined,
): Array<{ column: string; descending: boolean }> {
  const m = /^(.*?)(?::(asc|desc))?$/is.exec(value);
  const column = m?.[1] ?? '';
  if (column === '') throw new InvalidArgumentError('expected a column, e.g. --sort amount or --sort amount:desc');
  return [...(previous ?? []), { column, descending: m?.[2]?.toLowerCase() === 'desc' }];
}

/** `--filter COLUMN=TEXT` (repeatable): rows whose column contains TEXT, or compares (`amount=>10`, `city==Recife`, `name==NULL`). */
export function collectFilter(
  value: string,
  previous: Array<{ column: string; text: string }> | undefined,
): Array<{ column: string; text: string }> {
  const eq = value.indexOf('=');
  if (eq <= 0)
    throw new InvalidArgumentError('expected column=text, e.g. --filter city=paulo or --filter "amount=>= 10"');
  if (value.includes('\u0000')) throw new InvalidArgumentError('a filter cannot hold a NUL character');
  return [...(previous ?? []), { column: value.slice(0, eq), text: value.slice(eq + 1) }];
}
