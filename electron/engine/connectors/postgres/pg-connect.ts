import pg from 'pg';
import { connectionEnvNames } from '../../../../shared/connections/connection';
import { redact, type ResolvedConnection } from '../../connections/resolved';
import { ConnectorError } from '../../external/types';

/**
 * Opening PostgreSQL connections for Duto: session settings that make text
 * output unambiguous (UTC offsets, ISO dates, round-trip floats, hex bytea),
 * and errors that name the connection and never hold its password.
 */

const SESSION = "SET TimeZone = 'UTC'; SET DateStyle = 'ISO, YMD'; SET IntervalStyle = 'postgres'; SET extra_float_digits = 3; SET bytea_output = 'hex'; SET standard_conforming_strings = on";

export function requireConnection(c: ResolvedConnection | undefined): ResolvedConnection {
  if (c === undefined) throw new ConnectorError('connection.missing', 'this node names no connection', { param: 'connection' });
  if (c.kind !== 'postgres') throw new ConnectorError('connection.kind', `${c.label} is a ${c.kind} connection; this node needs a postgres one`, { param: 'connection' });
  return c;
}

function sslOption(c: ResolvedConnection): pg.ClientConfig['ssl'] {
  const ssl = c.options.ssl;
  if (ssl === undefined || ssl === 'disable') return false;
  return { rejectUnauthorized: ssl === 'verify' };
}

export async function connectPg(c: ResolvedConnection, signal: AbortSignal): Promise<pg.Client> {
  signal.throwIfAborted();
  const client = new pg.Client({
    host: c.host ?? 'localhost',
    port: c.port ?? 5432,
    ...(c.database === undefined ? {} : { database: c.database }),
    ...(c.user === undefined ? {} : { user: c.user }),
    ...(c.password === undefined ? {} : { password: c.password }),
    ssl: sslOption(c),
    connectionTimeoutMillis: Math.round((c.options.connectTimeoutSeconds ?? 10) * 1000),
    application_name: c.options.applicationName ?? 'duto',
  });
  // A connection that dies while idle emits 'error'; the operation using it reports it.
  client.on('error', () => undefined);
  const onAbort = (): void => void client.end().catch(() => undefined);
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    await client.connect();
    await client.query(SESSION);
    return client;
  } catch (e) {
    await client.end().catch(() => undefined);
    signal.throwIfAborted();
    throw pgConnectError(c, e);
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}

function errorCode(e: unknown): string {
  return e instanceof Error && 'code' in e && typeof e.code === 'string' ? e.code : '';
}

/** Why a connection failed, in words: unreachable, refused credentials, missing database. */
export function pgConnectError(c: ResolvedConnection, e: unknown): ConnectorError {
  const code = errorCode(e);
  const raw = e instanceof Error ? e.message : String(e);
  const env = connectionEnvNames(c.name);
  let why: string;
  if (code === 'ECONNREFUSED') why = 'the server refused the connection (is it running, and is the host and port right?)';
  else if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') why = `the host ${c.host ?? 'localhost'} cannot be found`;
  else if (code === 'ETIMEDOUT' || /timeout/i.test(raw)) why = 'the server did not answer in time (unreachable host, or a firewall)';
  else if (code === '28P01') why = `the server refused the password for user ${c.user ?? '(default)'} (check ${env.password})`;
  else if (code === '28000') why = `the server refused the login: ${raw}`;
  else if (code === '3D000') why = raw;
  else if (/client password must be a string|password authentication/i.test(raw)) why = `the server asks for a password: set ${env.password} (or ${env.url})`;
  else why = raw;
  return new ConnectorError('connection.failed', redact(`cannot connect to ${c.label}: ${why}`, c.secrets), { param: 'connection' });
}

/** A query's error, naming the connection; PostgreSQL's detail and hint when it gives them. */
export function pgQueryError(c: ResolvedConnection, e: unknown, what: string, param?: string): ConnectorError {
  if (e instanceof ConnectorError) return e;
  const raw = e instanceof Error ? e.message : String(e);
  const extra = e instanceof Error && 'detail' in e && typeof e.detail === 'string' && e.detail !== '' ? ` (${e.detail})` : '';
  const code = errorCode(e);
  const kind = code === '42P01' || code === '42703' || code === '3F000' ? 'source.missing' : code.startsWith('42') ? 'sql.invalid' : 'database.error';
  return new ConnectorError(kind, redact(`${what} in ${c.label}: ${raw}${extra}`, c.secrets), param === undefined ? {} : { param });
}
