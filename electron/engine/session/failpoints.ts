/**
 * Named crash points at every commit step, for tests only (after
 * TiKV's fail-rs): `DUTO_FAILPOINTS=commit.after,…` makes the process
 * SIGKILL itself when it reaches one of them. Without that variable this is
 * one Set lookup and nothing else.
 *
 * Points: `commit.before` (rows staged, nothing committed), `commit.after`
 * (the target holds the rows, the state file not yet saved), `state.after-save`
 * (everything done), `swap.between-renames` (a partitioned folder moved aside,
 * the new one not yet in place), `cache.before-rename` (a node-cache entry
 * written under its temporary name), `cache.before-sidecar` (the entry in
 * place, its sidecar not yet written), `delta.before-commit` (a Delta
 * commit's actions written under a temporary name, not yet linked as the
 * version), `delta.after-commit` (the version visible, nothing after it done).
 */

export type FailpointName =
  | 'commit.before'
  | 'commit.after'
  | 'state.after-save'
  | 'swap.between-renames'
  | 'cache.before-rename'
  | 'cache.before-sidecar'
  | 'delta.before-commit'
  | 'delta.after-commit';

const active = new Set(
  (process.env['DUTO_FAILPOINTS'] ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== ''),
);

export function failpoint(name: FailpointName): void {
  if (active.size === 0 || !active.has(name)) return;
  process.kill(process.pid, 'SIGKILL');
}
