import { DuckDBInstance } from '@duckdb/node-api';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { str } from '../shared/sql/quote';
import { writeDelta } from '../electron/engine/delta/delta-write';
import { measureNode, type Measurement } from './child';
import { BIN, DATA_ROOT } from './paths';
import { median, seconds, table, verdict } from './report';

/**
 * Delta Lake tables, in the same run, every side a `duto run` child process
 * (wall time from spawn to exit), alternated: (a) reading a table built by
 * 100 appends (source.delta: the log replayed, then its active files) against
 * source.parquet over the same files (a glob: after appends only, the active
 * files are every file of the folder), both aggregated the same way; (b)
 * appending 1M rows (at most --rows) to a Delta table against the Parquet
 * sink writing the same rows.
 */

const TARGET_READ = 1.15;
const TARGET_APPEND = 1.2;
const APPENDS = 100;
const MAX_APPEND_ROWS = 1_000_000;

/** Generated rows: an id, a customer, a country, a day and an amount. */
function rowsSql(from: number, to: number): string {
  return (
    `SELECT range AS id, 'c' || (range % 100000) AS customer, ['BR', 'PT', 'US', 'AR', 'MX'][1 + range % 5] AS country, ` +
    `DATE '2024-01-01' + CAST(range % 365 AS INTEGER) AS day, (range % 1000) / 10.0 AS amount FROM range(${String(from)}, ${String(to)})`
  );
}

function pipeline(dir: string, name: string, nodes: unknown[]): string {
  const file = join(dir, name);
  writeFileSync(file, `${JSON.stringify({ format: 'duto.pipeline', version: 2, nodes }, null, 2)}\n`);
  return file;
}

function readPipeline(dir: string, name: string, source: unknown, out: string): string {
  return pipeline(dir, name, [
    source,
    {
      id: 'totals',
      type: 'transform.aggregate',
      inputs: { in: 'lake' },
      params: {
        groupBy: ['country'],
        measures: [
          { function: 'count', column: '', as: 'rows' },
          { function: 'sum', column: 'amount', as: 'amount' },
          { function: 'max', column: 'customer', as: 'customer' },
          { function: 'max', column: 'day', as: 'day' },
        ],
      },
    },
    { id: 'out', type: 'sink.parquet', inputs: { in: 'totals' }, params: { path: out } },
  ]);
}

export async function runDeltaBench(rows: number, runs: number): Promise<void> {
  const work = join(DATA_ROOT, 'delta-bench');
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  process.env['DUTO_CACHE_DIR'] = join(work, 'cache');
  const lake = join(work, 'lake');
  const appendRows = Math.min(rows, MAX_APPEND_ROWS);
  const batch = join(work, 'batch.parquet');

  console.log(`building ${rows.toLocaleString('en-US')} rows in ${String(APPENDS)} appends …`);
  const db = await DuckDBInstance.create(':memory:');
  const conn = await db.connect();
  try {
    const per = Math.ceil(rows / APPENDS);
    for (let i = 0; i < APPENDS; i++)
      await writeDelta(conn, lake, rowsSql(i * per, Math.min(rows, (i + 1) * per)), 'append');
    await conn.run(`COPY (${rowsSql(0, appendRows)}) TO ${str(batch)} (FORMAT parquet)`);
    // The append target exists already: every measured run is an append, not a create.
    await writeDelta(conn, join(work, 'target'), rowsSql(0, 1), 'append');
  } finally {
    conn.closeSync();
    db.closeSync();
  }
  const files = readdirSync(lake).filter((n) => n.endsWith('.parquet')).length;

  const readDelta = readPipeline(
    work,
    'read-delta.duto.json',
    { id: 'lake', type: 'source.delta', params: { path: 'lake' } },
    'delta-totals.parquet',
  );
  const readParquet = readPipeline(
    work,
    'read-parquet.duto.json',
    { id: 'lake', type: 'source.parquet', params: { path: 'lake/*.parquet' } },
    'parquet-totals.parquet',
  );
  const appendDelta = pipeline(work, 'append-delta.duto.json', [
    { id: 'batch', type: 'source.parquet', params: { path: 'batch.parquet' } },
    { id: 'land', type: 'sink.delta', inputs: { in: 'batch' }, params: { path: 'target', mode: 'append' } },
  ]);
  const appendParquet = pipeline(work, 'append-parquet.duto.json', [
    { id: 'batch', type: 'source.parquet', params: { path: 'batch.parquet' } },
    { id: 'land', type: 'sink.parquet', inputs: { in: 'batch' }, params: { path: 'out.parquet' } },
  ]);
  const duto = (file: string): Promise<Measurement> =>
    measureNode([BIN, 'run', file, '--trust', '--force', '--no-cache'], work);

  const times = {
    readDelta: [] as number[],
    readParquet: [] as number[],
    appendDelta: [] as number[],
    appendParquet: [] as number[],
  };
  for (let i = 0; i < runs; i++) {
    // Alternate which goes first, so neither always meets a warmer page cache.
    const pairs: Array<[keyof typeof times, string]> = [
      ['readDelta', readDelta],
      ['readParquet', readParquet],
      ['appendDelta', appendDelta],
      ['appendParquet', appendParquet],
    ];
    const order = i % 2 === 0 ? pairs : [pairs[1], pairs[0], pairs[3], pairs[2]];
    for (const pair of order) if (pair !== undefined) times[pair[0]].push((await duto(pair[1])).wallMs);
    console.log(
      `  run ${String(i + 1)}/${String(runs)}: read delta ${seconds(times.readDelta[i] ?? NaN)}, read_parquet ${seconds(times.readParquet[i] ?? NaN)}, ` +
        `append delta ${seconds(times.appendDelta[i] ?? NaN)}, parquet sink ${seconds(times.appendParquet[i] ?? NaN)}`,
    );
  }
  const rd = median(times.readDelta);
  const rp = median(times.readParquet);
  const ad = median(times.appendDelta);
  const ap = median(times.appendParquet);
  console.log(`\nDelta tables, median of ${String(runs)}: duto run child processes, wall time from spawn to exit`);
  console.log(
    table([
      ['', 'delta', 'parquet', 'ratio', 'target', ''],
      [
        `read ${rows.toLocaleString('en-US')} rows (${String(APPENDS)} appends, ${String(files)} files) vs read_parquet`,
        seconds(rd),
        seconds(rp),
        `${(rd / rp).toFixed(2)}×`,
        `≤ ${String(TARGET_READ)}×`,
        verdict(rd / rp <= TARGET_READ),
      ],
      [
        `append ${appendRows.toLocaleString('en-US')} rows vs the Parquet sink`,
        seconds(ad),
        seconds(ap),
        `${(ad / ap).toFixed(2)}×`,
        `≤ ${String(TARGET_APPEND)}×`,
        verdict(ad / ap <= TARGET_APPEND),
      ],
    ]),
  );
  const same = await sameTotals(join(work, 'delta-totals.parquet'), join(work, 'parquet-totals.parquet'));
  console.log(`\nResult: the Delta read's totals ${same ? 'equal' : 'differ from'} read_parquet's  ${verdict(same)}`);
  rmSync(work, { recursive: true, force: true });
}

/** Whether both reads gave the same totals (sums rounded: their order of addition may differ). */
async function sameTotals(a: string, b: string): Promise<boolean> {
  const db = await DuckDBInstance.create(':memory:');
  const conn = await db.connect();
  try {
    const norm = (f: string) => `SELECT country, "rows", round(amount, 2), customer, day FROM read_parquet(${str(f)})`;
    const r = await conn.runAndReadAll(
      `SELECT (SELECT count(*) FROM (${norm(a)} EXCEPT ${norm(b)})) + (SELECT count(*) FROM (${norm(b)} EXCEPT ${norm(a)})), (SELECT count(*) FROM read_parquet(${str(a)}))`,
    );
    const row = r.getRowsJson()[0];
    return Number(row?.[0]) === 0 && Number(row?.[1]) > 0;
  } finally {
    conn.closeSync();
    db.closeSync();
  }
}
