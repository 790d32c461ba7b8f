import type { DuckDBConnection } from '@duckdb/node-api';
import type { Analysis, PlanStep } from '../../../shared/compiler/plan';
import { composeOutputs, type ColumnLineage, type NodeLineage } from '../../../shared/lineage/column-lineage';
import { str } from '../../../shared/sql/quote';
import type { BoundPlan } from '../bind/bind-views';
import { readOne } from '../walls/one-statement';
import { serialized } from './duckdb-ast';
import { QueryWalker, Unsupported, type QueryInput, type QueryLineage } from './sql-column-lineage';

/**
 * Column-level lineage of a pipeline, from its compiled plan: every node's
 * view SQL is parsed by DuckDB (`json_serialize_sql`) and walked
 * (sql-column-lineage.ts) with its inputs' columns as the bind knows them;
 * a sink carries its input's columns as they are; a source's columns are
 * origins. Composed across nodes, each output column gets the source
 * columns it comes from and the nodes between. A node whose SQL is not
 * followed has its columns' lineage `unknown`, with the reason.
 */
export async function columnLineageOf(
  conn: DuckDBConnection,
  analysis: Analysis,
  bound: BoundPlan,
): Promise<ColumnLineage> {
  const category = (id: string): string | undefined => analysis.nodes.get(id)?.def.category;
  const aggregates = await aggregateFunctions(conn);
  const nodes: NodeLineage[] = [];
  for (const step of bound.steps) {
    const columns = (bound.schemas.get(step.nodeId) ?? []).map((c) => c.name);
    if (category(step.nodeId) === 'source') {
      nodes.push({ node: step.nodeId, columns: columns.map((column) => ({ column, inputs: [] })), indirect: [] });
      continue;
    }
    nodes.push(await nodeLineage(conn, step, columns, bound, aggregates));
  }
  const sources = new Set(analysis.order.filter((id) => category(id) === 'source'));
  const outputs = analysis.order.filter((id) => category(id) === 'sink' && bound.stepById.has(id));
  return { nodes, outputs: composeOutputs(nodes, analysis.order, sources, outputs) };
}

async function nodeLineage(
  conn: DuckDBConnection,
  step: PlanStep,
  columns: string[],
  bound: BoundPlan,
  aggregates: ReadonlySet<string>,
): Promise<NodeLineage> {
  const unknown = (reason: string): NodeLineage => ({
    node: step.nodeId,
    columns: columns.map((column) => ({ column, inputs: [], unknown: reason })),
    indirect: [],
  });
  const inputs = new Map<string, QueryInput>();
  for (const u of step.upstream) {
    const cols = bound.schemas.get(u);
    // A view is named by its node (`node.port` for another port): its name as the parse tree spells it.
    if (cols !== undefined) inputs.set(u, { node: u, columns: cols.map((c) => c.name) });
  }
  const sql =
    step.view?.sql ??
    (step.sink !== undefined || step.externalSink !== undefined || step.deltaSink !== undefined
      ? sinkSql(step)
      : undefined);
  if (sql === undefined) return unknown('the node has no query');
  let lineage: QueryLineage;
  try {
    lineage = new QueryWalker(inputs, aggregates).query(await parse(conn, sql));
  } catch (e) {
    if (e instanceof Unsupported) return unknown(`its SQL is not followed: ${e.message}`);
    if (e instanceof Error && e.name === 'ZodError')
      return unknown('its SQL parses to a tree this version does not read');
    throw e;
  }
  if (lineage.columns.length !== columns.length)
    return unknown(
      `its SQL gives ${String(lineage.columns.length)} columns where DuckDB binds ${String(columns.length)}`,
    );
  return {
    node: step.nodeId,
    // DuckDB names the columns (deduplicated, generated names): matched by position.
    columns: lineage.columns.map((c, i) => ({
      column: columns[i] ?? c.name,
      inputs: c.inputs,
      ...(c.unknown === undefined ? {} : { unknown: c.unknown }),
    })),
    indirect: lineage.indirect,
  };
}

/** A sink writes the relation it reads, every column as is. */
function sinkSql(step: PlanStep): string | undefined {
  const input = step.sink?.input ?? step.externalSink?.input ?? step.deltaSink?.input;
  return input === undefined ? undefined : `SELECT * FROM ${input}`;
}

async function parse(conn: DuckDBConnection, sql: string): Promise<unknown> {
  const reader = await readOne(conn, `SELECT json_serialize_sql(${str(sql)})`);
  const text = reader.getRowsJson()[0]?.[0];
  if (typeof text !== 'string') throw new Unsupported('DuckDB gave no parse tree');
  const tree = serialized.parse(JSON.parse(text));
  if (tree.error)
    throw new Unsupported(tree.error_message === '' ? 'DuckDB could not serialize it' : tree.error_message);
  if (tree.statements.length !== 1) throw new Unsupported(`${String(tree.statements.length)} statements`);
  return tree.statements[0]?.node;
}

async function aggregateFunctions(conn: DuckDBConnection): Promise<Set<string>> {
  const reader = await readOne(
    conn,
    "SELECT DISTINCT lower(function_name) FROM duckdb_functions() WHERE function_type = 'aggregate'",
  );
  const names = reader.getRowsJson().flatMap((r) => (typeof r[0] === 'string' ? [r[0]] : []));
  // The parser's names for count(*) and friends.
  return new Set([...names, 'count_star']);
}
