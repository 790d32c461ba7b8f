/**
 * Memory sizes as DuckDB writes them: `512MB`, `4GB`, `1.5GiB` (KB, MB, GB,
 * TB are powers of 1000; KiB, MiB, GiB, TiB of 1024).
 */

const SIZE = /^(\d+(?:\.\d+)?)\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i;
const POWERS: Readonly<Record<string, number>> = { b: 1, kb: 1e3, mb: 1e6, gb: 1e9, tb: 1e12, kib: 2 ** 10, mib: 2 ** 20, gib: 2 ** 30, tib: 2 ** 40 };

/** The size in bytes, or undefined when the text is not a size above zero. */
export function parseMemorySize(text: string): number | undefined {
  const m = SIZE.exec(text.trim());
  if (m === null) return undefined;
  const bytes = Number(m[1]) * (POWERS[(m[2] ?? '').toLowerCase()] ?? NaN);
  return Number.isFinite(bytes) && bytes > 0 ? Math.floor(bytes) : undefined;
}

/**
 * DuckDB's own limit for a memory budget of the whole engine process.
 * DuckDB's memory_limit covers its buffer pool only; the process also holds
 * Node, DuckDB's code and per-thread buffers it does not count — measured
 * here at 250–370 MB with 2 threads, whatever the limit — so that much is
 * kept back, and DuckDB always gets at least a quarter of the budget.
 */
export function duckdbLimitFor(budgetBytes: number, threads: number): number {
  const reserve = 256 * 2 ** 20 + 64 * 2 ** 20 * Math.max(1, threads);
  return Math.max(Math.floor(budgetBytes / 4), budgetBytes - reserve);
}
