/**
 * Memory sizes as DuckDB writes them: `512MB`, `4GB`, `1.5GiB` (KB, MB, GB,
 * TB are powers of 1000; KiB, MiB, GiB, TiB of 1024).
 */

const SIZE = /^(\d+(?:\.\d+)?)\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i;
const POWERS: Readonly<Record<string, number>> = {
  b: 1,
  kb: 1e3,
  mb: 1e6,
  gb: 1e9,
  tb: 1e12,
  kib: 2 ** 10,
  mib: 2 ** 20,
  gib: 2 ** 30,
  tib: 2 ** 40,
};

/** The size in bytes, or undefined when the text is not a size above zero. */
export function parseMemorySize(text: string): number | undefined {
  const m = SIZE.exec(text.trim());
  if (m === null) return undefined;
  const bytes = Number(m[1]) * (POWERS[(m[2] ?? '').toLowerCase()] ?? NaN);
  return Number.isFinite(bytes) && bytes > 0 ? Math.floor(bytes) : undefined;
}

const MIB = 2 ** 20;

/**
 * DuckDB's own limit for a memory budget of the whole engine process.
 * DuckDB's memory_limit covers its buffer pool only; the process also holds
 * Node, DuckDB's code and per-thread buffers it does not count — measured
 * here at 250–370 MB with 2 threads on large runs — so that much is kept back
 * from a large budget. A small budget cannot keep that much back and still
 * spill (the canonical pipeline on 3M rows fails to allocate below 192 MiB),
 * so DuckDB gets at least half of it and never less than 192 MiB: measured,
 * a 512 MB budget then peaks at 0.47–0.50 GB RSS, a 256 MB one at up to 1.7×.
 */
export function duckdbLimitFor(budgetBytes: number, threads: number): number {
  const reserve = 256 * MIB + 64 * MIB * Math.max(1, threads);
  return Math.min(budgetBytes, Math.max(192 * MIB, Math.floor(budgetBytes / 2), budgetBytes - reserve));
}

/**
 * The threads a DuckDB limit can feed: each thread's sort and hash buffers
 * take blocks of about 30 MiB, so one under 64 MiB per thread fails to
 * allocate instead of spilling.
 */
export function threadsFor(duckdbLimitBytes: number, threads: number): number {
  return Math.max(1, Math.min(threads, Math.floor(duckdbLimitBytes / (64 * MIB))));
}
