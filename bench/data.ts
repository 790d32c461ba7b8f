import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATA_ROOT, GEN_DATA } from './paths';

/**
 * The benchmark data for `rows` rows, in bench/data/<rows>/: reused when a
 * complete set of that size is there, generated (deterministically) otherwise.
 */
export function ensureData(rows: number): string {
  const dir = join(DATA_ROOT, String(rows));
  const marker = join(dir, 'complete.json');
  if (existsSync(marker) && existsSync(join(dir, 'orders.csv')) && existsSync(join(dir, 'customers.csv'))) {
    const m: unknown = JSON.parse(readFileSync(marker, 'utf8'));
    if (typeof m === 'object' && m !== null && 'rows' in m && m.rows === rows) return dir;
  }
  if (!existsSync(GEN_DATA)) throw new Error(`the data generator is missing: ${GEN_DATA}`);
  rmSync(dir, { recursive: true, force: true });
  console.log(`generating ${rows.toLocaleString('en-US')} rows into ${dir} …`);
  const r = spawnSync(process.execPath, [GEN_DATA, dir, String(rows)], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`gen-data.mjs failed (exit ${String(r.status)})`);
  writeFileSync(marker, `${JSON.stringify({ rows })}\n`);
  return dir;
}
