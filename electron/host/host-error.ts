import { diagnosticOf, DutoError, hasErrors } from '../../shared/diagnostics';
import type { Said } from '../../shared/messages/diagnostic-messages';
import type { IpcError } from '../../shared/ipc/contract';

/**
 * A failure a handler reports on purpose, with a stable code the renderer
 * can act on (`file.too-large`, `document.invalid`, …). Anything else that
 * escapes a handler becomes `internal`, still without a stack trace.
 */
export class HostError extends Error {
  readonly error: IpcError;
  constructor(error: IpcError) {
    super(error.message);
    this.name = 'HostError';
    this.error = error;
  }
}

/** A failure said through its template (shared/messages): the renderer shows it in the user's language. */
export function hostError(s: Said): HostError {
  const d = diagnosticOf('error', s);
  return new HostError({ code: d.code, message: d.message, diagnostics: [d] });
}

/** Errors cross as data: code, message, the node and diagnostics when known; never a stack. */
export function toIpcError(e: unknown): IpcError {
  if (e instanceof HostError) return e.error;
  if (e instanceof DutoError) {
    const first =
      (hasErrors(e.diagnostics) ? e.diagnostics.find((d) => d.severity === 'error') : undefined) ?? e.diagnostics[0];
    return {
      code: first?.code ?? 'engine.error',
      message: e.message,
      ...(first?.nodeId === undefined ? {} : { nodeId: first.nodeId }),
      diagnostics: e.diagnostics,
    };
  }
  return { code: 'internal', message: e instanceof Error ? e.message : String(e) };
}
