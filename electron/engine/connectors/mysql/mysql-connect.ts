import type mysql from 'mysql2';
import type { ResolvedConnection } from '../../connections/resolved';
import type { ConnectorError } from '../../external/types';
import { StallGuard, idleTimeoutMs } from '../sql/stall-guard';
import { connectionFailed, queryFailed, type QueryFailureCode, type ServerAction } from '../sql/server-errors';

/**
 * Opening MySQL/MariaDB connections for Duto, with promise helpers over the
 * callback API (whose queries can also stream). Sessions run in UTC, with
 * backslash escapes on (the client escapes values that way) and strict
 * mode (a value that does not fit fails instead of being cut).
 */

/** Each connection's no-progress guard (stall-guard.ts), set when it opens. */
const guards = new WeakMap<mysql.Connection, StallGuard>();

export function mysqlGuard(conn: mysql.Connection): StallGuard | undefined {
  return guards.get(conn);
}

export function run(conn: mysql.Connection, sql: string, values: unknown[] = []): Promise<unknown[]> {
  const answer = new Promise<unknown[]>((resolve, reject) => {
    conn.query({ sql, values, rowsAsArray: true }, (err, rows) => {
      if (err !== null) reject(err);
      else resolve(Array.isArray(rows) ? rows : []);
    });
  });
  return guards.get(conn)?.wait(answer) ?? answer;
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
  // Loaded on first use: a run without MySQL never pays for the driver.
  const { default: driver } = await import('mysql2');
  const conn = driver.createConnection({
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
    enableKeepAlive: true,
    keepAliveInitialDelay: 10_000,
  });
  conn.on('error', () => undefined);
  const idle = idleTimeoutMs(c.options);
  guards.set(conn, new StallGuard(idle, c.label, () => conn.destroy()));
  const onAbort = (): void => conn.destroy();
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    await new Promise<void>((resolve, reject) => conn.connect((err) => (err === null ? resolve() : reject(err))));
    const modes = String((await run(conn, 'SELECT @@SESSION.sql_mode')).flat()[0] ?? '')
      .split(',')
      .filter((m) => m !== '' && m !== 'NO_BACKSLASH_ESCAPES');
    if (!modes.includes('STRICT_ALL_TABLES')) modes.push('STRICT_ALL_TABLES');
    // The server gives up on a client that stops sending or reading after as long as Duto waits for the server.
    const netSeconds = Math.max(1, Math.ceil(idle / 1000));
    await run(
      conn,
      "SET SESSION time_zone = '+00:00', SESSION sql_mode = ?, SESSION net_read_timeout = ?, SESSION net_write_timeout = ?",
      [modes.join(','), netSeconds, netSeconds],
    );
    return conn;
  } catch (e) {
    conn.destroy();
    signal.throwIfAborted();
    throw mysqlConnectError(c, e);
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}

export function mysqlConnectError(c: ResolvedConnection, e: unknown): ConnectorError {
  return connectionFailed(c, e, (code, _raw, env) =>
    code === 'ER_ACCESS_DENIED_ERROR'
      ? `the server refused user ${c.user ?? '(default)'} with this password (check ${env.password})`
      : undefined,
  );
}

export function mysqlQueryError(c: ResolvedConnection, e: unknown, what: ServerAction, param?: string): ConnectorError {
  return queryFailed(c, e, queryErrorKind, what, param);
}

/** Error 1792: the statement tried to write in a READ ONLY transaction. */
const READ_ONLY_TRANSACTION = 'ER_CANT_EXECUTE_IN_READ_ONLY_TRANSACTION';

function queryErrorKind(code: string): QueryFailureCode {
  if (code === READ_ONLY_TRANSACTION) return 'source.writes';
  if (code === 'ER_NO_SUCH_TABLE' || code === 'ER_BAD_FIELD_ERROR' || code === 'ER_BAD_DB_ERROR')
    return 'source.missing';
  return code === 'ER_PARSE_ERROR' ? 'sql.invalid' : 'database.error';
}
