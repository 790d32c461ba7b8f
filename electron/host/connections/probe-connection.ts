import type { ConnectionKind } from '../../../shared/connections/connection';
import { redact, type ResolvedConnection } from '../../engine/connections/resolved';
import { clickhouseClient, clickhouseQueryError } from '../../engine/connectors/clickhouse/ch-connect';
import {
  connectMysql,
  end as endMysql,
  mysqlQueryError,
  run as runMysql,
} from '../../engine/connectors/mysql/mysql-connect';
import { connectPg, pgQueryError } from '../../engine/connectors/postgres/pg-connect';
import { ConnectorError } from '../../engine/external/types';

/**
 * The manager's Test button: connect exactly as the connectors do (same
 * driver options, same session settings, same error wording), run
 * `SELECT 1`, disconnect. A failure is a result naming the connection and
 * saying what to check, with every secret scrubbed from it.
 */

export interface ProbeResult {
  ok: boolean;
  code: string;
  message: string;
  elapsedMs: number;
}

/** Beyond the connect timeout, how long `SELECT 1` may take before the test gives up. */
const QUERY_GRACE_SECONDS = 5;

export async function probeConnection(c: ResolvedConnection): Promise<ProbeResult> {
  const started = performance.now();
  const seconds = (c.options.connectTimeoutSeconds ?? 10) + QUERY_GRACE_SECONDS;
  const signal = AbortSignal.timeout(seconds * 1000);
  const elapsed = (): number => Math.round(performance.now() - started);
  try {
    await PROBES[c.kind](c, signal);
    return { ok: true, code: 'connection.ok', message: `${c.label}: connected`, elapsedMs: elapsed() };
  } catch (e) {
    const failure =
      e instanceof ConnectorError
        ? { code: e.code, message: e.message }
        : signal.aborted
          ? {
              code: 'connection.timeout',
              message: `cannot connect to ${c.label}: no answer within ${String(seconds)} s`,
            }
          : {
              code: 'connection.failed',
              message: `cannot connect to ${c.label}: ${e instanceof Error ? e.message : String(e)}`,
            };
    return { ok: false, code: failure.code, message: redact(failure.message, c.secrets), elapsedMs: elapsed() };
  }
}

/** `SELECT 1` on each kind of server. */
const PROBES: Readonly<Record<ConnectionKind, (c: ResolvedConnection, signal: AbortSignal) => Promise<void>>> = {
  postgres: selectOnePostgres,
  mysql: selectOneMysql,
  clickhouse: selectOneClickhouse,
};

async function selectOnePostgres(c: ResolvedConnection, signal: AbortSignal): Promise<void> {
  const client = await connectPg(c, signal);
  try {
    await client.query('SELECT 1');
  } catch (e) {
    throw pgQueryError(c, e, { action: 'probe' });
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function selectOneMysql(c: ResolvedConnection, signal: AbortSignal): Promise<void> {
  const conn = await connectMysql(c, signal);
  try {
    await runMysql(conn, 'SELECT 1');
  } catch (e) {
    throw mysqlQueryError(c, e, { action: 'probe' });
  } finally {
    await endMysql(conn);
  }
}

async function selectOneClickhouse(c: ResolvedConnection, signal: AbortSignal): Promise<void> {
  const client = await clickhouseClient(c);
  try {
    await client.command({ query: 'SELECT 1', abort_signal: signal });
  } catch (e) {
    throw clickhouseQueryError(c, e, { action: 'probe' });
  } finally {
    await client.close();
  }
}
