import type { DuckDBConnection } from '@duckdb/node-api';
import { DutoError, error } from '../../../shared/diagnostics';
import type { ChartResultData, ChartSpecData } from '../../../shared/ipc/results';
import { ident, num } from '../../../shared/sql/quote';
import { readOne } from '../walls/one-statement';
import { columnDistribution } from './profile-distribution';

/**
 * A chart is a query (as in Mosaic): DuckDB groups, aggregates, bins or
 * samples a node's whole output and only the points cross to the renderer,
 * at most {@link MAX_POINTS} of them. Columns are named by the spec and
 * checked against the node's columns; every name is quoted (quote.ts).
 */

export const MAX_POINTS = 5000;
/** A scatter's sample is repeatable: the same rows every time for the same data. */
const SAMPLE_SEED = 42;

type Point = ChartResultData['points'][number];

function scalar(v: unknown): string | number | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'string') return v;
  return typeof v === 'bigint' ? Number(v) : String(v);
}

function numeric(v: unknown): number | null {
  if (v === null || v === undefined) return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
}

async function rows(conn: DuckDBConnection, sql: string): Promise<unknown[][]> {
  return (await readOne(conn, sql)).getRowsJson();
}

function aggregate(spec: ChartSpecData, column: string | undefined, nodeId: string): string {
  if (spec.aggregate === 'count') return 'count(*)';
  if (column === undefined) throw new DutoError([error('chart.column', { column: '' }, { nodeId })]);
  const c = `TRY_CAST(${ident(column)} AS DOUBLE)`;
  return spec.aggregate === 'avg'
    ? `avg(${c})`
    : spec.aggregate === 'median'
      ? `median(${c})`
      : `${spec.aggregate}(${c})`;
}

function capped(found: unknown[][]): { kept: unknown[][]; capped: boolean } {
  return { kept: found.slice(0, MAX_POINTS), capped: found.length > MAX_POINTS };
}

/** The chart `spec` of `view` (a relation the engine made), whose columns are `columns`. */
export async function chartView(
  conn: DuckDBConnection,
  nodeId: string,
  view: string,
  columns: ReadonlyArray<{ name: string; type: string }>,
  spec: ChartSpecData,
): Promise<Omit<ChartResultData, 'elapsedMs'>> {
  const known = (name: string | undefined): string | undefined => {
    if (name === undefined) return undefined;
    if (!columns.some((c) => c.name === name))
      throw new DutoError([error('chart.column', { column: name }, { nodeId })]);
    return name;
  };
  const x = ident(known(spec.x) ?? spec.x);
  const y = known(spec.y);
  const color = known(spec.color);
  const value = known(spec.value);
  const limit = num(MAX_POINTS + 1);
  const asText = (c: string): string => `CAST(${c} AS VARCHAR)`;

  if (spec.type === 'histogram') {
    const type = columns.find((c) => c.name === spec.x)?.type ?? 'VARCHAR';
    const d = await columnDistribution(conn, view, spec.x, type);
    const points: Point[] =
      d === null
        ? []
        : d.kind === 'top'
          ? d.values.map((v) => ({ x: v.value, y: v.count }))
          : d.bins.map((b) => ({ x: b.lo, y: b.count, series: b.hi }));
    return { nodeId, points, capped: false, sampled: false };
  }
  if (spec.type === 'scatter') {
    if (y === undefined) throw new DutoError([error('chart.column', { column: '' }, { nodeId })]);
    const series = color === undefined ? 'NULL' : asText(ident(color));
    const total = (await rows(conn, `SELECT count(*) FROM ${view}`))[0]?.[0];
    const sampled = Number(total) > MAX_POINTS;
    // A seeded order by hash: the same sample of the same rows on every call, whatever the threads.
    const order = sampled
      ? `ORDER BY hash(duto_x, duto_y, duto_s, ${num(SAMPLE_SEED)}), duto_x, duto_y`
      : 'ORDER BY duto_x, duto_y';
    const found = await rows(
      conn,
      `SELECT duto_x, duto_y, duto_s FROM (SELECT TRY_CAST(${x} AS DOUBLE) AS duto_x, TRY_CAST(${ident(y)} AS DOUBLE) AS duto_y, ${series} AS duto_s FROM ${view}) WHERE duto_x IS NOT NULL AND duto_y IS NOT NULL ${order} LIMIT ${num(MAX_POINTS)}`,
    );
    return {
      nodeId,
      points: found.map((r) => ({
        x: numeric(r[0]),
        y: numeric(r[1]),
        ...(color === undefined ? {} : { series: r[2] === null ? null : String(r[2]) }),
      })),
      capped: false,
      sampled,
    };
  }
  if (spec.type === 'heatmap') {
    if (y === undefined) throw new DutoError([error('chart.column', { column: '' }, { nodeId })]);
    const found = capped(
      await rows(
        conn,
        `SELECT ${asText(x)}, ${asText(ident(y))}, ${aggregate(spec, value, nodeId)} FROM ${view} GROUP BY ${x}, ${ident(y)} ORDER BY ${x}, ${ident(y)} LIMIT ${limit}`,
      ),
    );
    return {
      nodeId,
      points: found.kept.map((r) => ({ x: scalar(r[0]), y: scalar(r[1]), value: numeric(r[2]) })),
      capped: found.capped,
      sampled: false,
    };
  }
  if (spec.type === 'boxplot') {
    if (y === undefined) throw new DutoError([error('chart.column', { column: '' }, { nodeId })]);
    const v = `TRY_CAST(${ident(y)} AS DOUBLE)`;
    const found = capped(
      await rows(
        conn,
        `SELECT ${asText(x)}, min(${v}), quantile_cont(${v}, 0.25), median(${v}), quantile_cont(${v}, 0.75), max(${v}) FROM ${view} GROUP BY ${x} ORDER BY ${x} LIMIT ${limit}`,
      ),
    );
    return {
      nodeId,
      points: found.kept.map((r) => ({ x: scalar(r[0]), y: numeric(r[3]), box: r.slice(1, 6).map(numeric) })),
      capped: found.capped,
      sampled: false,
    };
  }
  // bar, line, area: y aggregated per x (and per color), in x's own order.
  const series = color === undefined ? 'NULL' : ident(color);
  const found = capped(
    await rows(
      conn,
      `SELECT ${asText('duto_x')}, ${asText('duto_s')}, duto_y FROM (SELECT ${x} AS duto_x, ${series} AS duto_s, ${aggregate(spec, y, nodeId)} AS duto_y FROM ${view} GROUP BY 1, 2) ORDER BY duto_x NULLS LAST, duto_s NULLS LAST LIMIT ${limit}`,
    ),
  );
  return {
    nodeId,
    points: found.kept.map((r) => ({
      x: scalar(r[0]),
      y: numeric(r[2]),
      ...(color === undefined ? {} : { series: r[1] === null ? null : String(r[1]) }),
    })),
    capped: found.capped,
    sampled: false,
  };
}
