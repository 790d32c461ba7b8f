import { createHash, randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Dialect } from './dialect';

/**
 * Names of staging tables: `__duto_stage_<table>_<run>` for a
 * table being loaded, `__duto_old_<table>_<run>` for a replaced one about to
 * be dropped. The run token says which process on which machine made it
 * and when, so a later run can tell a table of a dead run (same machine,
 * process gone; or older than a day) from one of a run in progress.
 * MySQL needs this (its DDL commits at once); PostgreSQL's staging tables
 * live inside the load's transaction and vanish with it.
 */

const HOST = createHash('sha256').update(hostname()).digest('hex').slice(0, 4);
const TOKEN = /_p([0-9a-z]+)h([0-9a-f]{4})t([0-9a-z]+)r[0-9a-f]{4}$/;
const STALE_AFTER_MS = 24 * 3600 * 1000;

/** This run's token: process, machine, time (seconds), and a random tail. */
export function runToken(now = Date.now()): string {
  return `p${process.pid.toString(36)}h${HOST}t${Math.floor(now / 1000).toString(36)}r${randomBytes(2).toString('hex')}`;
}

/** A staging name beside `table`, cut to the database's identifier length (the token is kept whole). */
export function stagingTable(d: Dialect, kind: 'stage' | 'old', table: string, token: string): string {
  const prefix = `__duto_${kind}_`;
  const suffix = `_${token}`;
  let head = table;
  const fits = (h: string): boolean => new TextEncoder().encode(prefix + h + suffix).length <= d.maxIdentifier;
  while (!fits(head) && head.length > 1) head = [...head].slice(0, -1).join('');
  return `${prefix}${head}${suffix}`;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e instanceof Error && 'code' in e && e.code === 'EPERM';
  }
}

/** Whether `name` is a staging table of `table` left by a run that is over. */
export function isStaleStaging(name: string, table: string, now = Date.now()): boolean {
  const m = TOKEN.exec(name);
  const kind = /^__duto_(stage|old)_/.exec(name);
  if (m === null || kind === null) return false;
  const head = name.slice(kind[0].length, m.index);
  if (!table.startsWith(head) || head === '') return false;
  const pid = parseInt(m[1] ?? '', 36);
  const at = parseInt(m[3] ?? '', 36) * 1000;
  if (m[2] === HOST && pid !== process.pid && !alive(pid)) return true;
  return now - at > STALE_AFTER_MS;
}
