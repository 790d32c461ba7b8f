import type { Column, FileCheck } from '../../../shared/catalog/node-type';
import type { PlanStep } from '../../../shared/compiler/plan';
import { error, warning, type Diagnostic } from '../../../shared/diagnostics';
import { basename, join } from 'node:path';
import { ident, str } from '../../../shared/sql/quote';
import { cachedJsonCheck } from './cached-check';
import { rememberCopy } from './copies';
import { writeLastWins } from './last-wins';

/**
 * What the engine adds to a JSON source's read: every file is checked
 * before DuckDB opens it (DuckDB accepts truncated arrays and crashes on
 * very deep nesting), and a field of mixed types is read as text.
 */

type JsonValidCheck = Extract<FileCheck, { kind: 'json-valid' }>;

export function jsonCheckOf(step: PlanStep): JsonValidCheck | undefined {
  return step.checks.find((c): c is JsonValidCheck => c.kind === 'json-valid');
}

/** Problems with the files of a JSON source, one diagnostic per file at its line and column. */
export function jsonFileProblems(step: PlanStep, check: JsonValidCheck): Diagnostic[] {
  const out: Diagnostic[] = [];
  const where = { nodeId: step.nodeId, param: check.param };
  for (const file of step.reads.filter((r) => r.kind === 'file').map((r) => r.path)) {
    try {
      const r = cachedJsonCheck(file, check.format);
      if (r.problem !== null) {
        out.push(
          error(
            r.problem.truncated ? 'source.truncated/json' : 'source.malformed/rfc',
            { detail: r.problem.message },
            { ...where, file, line: r.problem.line, column: r.problem.column },
          ),
        );
      }
    } catch (e) {
      out.push(
        error('source.missing/read', { file, detail: e instanceof Error ? e.message : String(e) }, { ...where, file }),
      );
    }
  }
  return out;
}

/**
 * DuckDB refuses objects with a repeated key: files holding one are read
 * from a copy in `scratchDir` where the last value wins (last-wins.ts).
 * Returns the view's SQL reading the copies, and a warning per file.
 */
export function readLastWins(
  step: PlanStep,
  check: JsonValidCheck,
  sql: string,
  scratchDir: string,
): { sql: string; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  let out = sql;
  for (const [i, file] of step.reads
    .filter((r) => r.kind === 'file')
    .map((r) => r.path)
    .entries()) {
    const d = cachedJsonCheck(file, check.format).duplicate;
    if (d === undefined) continue;
    const where = { nodeId: step.nodeId, param: check.param, file, line: d.line, column: d.column };
    const at = `${file}:${d.line}:${d.column}: the key "${d.key}" appears twice in one object`;
    if (check.pathsMatter) {
      diagnostics.push(error('source.duplicate-key/refused', { at }, where));
      continue;
    }
    const copy = join(scratchDir, `last-wins-${i}-${basename(file)}`);
    writeLastWins(file, copy);
    rememberCopy(copy, file);
    out = out.replaceAll(str(file), str(copy));
    diagnostics.push(warning('source.duplicate-key', { at }, where));
  }
  return { sql: out, diagnostics };
}

/**
 * The view of a JSON source once DuckDB has described it: keys holding NUL
 * renamed, fields of mixed types read as text. `rebind` replaces the view.
 */
export async function adjustJsonView(
  step: PlanStep,
  check: JsonValidCheck,
  sql: string,
  columns: Column[],
  rebind: (sql: string) => Promise<Column[]>,
): Promise<{ columns: Column[]; warnings: Diagnostic[] }> {
  let current = sql;
  let cols = columns;
  const renamed = withoutNulNames(current, cols);
  if (renamed !== undefined) {
    current = renamed;
    cols = await rebind(current);
  }
  const mixed = mixedColumns(cols);
  if (mixed.length === 0) return { columns: cols, warnings: [] };
  return { columns: await rebind(mixedAsText(current, mixed)), warnings: [mixedWarning(step, check, mixed)] };
}

/** Top-level keys holding U+0000 (valid JSON) cannot name a column: such columns are renamed by position, NUL shown as ␀. */
function withoutNulNames(sql: string, columns: readonly Column[]): string | undefined {
  if (!columns.some((c) => c.name.includes('\u0000'))) return undefined;
  return `SELECT * FROM (${sql}) AS duto_names(${columns.map((c) => ident(c.name.replaceAll('\u0000', '\u2400'))).join(', ')})`;
}

/** Columns DuckDB types JSON hold values of mixed types (a number here, a string there). */
function mixedColumns(columns: readonly Column[]): string[] {
  return columns.filter((c) => c.type === 'JSON').map((c) => c.name);
}

/** The read with mixed fields as text: a string's own text (unquoted), any other value as JSON. */
function mixedAsText(sql: string, mixed: readonly string[]): string {
  const casts = mixed.map((c) => `json_extract_string(${ident(c)}, '$') AS ${ident(c)}`);
  return `SELECT * REPLACE (${casts.join(', ')}) FROM (${sql}) AS duto_json`;
}

function mixedWarning(step: PlanStep, check: JsonValidCheck, mixed: readonly string[]): Diagnostic {
  const names = mixed.map((c) => `"${c}"`).join(', ');
  const where = { nodeId: step.nodeId, param: check.param };
  return mixed.length === 1
    ? warning('source.mixed-types', { names }, where)
    : warning('source.mixed-types/many', { names }, where);
}
