import { z } from 'zod';
import { MAX_CHARTS_PER_NODE, savedChartSchema } from '../charts/chart-spec';
import type { JsonValue } from './json';

/**
 * The pipeline document (`*.duto.json`): type, validator and version in one
 * place. Logic (nodes and their params) is kept apart from layout (positions),
 * so moving a node changes only layout lines.
 */

export const FORMAT = 'duto.pipeline';
export const CURRENT_VERSION = 2;

/** Node ids are chosen once, readable, and never renumbered. */
export const NODE_ID_PATTERN = /^[a-z][a-z0-9_]{0,62}$/;
export const PARAM_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

const jsonValue: z.ZodType<JsonValue> = z.lazy(() =>
  z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(jsonValue), z.record(z.string(), jsonValue)]),
);

const nodeId = z
  .string()
  .regex(NODE_ID_PATTERN, 'expected a node id: lowercase letters, digits and _, starting with a letter');

/** A reference to an upstream output: `orders` (its default output) or `check.rejected`. */
export const OUTPUT_REF_PATTERN = /^[a-z][a-z0-9_]{0,62}(\.[a-z][a-z0-9_]{0,62})?$/;
const outputRef = z.string().regex(OUTPUT_REF_PATTERN, 'expected a node id, or node_id.port');

export const nodeSchema = z.strictObject({
  id: nodeId,
  type: z.string().regex(/^[a-z]+(\.[a-z0-9_]+)+$/, 'expected a node type such as source.csv'),
  /** The version of its node type the node was saved at; absent means 1, so most files never carry it. */
  typeVersion: z
    .number()
    .int()
    .positive()
    .optional()
    .describe('The version of its node type the node was saved at; absent means 1.'),
  label: z.string().optional(),
  description: z.union([z.string(), z.array(z.string())]).optional(),
  /** Input port → upstream output(s). */
  inputs: z.record(z.string(), z.union([outputRef, z.array(outputRef)])).optional(),
  params: z.record(z.string(), jsonValue).optional(),
  disabled: z.boolean().optional(),
  /** false: the node stays in DuckDB although its database could run it (pushdown); absent means allowed. */
  pushdown: z
    .boolean()
    .optional()
    .describe(
      'false keeps the node in DuckDB even where its database could run it with the same meaning (default true).',
    ),
  /** Charts saved at the node (the preview's Chart view); columns are checked against its output at design time, never at load. */
  charts: z
    .array(savedChartSchema)
    .max(MAX_CHARTS_PER_NODE)
    .optional()
    .describe("Charts of the node's output, as the Chart view saved them."),
});

export const paramDeclSchema = z.strictObject({
  default: z.union([z.string(), z.number(), z.boolean()]).optional(),
  description: z.string().optional(),
});

export const positionSchema = z.strictObject({ x: z.number(), y: z.number() });

export const noteSchema = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9_]{0,62}$/),
  text: z.union([z.string(), z.array(z.string())]),
  x: z.number(),
  y: z.number(),
  width: z.number().positive().optional(),
  height: z.number().positive().optional(),
});

/**
 * When the pipeline runs by itself (`duto serve`, the app's scheduler): each
 * trigger one small object, so adding or removing one is a one-line diff.
 * Cron expressions and time zones are checked where they are used
 * (electron/engine/schedule/schedule-rules.ts), with the library that fires them.
 */
export const triggerSchema = z.union([
  z.strictObject({
    cron: z
      .string()
      .min(1)
      .describe('A cron expression: minute hour day-of-month month day-of-week (an optional leading seconds field).'),
    timezone: z
      .string()
      .min(1)
      .describe('An IANA time zone such as Europe/Berlin; the cron fires on its wall clock, DST included.'),
  }),
  z.strictObject({
    files: z
      .string()
      .min(1)
      .describe("A glob inside the pipeline's folder (e.g. inbox/*.csv); new or changed files fire one run per batch."),
    debounceSeconds: z
      .number()
      .int()
      .min(0)
      .optional()
      .describe('Quiet time after the last change before the batch runs (default 5).'),
    param: z
      .string()
      .regex(PARAM_NAME_PATTERN)
      .optional()
      .describe('The pipeline parameter given the batch (a JSON array of paths; default changed_files).'),
  }),
  z.strictObject({
    after: z
      .string()
      .min(1)
      .describe(
        "Another pipeline file (relative to this one's folder); this one runs after each of its successful runs.",
      ),
  }),
]);

export const scheduleSchema = z.strictObject({
  triggers: z.array(triggerSchema),
  retries: z
    .number()
    .int()
    .min(0)
    .max(20)
    .optional()
    .describe('How many times a failed run is tried again (default 0).'),
  retryDelaySeconds: z
    .number()
    .int()
    .min(1)
    .optional()
    .describe('The wait before the first retry, doubled before each next one (default 30).'),
  timeoutSeconds: z.number().int().min(1).optional().describe('A run taking longer is cancelled (and fails).'),
  catchUp: z
    .enum(['skip', 'once'])
    .optional()
    .describe('After downtime that missed cron fires: skip them, or run once (default once).'),
});

export const documentSchema = z.strictObject({
  format: z.literal(FORMAT),
  version: z.literal(CURRENT_VERSION),
  name: z.string().optional(),
  description: z.union([z.string(), z.array(z.string())]).optional(),
  params: z.record(z.string().regex(PARAM_NAME_PATTERN, 'expected a parameter name'), paramDeclSchema).optional(),
  schedule: scheduleSchema.optional(),
  /** false: nothing runs in the source databases (pushdown off for the whole pipeline); absent means on. */
  pushdown: z
    .boolean()
    .optional()
    .describe(
      'Run the nodes below a PostgreSQL, MySQL or ClickHouse table in that database where the planner proves the same result (default true); false keeps everything in DuckDB.',
    ),
  nodes: z.array(nodeSchema),
  layout: z.record(z.string(), positionSchema).optional(),
  notes: z.array(noteSchema).optional(),
});

export type PipelineNode = z.infer<typeof nodeSchema>;
export type PipelineDocument = z.infer<typeof documentSchema>;
export type Position = z.infer<typeof positionSchema>;
export type Note = z.infer<typeof noteSchema>;
export type Schedule = z.infer<typeof scheduleSchema>;

/** An empty, valid pipeline. */
export function emptyDocument(name?: string): PipelineDocument {
  return { format: FORMAT, version: CURRENT_VERSION, ...(name === undefined ? {} : { name }), nodes: [] };
}

/** The upstream node id of an output reference. */
export function refNode(ref: string): string {
  const dot = ref.indexOf('.');
  return dot < 0 ? ref : ref.slice(0, dot);
}

/** The output port of an output reference (`out` when not named). */
export function refPort(ref: string): string {
  const dot = ref.indexOf('.');
  return dot < 0 ? 'out' : ref.slice(dot + 1);
}

/** All upstream refs of a node, in port order. */
export function nodeInputRefs(node: PipelineNode): string[] {
  const refs: string[] = [];
  for (const v of Object.values(node.inputs ?? {})) {
    if (typeof v === 'string') refs.push(v);
    else refs.push(...v);
  }
  return refs;
}

/** The ids of the nodes a node reads, in port order (a node read twice is named twice). */
export function upstreamNodeIds(node: PipelineNode): string[] {
  return nodeInputRefs(node).map(refNode);
}

/** A document's wiring as the graph walks of shared/compiler/graph.ts take it: node id → the ids it reads. */
export function documentUpstream(doc: PipelineDocument): (id: string) => string[] {
  const byId = new Map(doc.nodes.map((n) => [n.id, n]));
  return (id) => {
    const n = byId.get(id);
    return n === undefined ? [] : upstreamNodeIds(n);
  };
}
