/**
 * Every problem Duto reports, from the document loader to the engine, is a
 * Diagnostic: a message a person can act on, tied to where it happened.
 */
import type { ErrorCode } from './error-codes';

export type Severity = 'error' | 'warning';

export interface Diagnostic {
  severity: Severity;
  /** Stable machine-readable code, listed in shared/error-codes.ts. */
  code: ErrorCode;
  message: string;
  nodeId?: string;
  param?: string;
  /** Path inside the pipeline document, e.g. `nodes[3].params.delimiter`. */
  path?: string;
  file?: string;
  line?: number;
  column?: number;
}

export function error(code: ErrorCode, message: string, where: Omit<Diagnostic, 'severity' | 'code' | 'message'> = {}): Diagnostic {
  return { severity: 'error', code, message, ...where };
}

export function warning(code: ErrorCode, message: string, where: Omit<Diagnostic, 'severity' | 'code' | 'message'> = {}): Diagnostic {
  return { severity: 'warning', code, message, ...where };
}

export function hasErrors(ds: readonly Diagnostic[]): boolean {
  return ds.some((d) => d.severity === 'error');
}

/** One line for a terminal or a log: `error [join] keys: unknown column "x" (orders.csv:3)`. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = [d.nodeId, d.param].filter((x) => x !== undefined).join(' ');
  const loc = d.file === undefined ? '' : ` (${d.file}${d.line === undefined ? '' : `:${d.line}`})`;
  const at = where === '' ? (d.path === undefined ? '' : `${d.path}: `) : `[${where}] `;
  return `${d.severity} ${at}${d.message}${loc}`;
}

/** Thrown at boundaries (CLI, IPC) when a request cannot proceed; carries its diagnostics. */
export class DutoError extends Error {
  readonly diagnostics: Diagnostic[];
  constructor(diagnostics: Diagnostic[]) {
    super(diagnostics.map(formatDiagnostic).join('\n'));
    this.name = 'DutoError';
    this.diagnostics = diagnostics;
  }
}
