import type pg from 'pg';
import { waitForLock, type LockSettings } from '../../locks/wait-lock';

/**
 * One writer per PostgreSQL table: a session-level advisory lock on a hash
 * of database.schema.table, taken on the sink's own connection (so it goes
 * when that connection ends — in the sink's finally, or with a crash). Tried, not waited on in the
 * server, so the wait can time out and be cancelled.
 */

const KEY =
  "hashtextextended('duto:' || current_database() || '.' || coalesce(nullif($1, ''), current_schema()) || '.' || $2, 0)";

export async function lockPgTable(
  client: pg.Client,
  schema: string,
  table: string,
  name: string,
  settings: LockSettings,
  signal: AbortSignal,
): Promise<void> {
  await waitForLock(name, settings, signal, async () => {
    const r = await client.query({
      text: `SELECT pg_try_advisory_lock(k) AS ok, k::text AS key FROM (SELECT ${KEY} AS k) s`,
      values: [schema, table],
    });
    const row: unknown = r.rows[0];
    const ok: unknown = typeof row === 'object' && row !== null ? Reflect.get(row, 'ok') : false;
    const k: unknown = typeof row === 'object' && row !== null ? Reflect.get(row, 'key') : '';
    if (ok === true) return { held: true };
    return { holder: await holder(client, String(k)) };
  });
  // Who holds it, for the runs that wait: the run id in application_name.
  await client.query({
    text: "SELECT set_config('application_name', $1, false)",
    values: [`duto run ${settings.runId}`.slice(0, 63)],
  });
}

/** The backend holding the advisory lock `key` (a bigint is split into classid/objid, objsubid 1). */
async function holder(client: pg.Client, key: string): Promise<string> {
  const r = await client.query({
    text: `SELECT a.pid, a.application_name, a.backend_start FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
           WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1 AND ((l.classid::bigint << 32) | l.objid::bigint) = $1::bigint LIMIT 1`,
    values: [key],
  });
  const row: unknown = r.rows[0];
  if (typeof row !== 'object' || row === null) return 'another session';
  const pid: unknown = Reflect.get(row, 'pid');
  const app: unknown = Reflect.get(row, 'application_name');
  const since: unknown = Reflect.get(row, 'backend_start');
  const who =
    typeof app === 'string' && app.startsWith('duto run ') ? `run ${app.slice('duto run '.length)}` : 'another session';
  return `${who} (server pid ${String(pid)}) since ${since instanceof Date ? since.toISOString() : String(since)}`;
}
