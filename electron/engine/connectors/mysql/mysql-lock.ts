import type mysql from 'mysql2';
import { waitForLock, type LockSettings } from '../../locks/wait-lock';
import { run } from './mysql-connect';

/**
 * One writer per MySQL/MariaDB table: GET_LOCK on a name derived from
 * database.table (at most 64 characters), on the sink's own connection, so
 * it goes when that connection ends (the sink's finally, or a crash). Tried with a zero timeout, so the wait
 * can time out and be cancelled.
 */

const NAME = "CONCAT('duto:', LEFT(SHA2(CONCAT(COALESCE(NULLIF(?, ''), DATABASE()), '.', ?), 256), 48))";

export async function lockMysqlTable(
  conn: mysql.Connection,
  schema: string,
  table: string,
  name: string,
  settings: LockSettings,
  signal: AbortSignal,
): Promise<void> {
  const [row] = await run(conn, `SELECT ${NAME}`, [schema, table]);
  const lock = Array.isArray(row) ? String(row[0]) : `duto:${table}`;
  await waitForLock(name, settings, signal, async () => {
    const [got] = await run(conn, 'SELECT GET_LOCK(?, 0), IS_USED_LOCK(?)', [lock, lock]);
    if (Array.isArray(got) && Number(got[0]) === 1) return { held: true };
    const by = Array.isArray(got) ? got[1] : null;
    return { holder: `another run (server connection ${by === null || by === undefined ? '?' : String(by)})` };
  });
}
