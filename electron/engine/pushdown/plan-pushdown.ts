import type { DuckDBConnection } from '@duckdb/node-api';
import { z } from 'zod';
import type { Column } from '../../../shared/catalog/node-type';
import { splitQualified } from '../../../shared/catalog/qualified-table';
import { nodeInputRefs, refNode, type PipelineDocument, type PipelineNode } from '../../../shared/format/document';
import { MYSQL_TARGET } from '../../../shared/sql/targets/mysql-target';
import { POSTGRES_TARGET } from '../../../shared/sql/targets/postgres-target';
import { printExpression } from '../../../shared/sql/targets/print-expression';
import { kindOfType, type TargetDialect, type ValueKind } from '../../../shared/sql/targets/target-dialect';
import { parseExpression } from './parse-expression';

/**
 * Finds, from each PostgreSQL or MySQL table source, the longest chain of
 * nodes below it that its database can run with DuckDB's meaning, and
 * compiles that chain into one SELECT for the database. The first node it
 * cannot take stays in DuckDB, with the reason (function unknown there, a
 * limit without a sort, …).
 */

export interface PushedChain {
  sourceId: string;
  target: TargetDialect;
  /** The nodes the database runs, source first. */
  nodes: string[];
  sql: string;
}

export interface PushdownSplit {
  chains: PushedChain[];
  /** Why the node below a chain stays in DuckDB. */
  kept: Array<{ nodeId: string; target: string; reason: string }>;
}

const TARGETS: Readonly<Record<string, TargetDialect>> = {
  'source.postgres': POSTGRES_TARGET,
  'source.mysql': MYSQL_TARGET,
};

const tableSource = z.object({
  mode: z.literal('table').default('table'),
  schema: z.string().default(''),
  table: z.string().min(1),
  columns: z.array(z.string()).default([]),
  filters: z.array(z.unknown()).max(0).default([]),
  where: z.string().max(0).default(''),
  incremental: z.literal('off').default('off'),
});
const filterParams = z.object({ condition: z.string() });
const deriveParams = z.object({ columns: z.array(z.object({ name: z.string().min(1), expression: z.string() })) });
const limitParams = z.object({
  mode: z.literal('limit').default('limit'),
  count: z.number().int().min(0).default(100),
  offset: z.number().int().min(0).default(0),
});
const sortParams = z.object({
  keys: z
    .array(
      z.object({
        column: z.string(),
        direction: z.enum(['asc', 'desc']).default('asc'),
        nulls: z.enum(['first', 'last']).default('last'),
      }),
    )
    .min(1),
});

interface Chain {
  sql: string;
  columns: Array<{ name: string; kind: ValueKind }>;
  /** ORDER BY of the chain so far: only a limit may follow it (a derived table's order is not kept). */
  order?: string;
}

class Keep extends Error {}

/** The reason a node switched off (its `pushdown: false`) stays in DuckDB; the app says it in the user's language. */
export const SWITCHED_OFF = 'pushdown is off for this node';

/** Whether the user lets the database run this node (the node's own switch; the pipeline's is `enabled`). */
export function pushdownAllowed(node: PipelineNode): boolean {
  return node.pushdown !== false;
}

function wrap(c: Chain, n: number): string {
  return `(${c.sql}) AS duto_p${String(n)}`;
}

/** Compiles one node onto the chain, or throws Keep with the reason it stays in DuckDB. */
async function step(conn: DuckDBConnection, t: TargetDialect, c: Chain, node: PipelineNode, n: number): Promise<Chain> {
  const kindOf = (name: string): ValueKind => c.columns.find((col) => col.name === name)?.kind ?? 'unknown';
  const expr = async (text: string, asValue: boolean): Promise<{ sql: string; kind: ValueKind }> => {
    const parsed = await parseExpression(conn, text);
    if (!parsed.ok) throw new Keep(parsed.message);
    const printed = printExpression(parsed.ast, t, kindOf, asValue);
    if (!printed.ok) throw new Keep(`${printed.target} cannot say ${printed.construct} with DuckDB's meaning`);
    return printed;
  };
  const params = node.params ?? {};
  switch (node.type) {
    case 'transform.filter': {
      const p = filterParams.parse(params);
      if (c.order !== undefined) throw new Keep('it follows a sort');
      const cond = await expr(p.condition, false);
      return { sql: `SELECT * FROM ${wrap(c, n)} WHERE ${cond.sql}`, columns: c.columns };
    }
    case 'transform.derive': {
      const p = deriveParams.parse(params);
      if (c.order !== undefined) throw new Keep('it follows a sort');
      let cur = c;
      for (const [i, col] of p.columns.entries()) {
        const value = await expr(col.expression, true);
        const at = cur.columns.findIndex((k) => k.name.toLowerCase() === col.name.toLowerCase());
        const columns =
          at < 0
            ? [...cur.columns, { name: col.name, kind: value.kind }]
            : cur.columns.map((k, j) => (j === at ? { name: col.name, kind: value.kind } : k));
        const list = columns.map((k, j) =>
          j === (at < 0 ? columns.length - 1 : at) ? `${value.sql} AS ${t.ident(k.name)}` : t.ident(k.name),
        );
        cur = { sql: `SELECT ${list.join(', ')} FROM ${wrap(cur, n * 100 + i)}`, columns };
      }
      return cur;
    }
    case 'transform.sort': {
      const p = sortParams.parse(params);
      if (c.order !== undefined) throw new Keep('it follows a sort');
      const keys = p.keys.map((k) => {
        const kind = kindOf(k.column);
        if (kind === 'unknown' || kind === 'boolean')
          throw new Keep(`${t.label} cannot sort ${k.column} (${kind}) as DuckDB does`);
        const col = kind === 'text' ? t.bytewise(t.ident(k.column)) : t.ident(k.column);
        const dir = k.direction === 'desc' ? 'DESC' : 'ASC';
        if (t.supports.nullsOrder) return `${col} ${dir} NULLS ${k.nulls === 'first' ? 'FIRST' : 'LAST'}`;
        // MySQL has no NULLS FIRST/LAST: a key that puts empty values where asked, then the value.
        return `(${t.ident(k.column)} IS NULL) ${k.nulls === 'first' ? 'DESC' : 'ASC'}, ${col} ${dir}`;
      });
      return { sql: c.sql, columns: c.columns, order: keys.join(', ') };
    }
    case 'transform.limit': {
      const p = limitParams.safeParse(params);
      if (!p.success) throw new Keep('only a limit of the first rows is pushed (a sample is DuckDB’s)');
      if (c.order === undefined)
        throw new Keep('a limit without a sort before it takes rows in an order only DuckDB keeps');
      const offset = p.data.offset > 0 ? ` OFFSET ${String(p.data.offset)}` : '';
      return {
        sql: `SELECT * FROM ${wrap(c, n)} ORDER BY ${c.order} ${t.limit(p.data.count)}${offset}`,
        columns: c.columns,
      };
    }
    default:
      throw new Keep(`${node.type} is not pushed to a database yet`);
  }
}

/**
 * The split of `doc`: `schemaOf` gives a source's columns (its DuckDB types), `conn`
 * parses expressions. `enabled: false` (the pipeline's switch) pushes nothing.
 */
export async function planPushdown(
  conn: DuckDBConnection,
  doc: PipelineDocument,
  schemaOf: (nodeId: string) => Promise<readonly Column[] | undefined>,
  enabled = true,
): Promise<PushdownSplit> {
  const split: PushdownSplit = { chains: [], kept: [] };
  if (!enabled) return split;
  const consumers = new Map<string, PipelineNode[]>();
  for (const node of doc.nodes)
    for (const ref of nodeInputRefs(node)) consumers.set(refNode(ref), [...(consumers.get(refNode(ref)) ?? []), node]);
  for (const source of doc.nodes) {
    const target = TARGETS[source.type];
    if (target === undefined || source.disabled === true || !pushdownAllowed(source)) continue;
    const p = tableSource.safeParse(source.params ?? {});
    if (!p.success) continue;
    const schema = await schemaOf(source.id);
    if (schema === undefined) continue;
    const named = splitQualified(p.data.schema, p.data.table);
    const from =
      named.schema === '' ? target.ident(named.table) : `${target.ident(named.schema)}.${target.ident(named.table)}`;
    let chain: Chain = {
      sql: `SELECT ${schema.map((c) => target.ident(c.name)).join(', ')} FROM ${from}`,
      columns: schema.map((c) => ({ name: c.name, kind: kindOfType(c.type) })),
    };
    const nodes = [source.id];
    let at = source.id;
    for (;;) {
      const below = consumers.get(at) ?? [];
      const next = below[0];
      // Only a node read by exactly one other joins the chain: a shared output is computed once, in DuckDB.
      if (below.length !== 1 || next === undefined || next.disabled === true) break;
      if (nodeInputRefs(next).length !== 1 || nodeInputRefs(next)[0] !== at) {
        split.kept.push({
          nodeId: next.id,
          target: target.label,
          reason: 'a node with several inputs (a join) is not pushed to a database yet',
        });
        break;
      }
      if (!pushdownAllowed(next)) {
        split.kept.push({ nodeId: next.id, target: target.label, reason: SWITCHED_OFF });
        break;
      }
      try {
        chain = await step(conn, target, chain, next, nodes.length);
      } catch (e) {
        if (!(e instanceof Keep)) throw e;
        split.kept.push({ nodeId: next.id, target: target.label, reason: e.message });
        break;
      }
      nodes.push(next.id);
      at = next.id;
    }
    if (nodes.length < 2) continue;
    const sql = chain.order === undefined ? chain.sql : `SELECT * FROM ${wrap(chain, 0)} ORDER BY ${chain.order}`;
    split.chains.push({ sourceId: source.id, target, nodes, sql });
  }
  return split;
}

/**
 * The document with each chain run by its database: the chain's last node becomes
 * the source, in query mode with the chain's SQL, under the same id, so what
 * reads it (and its previews) is unchanged; the nodes above it go.
 */
export function pushedDocument(doc: PipelineDocument, split: PushdownSplit): PipelineDocument {
  const gone = new Set(split.chains.flatMap((c) => c.nodes.slice(0, -1)));
  const replaced = new Map(split.chains.map((c) => [c.nodes[c.nodes.length - 1] ?? '', c]));
  const nodes = doc.nodes.flatMap((node): PipelineNode[] => {
    if (gone.has(node.id)) return [];
    const chain = replaced.get(node.id);
    const source = chain === undefined ? undefined : doc.nodes.find((n) => n.id === chain.sourceId);
    if (chain === undefined || source === undefined) return [node];
    const { connection } = z.object({ connection: z.string() }).parse(source.params ?? {});
    return [{ id: node.id, type: source.type, params: { connection, mode: 'query', query: chain.sql } }];
  });
  // A folded node's place on the canvas goes with it (a layout entry must name a node).
  const layout =
    doc.layout === undefined
      ? {}
      : { layout: Object.fromEntries(Object.entries(doc.layout).filter(([id]) => !gone.has(id))) };
  return { ...doc, nodes, ...layout };
}
