import type { Diagnostic } from '../../shared/diagnostics';
import { codeInfo } from '../../shared/error-codes';

/** Exit codes of `duto`, and the error that carries one to the top. */
export const EXIT = {
  ok: 0,
  /** The run (or a query) failed. */
  failed: 1,
  /** Invalid input or usage, including an invalid pipeline. */
  usage: 2,
  /** Cancelled with Ctrl-C (SIGINT). */
  interrupted: 130,
  /** Cancelled by SIGTERM (a service manager, `kill`). */
  terminated: 143,
  /** Cancelled by SIGHUP (the terminal closed). */
  hangup: 129,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** Stops the command with an exit code; `message` (one line) goes to stderr when given. */
export class CliExit extends Error {
  readonly code: ExitCode;
  constructor(code: ExitCode, message = '') {
    super(message);
    this.name = 'CliExit';
    this.code = code;
  }
}

/** An invalid argument: one line on stderr, exit 2. */
export function usageError(message: string): CliExit {
  return new CliExit(EXIT.usage, message);
}

/**
 * A problem of the pipeline itself (exit 2), as opposed to a failure while
 * running it (exit 1): the code's `exit` class in shared/error-codes.ts.
 */
export function isStaticProblem(d: Diagnostic): boolean {
  return codeInfo(d.code).exit === 'input';
}

/** 2 when every error is a problem of the pipeline itself, else 1. */
export function exitCodeFor(diagnostics: readonly Diagnostic[]): typeof EXIT.failed | typeof EXIT.usage {
  const errors = diagnostics.filter((d) => d.severity === 'error');
  return errors.length > 0 && errors.every(isStaticProblem) ? EXIT.usage : EXIT.failed;
}
