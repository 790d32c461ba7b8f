import type { DuckDBConnection } from '@duckdb/node-api';
import { z } from 'zod';
import type { Column } from '../../../shared/catalog/node-type';
import { DutoError } from '../../../shared/diagnostics';
import { pushdownMessage, pushdownText, type PushdownMessage } from '../../../shared/messages/pushdown-messages';
import { splitQualified } from '../../../shared/catalog/qualified-table';
import { nodeInputRefs, refNode, type PipelineDocument, type PipelineNode } from '../../../shared/format/document';
import { CLICKHOUSE_TARGET } from '../../../shared/sql/targets/clickhouse-target';
import { MYSQL_TARGET } from '../../../shared/sql/targets/mysql-target';
import { POSTGRES_TARGET } from '../../../shared/sql/targets/postgres-target';
import { kindOfType, type TargetDialect } from '../../../shared/sql/targets/target-dialect';
import { feedsServerSink, type ServerLoad } from './plan-elt';
import { joinStep } from './push-join';
import { unionStep } from './push-union';
import { finalSql, Keep, retyped, type Part } from './push-part';
import { step } from './push-steps';
import { readOne } from '../walls/one-statement';

/**
 * Finds the largest parts of the pipeline whose table sources are all on one
 * PostgreSQL, MySQL or ClickHouse connection and whose nodes that database can run with
 * DuckDB's meaning (filter, derive, select, distinct, aggregate, join, sort,
 * limit), and compiles each into one SELECT for the database. The first node
 * it cannot take stays in DuckDB, with the reason (function unknown there, a
 * limit without a sort, inputs on two connections, …).
 */

export interface PushedChain {
  sourceId: string;
  target: TargetDialect;
  /** The table sources it reads (the first names the connection). */
  sources: string[];
  /** The nodes the database runs, sources first, each after what it reads. */
  nodes: string[];
  sql: string;
}

export interface PushdownSplit {
  chains: PushedChain[];
  /** Why the node below a chain stays in DuckDB: `reason` in English, `why` to render in the user's language. */
  kept: Array<{ nodeId: string; target: string; reason: string; why: PushdownMessage }>;
  /** Sinks that write a chain's rows on its server (plan-elt.ts); absent when none. */
  loads?: ServerLoad[];
}

const TARGETS: Readonly<Record<string, TargetDialect>> = {
  'source.postgres': POSTGRES_TARGET,
  'source.mysql': MYSQL_TARGET,
  'source.clickhouse': CLICKHOUSE_TARGET,
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

/** A part and where it runs. */
interface Sub {
  target: TargetDialect;
  connection: string;
  sources: string[];
  nodes: string[];
  part: Part;
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
  const byId = new Map(doc.nodes.map((n) => [n.id, n]));
  const parts = new Map<string, Promise<Sub | null>>();
  let counter = 0;
  // What a target spells for the zone DuckDB computes in (date_trunc of an instant): one dialect per target.
  const zone = String((await readOne(conn, "SELECT current_setting('TimeZone')")).getRowsJson()[0]?.[0] ?? '');
  const dialects = new Map<string, TargetDialect>();
  const targetOf = (type: string): TargetDialect | undefined => {
    const known = dialects.get(type);
    const plain = TARGETS[type];
    if (known !== undefined || plain === undefined) return known;
    const made = plain.inZone?.(zone) ?? plain;
    dialects.set(type, made);
    return made;
  };

  const base = async (source: PipelineNode): Promise<Sub | null> => {
    const target = targetOf(source.type);
    if (target === undefined || !pushdownAllowed(source)) return null;
    const p = tableSource.safeParse(source.params ?? {});
    const connection = z.object({ connection: z.string() }).safeParse(source.params ?? {});
    if (!p.success || !connection.success) return null;
    const schema = await schemaOf(source.id);
    if (schema === undefined) return null;
    const named = splitQualified(p.data.schema, p.data.table);
    const from =
      named.schema === '' ? target.ident(named.table) : `${target.ident(named.schema)}.${target.ident(named.table)}`;
    return {
      target,
      connection: connection.data.connection,
      sources: [source.id],
      nodes: [source.id],
      part: {
        sql: `SELECT ${schema.map((c) => target.ident(c.name)).join(', ')} FROM ${from}`,
        columns: schema.map((c) => ({ name: c.name, kind: kindOfType(c.type), type: c.type, sure: true })),
      },
    };
  };

  /** The node compiled with everything above it into one part of one database, or null (the reason kept). */
  const compile = async (node: PipelineNode): Promise<Sub | null> => {
    if (node.disabled === true) return null;
    const refs = nodeInputRefs(node);
    if (refs.length === 0) return base(node);
    const found: Array<Sub | null> = [];
    let shared = false;
    for (const ref of refs) {
      const above = byId.get(refNode(ref));
      // Only a node read by exactly one other joins a part: a shared output is computed once, in DuckDB.
      const alone = (consumers.get(refNode(ref)) ?? []).length === 1;
      if (!alone) shared = true;
      found.push(above === undefined || !alone ? null : await partOf(above));
    }
    const inputs = found.filter((f): f is Sub => f !== null);
    const [first] = inputs;
    if (first === undefined) return null;
    const keep = (why: PushdownMessage): null => {
      split.kept.push({ nodeId: node.id, target: first.target.label, reason: pushdownText(why), why });
      return null;
    };
    if (!pushdownAllowed(node)) return keep(pushdownMessage('switched-off', {}));
    if (inputs.length !== refs.length) return keep(pushdownMessage(shared ? 'shared-input' : 'inputs-elsewhere', {}));
    if (inputs.some((i) => i.target !== first.target || i.connection !== first.connection))
      return keep(pushdownMessage('connections', {}));
    try {
      const t = first.target;
      counter += 1;
      let part: Part;
      // A node DuckDB cannot type (a param in error) stays there, where its error is reported.
      const expectedSchema = async (): Promise<readonly Column[]> => {
        const schema = await schemaOf(node.id).catch((e: unknown) => {
          if (e instanceof DutoError) return undefined;
          throw e;
        });
        if (schema === undefined) throw new Keep(pushdownMessage('no-schema', {}));
        return schema;
      };
      if (node.type === 'transform.union') {
        const stacked = inputs.map((input, i) => ({ nodeId: refNode(refs[i] ?? ''), part: input.part }));
        part = unionStep(t, stacked, node.params ?? {}, await expectedSchema(), counter);
      } else if (node.type === 'transform.join') {
        const [l, r] = inputs;
        if (l === undefined || r === undefined || inputs.length !== 2)
          throw new Keep(pushdownMessage('join-inputs', {}));
        part = joinStep(t, l.part, r.part, node.params ?? {});
      } else {
        if (inputs.length !== 1) throw new Keep(pushdownMessage('several-inputs', { type: node.type }));
        part = await step(conn, t, first.part, node, counter);
      }
      const expected = await expectedSchema();
      return {
        ...first,
        sources: inputs.flatMap((i) => i.sources),
        nodes: [...inputs.flatMap((i) => i.nodes), node.id],
        part: retyped(t, part, expected),
      };
    } catch (e) {
      // Params DuckDB refuses too (a node in error): it stays there, where its error is reported.
      if (e instanceof z.ZodError) return keep(pushdownMessage('no-schema', {}));
      if (!(e instanceof Keep)) throw e;
      return keep(e.why);
    }
  };
  const partOf = (node: PipelineNode): Promise<Sub | null> => {
    const known = parts.get(node.id);
    if (known !== undefined) return known;
    const made = compile(node);
    parts.set(node.id, made);
    return made;
  };

  for (const node of doc.nodes) {
    const sub = await partOf(node);
    if (sub === null || (sub.nodes.length < 2 && !feedsServerSink(node, consumers.get(node.id)))) continue;
    // A part ends where no reader extends it.
    const below = consumers.get(node.id) ?? [];
    let extended = false;
    for (const next of below) if ((await partOf(next)) !== null) extended = true;
    if (extended) continue;
    split.chains.push({
      sourceId: sub.sources[0] ?? node.id,
      sources: sub.sources,
      target: sub.target,
      nodes: sub.nodes,
      sql: finalSql(sub.target, sub.part),
    });
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

/** The reason a node switched off (its `pushdown: false`) stays in DuckDB. */
export const SWITCHED_OFF = pushdownText(pushdownMessage('switched-off', {}));

/** Whether the user lets the database run this node (the node's own switch; the pipeline's is `enabled`). */
export function pushdownAllowed(node: PipelineNode): boolean {
  return node.pushdown !== false;
}
