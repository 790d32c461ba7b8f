import { randomUUID } from 'node:crypto';
import type { ClickHouseClient } from '@clickhouse/client';
import type { ResolvedConnection } from '../../connections/resolved';
import { ConnectorError } from '../../external/types';
import { connectionFailed, queryFailed, type QueryFailureCode, type ServerAction } from '../sql/server-errors';
import { idleTimeoutMs } from '../sql/stall-guard';

/**
 * ClickHouse over its HTTP interface, through the official
 * `@clickhouse/client` (checked against ClickHouse 18.16, Debian's, as well
 * as current servers). Each statement carries its own query_id, so a cancel
 * or a stall can stop it on the server with `KILL QUERY`: closing the HTTP
 * request alone does not stop a query on servers before 21.x.
 */

/** A source's settings: the server refuses every write (readonly=2 still lets settings be sent). */
export const READ_ONLY = { readonly: '2' } as const;

export async function clickhouseClient(c: ResolvedConnection): Promise<ClickHouseClient> {
  // Loaded on first use: a run without ClickHouse never pays for the driver.
  const { createClient, ClickHouseLogLevel } = await import('@clickhouse/client');
  const tls = c.options.ssl !== undefined && c.options.ssl !== 'disable';
  const host = c.host ?? 'localhost';
  const port = c.port ?? (tls ? 8443 : 8123);
  const url = new URL(`${tls ? 'https' : 'http'}://localhost`);
  url.hostname = host.includes(':') ? `[${host}]` : host;
  url.port = String(port);
  return createClient({
    url,
    username: c.user ?? 'default',
    password: c.password ?? '',
    ...(c.database === undefined ? {} : { database: c.database }),
    application: c.options.applicationName ?? 'duto',
    request_timeout: idleTimeoutMs(c.options),
    // The driver logs refusals to the console on its own; Duto reports them once, as its own messages.
    log: { level: ClickHouseLogLevel.OFF },
    keep_alive: { enabled: false },
  });
}

export function newQueryId(): string {
  return `duto-${randomUUID()}`;
}

/** How long the KILL may take: it must never hold up the cancel it serves. */
const KILL_TIMEOUT_MS = 5_000;

/** Stops a statement on the server (a cancel, a stall): its HTTP request is already gone. */
export async function killQuery(c: ResolvedConnection, queryId: string): Promise<void> {
  const client = await clickhouseClient(c);
  try {
    await client.command({
      query: `KILL QUERY WHERE query_id = ${literal(queryId)} ASYNC`,
      abort_signal: AbortSignal.timeout(KILL_TIMEOUT_MS),
    });
  } catch {
    // The server is gone or the statement just ended: nothing is left to stop.
  } finally {
    await client.close();
  }
}

/** A ClickHouse string literal: backslash escapes, as the server reads them. */
export function literal(v: string | bigint): string {
  if (typeof v === 'bigint') return v.toString();
  return `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** The server's error number: `Code: 60, e.displayText() = …` (before 22.x) or the driver's parsed code. */
export function serverCode(e: unknown): string {
  if (!(e instanceof Error)) return '';
  if ('code' in e && typeof e.code === 'string') return e.code;
  return /^Code: (\d+)/.exec(e.message)?.[1] ?? '';
}

/** The server's own words, without the C++ wrapping of older servers. */
export function serverText(e: unknown): string {
  const raw = e instanceof Error ? e.message : String(e);
  const m = /DB::Exception: ([\s\S]*?)(?:, e\.what\(\) = DB::Exception)?\s*$/.exec(raw);
  return (m?.[1] ?? raw).trim();
}

/** An error with the server's code as `code` and its words as the message, for the shared error mapping. */
function normalized(e: unknown): Error {
  const err = new Error(serverText(e));
  Object.assign(err, { code: serverCode(e) });
  return err;
}

/** Unknown user (192), wrong password (193), authentication failed (516). */
const AUTH_CODES = new Set(['192', '193', '516']);

export function clickhouseConnectError(c: ResolvedConnection, e: unknown): ConnectorError {
  return connectionFailed(c, normalized(e), (code, _raw, env) =>
    AUTH_CODES.has(code)
      ? `the server refused user ${c.user ?? 'default'} with this password (check ${env.password})`
      : undefined,
  );
}

export function clickhouseQueryError(
  c: ResolvedConnection,
  e: unknown,
  what: ServerAction,
  param?: string,
): ConnectorError {
  if (e instanceof ConnectorError) return e;
  const code = serverCode(e);
  if (AUTH_CODES.has(code) || isNetworkCode(code)) return clickhouseConnectError(c, e);
  return queryFailed(c, normalized(e), queryErrorKind, what, param);
}

function isNetworkCode(code: string): boolean {
  return /^E[A-Z_]+$/.test(code);
}

/** Unknown table (60), database (81), column (47); syntax (62); a write in readonly mode (164). */
function queryErrorKind(code: string): QueryFailureCode {
  if (code === '164') return 'source.writes';
  if (code === '60' || code === '81' || code === '47') return 'source.missing';
  return code === '62' ? 'sql.invalid' : 'database.error';
}
