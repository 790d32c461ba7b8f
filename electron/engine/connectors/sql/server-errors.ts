import { connectionEnvNames, type ConnectionKind } from '../../../../shared/connections/connection';
import { redact, type ResolvedConnection } from '../../connections/resolved';
import { ConnectorError } from '../../external/types';
import { said } from '../../../../shared/messages/diagnostic-messages';

/**
 * What the server connectors (PostgreSQL, MySQL/MariaDB, ClickHouse) share about their
 * connection and its errors: the node must name a connection of their kind,
 * and every message names it and never holds its secrets.
 */

export function requireConnection(c: ResolvedConnection | undefined, kind: ConnectionKind): ResolvedConnection {
  if (c === undefined) throw new ConnectorError(said('connection.missing', {}), { param: 'connection' });
  if (c.kind !== kind)
    throw new ConnectorError(said('connection.kind', { name: c.label, kind: c.kind, want: kind }), {
      param: 'connection',
    });
  return c;
}

/** The driver's error code (a Node.js network code, or the server's own). */
export function errorCode(e: unknown): string {
  return e instanceof Error && 'code' in e && typeof e.code === 'string' ? e.code : '';
}

export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * Why a connection failed, in words: the network reasons every driver shares
 * first, then the database's own (`why`, given the error code, its message and
 * the connection's environment variables), else the driver's message.
 */
export function connectionFailed(
  c: ResolvedConnection,
  e: unknown,
  why: (code: string, raw: string, env: ReturnType<typeof connectionEnvNames>) => string | undefined,
): ConnectorError {
  const code = errorCode(e);
  const raw = errorText(e);
  let reason: string | undefined;
  if (code === 'ECONNREFUSED')
    reason = 'the server refused the connection (is it running, and is the host and port right?)';
  else if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') reason = `the host ${c.host ?? 'localhost'} cannot be found`;
  else if (code === 'ETIMEDOUT') reason = TIMED_OUT;
  else {
    const env = connectionEnvNames(c.name);
    // In the app a stored password wins over the variable: that is the one to check.
    reason = why(
      code,
      raw,
      c.passwordSource === 'stored' ? { ...env, password: 'the password stored for it under Connections' } : env,
    );
  }
  return new ConnectorError(
    said('connection.failed', { name: redact(c.label, c.secrets), detail: redact(reason ?? raw, c.secrets) }),
    { param: 'connection' },
  );
}

export const TIMED_OUT = 'the server did not answer in time (unreachable host, or a firewall)';

/**
 * What Duto was doing when the server refused a query: it starts the
 * message, in the user's language (shared/messages/server-messages.ts).
 */
export type ServerAction =
  | { action: 'read-table' | 'read-state' | 'write-table' | 'staging'; table: string }
  | { action: 'read-query' | 'probe' };

/** The codes a server's query error maps to: each has a template per action. */
export type QueryFailureCode = 'database.error' | 'sql.invalid' | 'source.missing' | 'source.writes';

/**
 * A query's error as `kind`, naming what failed and the connection, with the
 * server's own text (and `detail`, its further words) as the template's
 * argument; a source's query that tried to write says why it may not. A
 * ConnectorError passes through.
 */
export function queryFailed(
  c: ResolvedConnection,
  e: unknown,
  kind: (code: string) => QueryFailureCode,
  what: ServerAction,
  param: string | undefined,
  detail = '',
): ConnectorError {
  if (e instanceof ConnectorError) return e;
  const code = kind(errorCode(e));
  const args = { connection: redact(c.label, c.secrets), detail: redact(`${errorText(e)}${detail}`, c.secrets) };
  const where = param === undefined ? {} : { param };
  if (!('table' in what)) return new ConnectorError(said(`${code}/${what.action}`, args), where);
  return new ConnectorError(said(`${code}/${what.action}`, { ...args, table: redact(what.table, c.secrets) }), where);
}
