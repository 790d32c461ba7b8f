import { diagnosticOf, DutoError, error, type Diagnostic } from '../../../shared/diagnostics';
import type { MessageArg } from '../../../shared/messages/template';
import { diagnoseDuckDBError } from '../duck/duckdb-errors';
import { isCancellation } from '../run/run-cancelled';
import { ConnectorError } from './types';

/**
 * A connector's failure as the Diagnostic the rest of the engine reports:
 * it names the node and the param at fault (the connector's own choice, or
 * the node's usual one), the file where there is one, and never a secret
 * (`redact`: the session's redactor).
 */
export function connectorDiagnostic(
  e: unknown,
  where: { nodeId: string; param: string; redact: (text: string) => string; signal?: AbortSignal },
): Diagnostic {
  const at = { nodeId: where.nodeId };
  if (cancelled(e, where)) return error('run.cancelled', {}, at);
  if (e instanceof DutoError)
    return placed(e.diagnostics[0] ?? error('connector.error', { detail: 'failed' }, at), where);
  const file = e instanceof Error && 'file' in e && typeof e.file === 'string' ? e.file : undefined;
  const withFile = file === undefined ? {} : { file };
  if (e instanceof ConnectorError) {
    const blamed = { ...at, param: e.param ?? where.param, ...withFile };
    // The arguments render the message in other languages: they are redacted as the English is.
    return {
      ...diagnosticOf('error', e.said, blamed),
      message: where.redact(e.message),
      args: redactArgs(e.said.args, where.redact),
    };
  }
  const raw = e instanceof Error ? e.message : String(e);
  if (/^[A-Za-z ]+ Error: /.test(raw)) {
    const d = diagnoseDuckDBError(new Error(where.redact(raw)), { nodeId: where.nodeId, param: where.param });
    return { ...d, ...withFile };
  }
  return error(
    'connector.error',
    { detail: where.redact(raw.split('\n')[0] ?? raw) },
    { ...at, param: where.param, ...withFile },
  );
}

type Where = Parameters<typeof connectorDiagnostic>[1];

/** Every diagnostic of a DutoError (a connections file's problems, then what to do), not only its first. */
export function connectorFailure(e: unknown, where: Where): DutoError {
  if (e instanceof DutoError && e.diagnostics.length > 1 && !cancelled(e, where))
    return new DutoError(e.diagnostics.map((d) => placed(d, where)));
  return new DutoError([connectorDiagnostic(e, where)]);
}

function cancelled(e: unknown, where: Where): boolean {
  return where.signal?.aborted === true || isCancellation(e) || (e instanceof Error && e.name === 'AbortError');
}

/** A diagnostic met inside a connector, on its node and param unless it names its own, redacted. */
function placed(d: Diagnostic, where: Where): Diagnostic {
  // The arguments render the message in other languages: they are redacted as the English is.
  const args = d.args === undefined ? {} : { args: redactArgs(d.args, where.redact) };
  return {
    ...d,
    message: where.redact(d.message),
    ...args,
    nodeId: d.nodeId ?? where.nodeId,
    param: d.param ?? where.param,
  };
}

export function redactArgs(
  args: Readonly<Record<string, MessageArg>>,
  redact: (text: string) => string,
): Record<string, MessageArg> {
  return Object.fromEntries(Object.entries(args).map(([k, v]) => [k, typeof v === 'string' ? redact(v) : v]));
}
