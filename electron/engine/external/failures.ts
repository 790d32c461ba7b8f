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
  if (where.signal?.aborted === true || isCancellation(e) || (e instanceof Error && e.name === 'AbortError'))
    return error('run.cancelled', {}, at);
  if (e instanceof DutoError) {
    const d = e.diagnostics[0] ?? error('connector.error', { detail: 'failed' }, at);
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
  const file = e instanceof Error && 'file' in e && typeof e.file === 'string' ? e.file : undefined;
  const withFile = file === undefined ? {} : { file };
  if (e instanceof ConnectorError) {
    const blamed = { ...at, param: e.param ?? where.param, ...withFile };
    if (e.said === undefined) return error(e.code, where.redact(e.message), blamed);
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

export function connectorFailure(e: unknown, where: Parameters<typeof connectorDiagnostic>[1]): DutoError {
  return new DutoError([connectorDiagnostic(e, where)]);
}

function redactArgs(
  args: Readonly<Record<string, MessageArg>>,
  redact: (text: string) => string,
): Record<string, MessageArg> {
  return Object.fromEntries(Object.entries(args).map(([k, v]) => [k, typeof v === 'string' ? redact(v) : v]));
}
