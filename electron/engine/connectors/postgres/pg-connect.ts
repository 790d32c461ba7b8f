import type pg from 'pg';
import type { ResolvedConnection } from '../../connections/resolved';
import type { ConnectorError } from '../../external/types';
import { StallGuard, idleTimeoutMs } from '../sql/stall-guard';
import {
  TIMED_OUT,
  connectionFailed,
  queryFailed,
  type QueryFailureCode,
  type ServerAction,
} from '../sql/server-errors';

/**
 * Opening PostgreSQL connections for Duto: session settings that make text
 * output unambiguous (UTC offsets, ISO dates, round-trip floats, hex bytea),
 * and errors that name the connection and never hold its password.
 */

const SESSION =
  "SET TimeZone = 'UTC'; SET DateStyle = 'ISO, YMD'; SET IntervalStyle = 'postgres'; SET extra_float_digits = 3; SET bytea_output = 'hex'; SET standard_conforming_strings = on; SET tcp_keepalives_idle = 30; SET tcp_keepalives_interval = 10; SET tcp_keepalives_count = 3";

function sslOption(c: ResolvedConnection): pg.ClientConfig['ssl'] {
  const ssl = c.options.ssl;
  if (ssl === undefined || ssl === 'disable') return false;
  return { rejectUnauthorized: ssl === 'verify' };
}

export async function connectPg(c: ResolvedConnection, signal: AbortSignal): Promise<pg.Client> {
  signal.throwIfAborted();
  // Loaded on first use: a run without PostgreSQL never pays for the driver.
  const { default: driver } = await import('pg');
  const client = new driver.Client({
    host: c.host ?? 'localhost',
    port: c.port ?? 5432,
    ...(c.database === undefined ? {} : { database: c.database }),
    ...(c.user === undefined ? {} : { user: c.user }),
    ...(c.password === undefined ? {} : { password: c.password }),
    ssl: sslOption(c),
    connectionTimeoutMillis: Math.round((c.options.connectTimeoutSeconds ?? 10) * 1000),
    application_name: c.options.applicationName ?? 'duto',
    // Server side: a session left idle in a transaction, or (when asked) a statement running too long, is ended by the server.
    idle_in_transaction_session_timeout: idleTimeoutMs(c.options),
    ...(c.options.statementTimeoutSeconds === undefined
      ? {}
      : { statement_timeout: Math.round(c.options.statementTimeoutSeconds * 1000) }),
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
  });
  // A connection that dies while idle emits 'error'; the operation using it reports it.
  client.on('error', () => undefined);
  const onAbort = (): void => void client.end().catch(() => undefined);
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    await client.connect();
    await pgGuard(client, c).wait(client.query(SESSION));
    return client;
  } catch (e) {
    await client.end().catch(() => undefined);
    signal.throwIfAborted();
    throw pgConnectError(c, e);
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}

/** Bounds every wait on this client's server by the connection's no-progress timeout (stall-guard.ts). */
export function pgGuard(client: pg.Client, c: ResolvedConnection): StallGuard {
  return new StallGuard(idleTimeoutMs(c.options), c.label, () => client.connection.stream.destroy());
}

/** Why a connection failed, in words: unreachable, refused credentials, missing database. */
export function pgConnectError(c: ResolvedConnection, e: unknown): ConnectorError {
  return connectionFailed(c, e, (code, raw, env) => {
    if (/timeout/i.test(raw)) return TIMED_OUT;
    if (code === '28P01')
      return `the server refused the password for user ${c.user ?? '(default)'} (check ${env.password})`;
    if (code === '28000') return `the server refused the login: ${raw}`;
    if (code === '3D000') return raw;
    if (/client password must be a string|password authentication/i.test(raw))
      return `the server asks for a password: set ${env.password} (or ${env.url})`;
    return undefined;
  });
}

/** A query's error, naming the connection; PostgreSQL's detail and hint when it gives them. */
export function pgQueryError(c: ResolvedConnection, e: unknown, what: ServerAction, param?: string): ConnectorError {
  const detail =
    e instanceof Error && 'detail' in e && typeof e.detail === 'string' && e.detail !== '' ? ` (${e.detail})` : '';
  return queryFailed(c, e, queryErrorKind, what, param, detail);
}

/** SQLSTATE read_only_sql_transaction: the statement tried to write in a READ ONLY transaction. */
const READ_ONLY_SQL_TRANSACTION = '25006';

function queryErrorKind(code: string): QueryFailureCode {
  if (code === READ_ONLY_SQL_TRANSACTION) return 'source.writes';
  if (code === '42P01' || code === '42703' || code === '3F000') return 'source.missing';
  return code.startsWith('42') ? 'sql.invalid' : 'database.error';
}
