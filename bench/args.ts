import { Command, InvalidArgumentError } from 'commander';

export interface BenchArgs {
  rows: number;
  runs: number;
  /** Run the connectors section (PostgreSQL ⇄ Parquet against psql \copy) instead of the canonical benchmark. */
  connectors: boolean;
  /** Run the larger-than-memory section: the canonical pipeline and a full sort under `memoryLimit`. */
  spill: boolean;
  /** Run the pushdown section: the canonical pipeline over PostgreSQL tables, pulled and pushed down. */
  pushdown: boolean;
  /** Run the node cache section (cold, edited, unchanged re-runs, cache size). */
  cache: boolean;
  memoryLimit: string;
  /** Run the Delta Lake section (reading a table of 100 appends vs read_parquet, appending vs the Parquet sink). */
  delta: boolean;
  /** Run the models section (train and score a linear model on at most 1M generated rows). */
  ml: boolean;
}

function wholeNumber(min: number): (v: string) => number {
  return (v) => {
    const n = Number(v.replaceAll('_', ''));
    if (!/^[\d_]+$/.test(v) || !Number.isSafeInteger(n) || n < min)
      throw new InvalidArgumentError(`expected a whole number ≥ ${min}`);
    return n;
  };
}

/** `npm run bench -- [--rows N] [--runs N] [--connectors | --cache | --delta | --pushdown | --spill [--memory-limit SIZE] | --ml]`. */
export function parseBenchArgs(argv: readonly string[]): BenchArgs {
  const program = new Command('bench')
    .description('The canonical benchmark: Duto (CLI) against the hand-written DuckDB statement, in the same run.')
    .option('--rows <n>', 'orders rows to generate and run', wholeNumber(100), 10_000_000)
    .option('--runs <n>', 'runs of each, the median is reported', wholeNumber(1), 3)
    .option('--connectors', 'PostgreSQL → Parquet and Parquet → PostgreSQL through Duto, against psql \\copy', false)
    .option(
      '--spill',
      'larger than memory: the canonical pipeline and a sort of every order under --memory-limit (use with --rows 100000000)',
      false,
    )
    .option(
      '--cache',
      'the node cache: cold run with caching vs DuckDB and --no-cache, re-runs after editing the last transform and the join, nothing changed, cache size',
      false,
    )
    .option(
      '--delta',
      'Delta tables: reading --rows rows written by 100 appends vs read_parquet over the same files, appending 1M rows (at most --rows) vs the Parquet sink',
      false,
    )
    .option('--ml', 'models: train and score a linear model on --rows generated rows (at most 1M)', false)
    .option(
      '--pushdown',
      'the canonical pipeline over orders/customers tables in PostgreSQL and in a 2-shard ClickHouse, pulled and pushed down (duto run --pushdown), same run',
      false,
    )
    .option('--memory-limit <size>', 'the memory limit of the --spill runs', '1GB')
    .allowExcessArguments(false)
    .parse([...argv]);
  const o = program.opts<{
    rows: number;
    runs: number;
    connectors: boolean;
    spill: boolean;
    cache: boolean;
    pushdown: boolean;
    memoryLimit: string;
    ml: boolean;
    delta: boolean;
  }>();
  return {
    rows: o.rows,
    runs: o.runs,
    connectors: o.connectors,
    spill: o.spill,
    cache: o.cache,
    pushdown: o.pushdown,
    memoryLimit: o.memoryLimit,
    ml: o.ml,
    delta: o.delta,
  };
}
