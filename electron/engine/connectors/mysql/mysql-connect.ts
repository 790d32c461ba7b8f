import mysql from 'mysql2';
import { connectionEnvNames } from '../../../../shared/connections/connection';
import { redact, type ResolvedConnection } from '../../connections/resolved';
import { ConnectorError } from '../../external/types';

/**
 * Opening MySQL/MariaDB connections for Duto, with promise helpers over the
 * callback API (whose queries can also stream). Sessions run in UTC, with
 * backslash escapes on (the client escapes values that way) and strict
 * mode (a value that does not fit fails instead of being cut).
 */

export function requireConnection(c: ResolvedConnection | undefined): ResolvedConnection {
  if (c === undefined) throw new ConnectorError('connection.missing', 'this node names no connection', { param: 'connection' });
  if (c.kind !== 'mysql') throw new ConnectorError('connection.kind', `${c.label} is a ${c.kind} connection; this node needs a mysql one`, { param: 'connection' });
  return c;
}

export function run(conn: mysql.Connection, sql: string, values: unknown[] = []): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    conn.query({ sql, values, rowsAsArray: true }, (err, rows) => {
      if (err !== null) reject(err);
      else resolve(Array.isArray(rows) ? rows : []);
    });
  });
}

export function end(conn: mysql.Connection): Promise<void> {
  return new Promise((resolve) => {
    conn.end(() => resolve());
    // end() waits for the server; a dead one must not hang us.
    setTimeout(() => {
      conn.destroy();
      resolve();
    }, 2000).unref();
  });
}

export async function connectMysql(c: ResolvedConnection, signal: AbortSignal): Promise<mysql.Connection> {
  signal.throwIfAborted();
  const ssl = c.options.ssl;
  const conn = mysql.createConnection({
    host: c.host ?? 'localhost',
    port: c.port ?? 3306,
    ...(c.database === undefined ? {} : { database: c.database }),
    ...(c.user === undefined ? {} : { user: c.user }),
    ...(c.password === undefined ? {} : { password: c.password }),
    ...(ssl === undefined || ssl === 'disable' ? {} : { ssl: { rejectUnauthorized: ssl === 'verify' } }),
    connectTimeout: Math.round((c.options.connectTimeoutSeconds ?? 10) * 1000),
    charset: 'utf8mb4',
    timezone: 'Z',
    multipleStatements: false,
  });
  conn.on('error', () => undefined);
  const onAbort = (): void => conn.destroy();
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    await new Promise<void>((resolve, reject) => conn.connect((err) => (err === null ? resolve() : reject(err))));
    const modes = String((await run(conn, 'SELECT @@SESSION.sql_mode')).flat()[0] ?? '')
      .split(',')
      .filter((m) => m !== '' && m !== 'NO_BACKSLASH_ESCAPES');
    if (!modes.includes('STRICT_ALL_TABLES')) modes.push('STRICT_ALL_TABLES');
    await run(conn, "SET SESSION time_zone = '+00:00', SESSION sql_mode = ?", [modes.join(',')]);
    return conn;
  } catch (e) {
    conn.destroy();
    signal.throwIfAborted();
    throw mysqlConnectError(c, e);
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}

function errorCode(e: unknown): string {
  return e instanceof Error && 'code' in e && typeof e.code === 'string' ? e.code : '';
}

export function mysqlConnectError(c: ResolvedConnection, e: unknown): ConnectorError {
  const code = errorCode(e);
  const raw = e instanceof Error ? e.message : String(e);
  const env = connectionEnvNames(c.name);
  let why: string;
  if (code === 'ECONNREFUSED') why = 'the server refused the connection (is it running, and is the host and port right?)';
  else if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') why = `the host ${c.host ?? 'localhost'} cannot be found`;
  else if (code === 'ETIMEDOUT') why = 'the server did not answer in time (unreachable host, or a firewall)';
  else if (code === 'ER_ACCESS_DENIED_ERROR') why = `the server refused user ${c.user ?? '(default)'} with this password (check ${env.password})`;
  else if (code === 'ER_BAD_DB_ERROR') why = raw;
  else why = raw;
  return new ConnectorError('connection.failed', redact(`cannot connect to ${c.label}: ${why}`, c.secrets), { param: 'connection' });
}

export function mysqlQueryError(c: ResolvedConnection, e: unknown, what: string, param?: string): ConnectorError {
  if (e instanceof ConnectorError) return e;
  const raw = e instanceof Error ? e.message : String(e);
  const code = errorCode(e);
  const kind = code === 'ER_NO_SUCH_TABLE' || code === 'ER_BAD_FIELD_ERROR' || code === 'ER_BAD_DB_ERROR' ? 'source.missing' : code === 'ER_PARSE_ERROR' ? 'sql.invalid' : 'database.error';
  return new ConnectorError(kind, redact(`${what} in ${c.label}: ${raw}`, c.secrets), param === undefined ? {} : { param });
}
