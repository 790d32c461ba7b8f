import type { Column } from '../../shared/catalog/node-type';
import { formatDiagnosticIn, type Diagnostic } from '../../shared/diagnostics';
import type { Io } from './io';
import { cliLocale } from './locale';

/** Output formatting shared by the commands. */

/** Diagnostics on stderr, in the language of LANG (cliLocale). */
export function printDiagnostics(io: Io, diagnostics: readonly Diagnostic[]): void {
  const line = formatDiagnosticIn(cliLocale());
  for (const d of diagnostics) io.err(`${line(d)}\n`);
}

export function printJson(io: Io, value: unknown): void {
  io.out(`${JSON.stringify(value, null, 2)}\n`);
}

/** `850 ms`, `4.21 s`, `2 min 03 s`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(2)} s`;
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
}

/** `12,345 rows`. */
export function formatRows(rows: number | undefined): string {
  if (rows === undefined) return '';
  // Grouped by hand: the first toLocaleString of a process loads ICU's locale data (~13 ms of an up-to-date `duto run`).
  const n = Number.isSafeInteger(rows)
    ? String(rows).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
    : rows.toLocaleString('en-US');
  return `${n} ${rows === 1 ? 'row' : 'rows'}`;
}

export function countSummary(diagnostics: readonly Diagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  const plural = (n: number, w: string): string => `${n} ${w}${n === 1 ? '' : 's'}`;
  return `${plural(errors, 'error')}, ${plural(warnings, 'warning')}`;
}

type Cell = string | number | boolean | null;

/** A cell as text in a table: NULL shown as ∅ on a terminal, control characters escaped. */
function cellText(v: Cell, tty: boolean): string {
  if (v === null) return tty ? '∅' : 'NULL';
  const s = String(v);
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u001f\u007f]/g, (c) =>
    c === '\t'
      ? '\\t'
      : c === '\n'
        ? '\\n'
        : c === '\r'
          ? '\\r'
          : `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`,
  );
}

function fit(s: string, width: number): string {
  const chars = [...s];
  if (chars.length <= width) return s + ' '.repeat(width - chars.length);
  return `${chars.slice(0, Math.max(0, width - 1)).join('')}…`;
}

/** An aligned text table: a header of `name (type)`, then the rows. Wide cells are cut. */
export function formatTable(
  columns: readonly Column[],
  rows: ReadonlyArray<readonly Cell[]>,
  tty: boolean,
  maxCell = 40,
): string {
  const head = columns.map((c) => `${c.name} (${c.type})`);
  const body = rows.map((r) => columns.map((_, i) => cellText(r[i] ?? null, tty)));
  const widths = head.map((h, i) =>
    Math.min(maxCell, Math.max([...h].length, ...body.map((r) => [...(r[i] ?? '')].length))),
  );
  const line = (cells: readonly string[]): string =>
    cells
      .map((c, i) => fit(c, widths[i] ?? maxCell))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '─'.repeat(w)).join('  ');
  return [line(head), rule, ...body.map(line)].join('\n') + '\n';
}

/** Columns as `name  type` lines, names aligned. */
export function formatColumns(columns: readonly Column[]): string {
  const w = Math.max(0, ...columns.map((c) => [...c.name].length));
  return (
    columns.map((c) => `${c.name}${' '.repeat(w - [...c.name].length)}  ${c.type}`).join('\n') +
    (columns.length > 0 ? '\n' : '')
  );
}
