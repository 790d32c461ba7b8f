/**
 * Every problem Duto reports, from the document loader to the engine, is a
 * Diagnostic: a message a person can act on, tied to where it happened.
 */
import type { ErrorCode } from './error-codes';
import {
  codeOfKey,
  renderMessage,
  variantOfKey,
  type MessageArgs,
  type MessageKey,
  type Said,
} from './messages/diagnostic-messages';
import { renderTemplate, type MessageArg, type MessageLocale, type Template } from './messages/template';

export type Severity = 'error' | 'warning';

export interface Diagnostic {
  severity: Severity;
  /** Stable machine-readable code, listed in shared/error-codes.ts. */
  code: ErrorCode;
  /** In English: what the CLI, logs and scripts read. */
  message: string;
  /**
   * The message's arguments (shared/messages): with the code and variant they
   * render the message in the user's language. Absent on a free-text one.
   */
  args?: Readonly<Record<string, MessageArg>>;
  /** Which of the code's templates, when it has several (`node.cycle/self` → `self`). */
  variant?: string;
  /** The node above that raised it, when a preview or run of this one met it (the message says so too). */
  raisedBy?: string;
  nodeId?: string;
  param?: string;
  /** Path inside the pipeline document, e.g. `nodes[3].params.delimiter`. */
  path?: string;
  file?: string;
  line?: number;
  column?: number;
}

type Where = Omit<Diagnostic, 'severity' | 'code' | 'message' | 'args' | 'variant' | 'raisedBy'>;
function make(
  severity: Severity,
  key: MessageKey,
  text: Readonly<Record<string, MessageArg>>,
  where: Where,
): Diagnostic {
  const code = codeOfKey(key);
  const variant = variantOfKey(key);
  return {
    severity,
    code,
    message: renderMessage(key, text, 'en') ?? key,
    args: text,
    ...(variant === undefined ? {} : { variant }),
    ...where,
  };
}

/**
 * An error whose text is the key's template (shared/messages) filled with
 * `args`: TypeScript checks the argument names. There is no free-text
 * form: every message a user reads has its template in each language.
 */
export function error<K extends MessageKey>(key: K, args: MessageArgs<K>, where: Where = {}): Diagnostic {
  return make('error', key, args, where);
}

export function warning<K extends MessageKey>(key: K, args: MessageArgs<K>, where: Where = {}): Diagnostic {
  return make('warning', key, args, where);
}

/** A diagnostic from what a helper said (its key and arguments were checked by said()). */
export function diagnosticOf(severity: Severity, s: Said, where: Where = {}): Diagnostic {
  return make(severity, s.key, s.args, where);
}

/** A diagnostic as it arrives over IPC or from a history record: its code a string this build may not know. */
export interface DiagnosticData {
  code: string;
  message: string;
  args?: Readonly<Record<string, MessageArg>> | undefined;
  variant?: string | undefined;
  raisedBy?: string | undefined;
}

/** A diagnostic's message in a locale: from its code and arguments, English free text as it is. */
export function diagnosticText(d: DiagnosticData, locale: MessageLocale): string {
  if (d.args === undefined || locale === 'en') return d.message;
  const text = renderMessage(keyOf(d), d.args, locale);
  if (text === undefined) return d.message;
  return d.raisedBy === undefined
    ? text
    : renderTemplate(RAISED_BY[locale], { message: text, node: d.raisedBy }, locale);
}

const RAISED_BY: Template = {
  en: '{message} (raised by "{node}", above this node)',
  'pt-BR': '{message} (levantado por "{node}", acima deste nó)',
};

/** The diagnostic as met below the node that raised it: blamed on that node, and saying so. */
export function raisedBy(d: Diagnostic, node: string): Diagnostic {
  return {
    ...d,
    nodeId: node,
    raisedBy: node,
    message: renderTemplate(RAISED_BY.en, { message: d.message, node }, 'en'),
  };
}

function keyOf(d: DiagnosticData): string {
  return d.variant === undefined ? d.code : `${d.code}/${d.variant}`;
}

export function hasErrors(ds: readonly Diagnostic[]): boolean {
  return ds.some((d) => d.severity === 'error');
}

/** One line for a terminal or a log: `error [join] keys: unknown column "x" (orders.csv:3)`. */
export function formatDiagnostic(d: Diagnostic): string {
  return formatLine(d, d.message);
}

/** formatDiagnostic with the message in a locale (the CLI's, from LANG). */
export function formatDiagnosticIn(locale: MessageLocale): (d: Diagnostic) => string {
  return (d) => formatLine(d, diagnosticText(d, locale));
}

function formatLine(d: Diagnostic, message: string): string {
  const where = [d.nodeId, d.param].filter((x) => x !== undefined).join(' ');
  const loc = d.file === undefined ? '' : ` (${d.file}${d.line === undefined ? '' : `:${d.line}`})`;
  const at = where === '' ? (d.path === undefined ? '' : `${d.path}: `) : `[${where}] `;
  return `${d.severity} ${at}${message}${loc}`;
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
