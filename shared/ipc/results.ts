import { z } from 'zod';
import { argsFitTemplate } from '../messages/diagnostic-messages';
import { isPushdownKey, type PushdownKey } from '../messages/pushdown-messages';

/**
 * What the engine answers, as schemas: the engine's API types are inferred
 * from these, and every response crossing a process boundary is checked
 * against them.
 */

export const columnSchema = z.object({ name: z.string(), type: z.string() });

export const diagnosticSchema = z
  .object({
    severity: z.enum(['error', 'warning']),
    code: z.string(),
    message: z.string(),
    /** With the code and variant, the message in the user's language (shared/messages); English `message` stays. */
    args: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
    variant: z.string().optional(),
    raisedBy: z.string().optional(),
    nodeId: z.string().optional(),
    param: z.string().optional(),
    path: z.string().optional(),
    file: z.string().optional(),
    line: z.number().optional(),
    column: z.number().optional(),
  })
  .refine(
    (d) => d.args === undefined || argsFitTemplate(d.variant === undefined ? d.code : `${d.code}/${d.variant}`, d.args),
    { message: "the diagnostic's arguments do not fit its message template", path: ['args'] },
  );

export const cellSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);

const binSchema = z.object({ lo: z.string(), hi: z.string(), count: z.number() });

/**
 * Histogram bins (numbers: equal width; times: one calendar unit each) or a
 * column's most frequent values. Bins are `[lo, hi)`; `last: 'closed'` means
 * the last bin also holds `hi` (the column's max).
 */
export const columnDistributionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('number'), bins: z.array(binSchema), last: z.enum(['open', 'closed']) }),
  z.object({ kind: z.literal('time'), unit: z.string(), bins: z.array(binSchema), last: z.enum(['open', 'closed']) }),
  z.object({
    kind: z.literal('top'),
    values: z.array(z.object({ value: z.string(), count: z.number(), cut: z.boolean().optional() })),
    more: z.boolean(),
  }),
]);
export type ColumnDistributionData = z.infer<typeof columnDistributionSchema>;

/** A column's statistics over a node's whole output (DuckDB's SUMMARIZE); values as text, cut. */
export const columnProfileSchema = z.object({
  name: z.string(),
  type: z.string(),
  min: z.string().nullable(),
  max: z.string().nullable(),
  /** Approximate count of distinct values. */
  distinct: z.number(),
  /** Share of NULLs, 0..100. */
  nullPercent: z.number(),
  avg: z.string().nullable(),
  std: z.string().nullable(),
  median: z.string().nullable(),
  /** Quartiles (DuckDB's approximate q25 and q75). */
  q25: z.string().nullable().optional(),
  q75: z.string().nullable().optional(),
  /** How the values spread, binned by the engine over the whole output; absent past the profiled columns or without values. */
  distribution: columnDistributionSchema.optional(),
});

// The chart spec lives with the document's saved charts (shared/charts/chart-spec.ts).
export { chartSpecSchema, type ChartSpecData } from '../charts/chart-spec';

/** A chart's points: at most the engine's cap; `box` is min, Q1, median, Q3, max. */
export const chartResultSchema = z.object({
  nodeId: z.string(),
  points: z.array(
    z.object({
      x: z.union([z.string(), z.number(), z.null()]),
      y: z.union([z.string(), z.number(), z.null()]),
      series: z.string().nullable().optional(),
      value: z.number().nullable().optional(),
      box: z.array(z.number().nullable()).optional(),
    }),
  ),
  /** More points than the cap: the first ones (by x) are kept. */
  capped: z.boolean(),
  /** A scatter of more rows than the cap: a seeded (repeatable) sample of them. */
  sampled: z.boolean(),
  elapsedMs: z.number(),
  /** Drawn from the node's result a run kept (node cache), not computed again. */
  origin: z.literal('cache').optional(),
});
export type ChartResultData = z.infer<typeof chartResultSchema>;

export const profileResultSchema = z.object({
  nodeId: z.string(),
  rows: z.number(),
  columns: z.array(columnProfileSchema),
  elapsedMs: z.number(),
  sample: z.object({ sources: z.array(z.string()), rows: z.number() }).optional(),
});
export type ProfileResultData = z.infer<typeof profileResultSchema>;

/** No NUL: a filter's text becomes a SQL literal. */
const viewText = z
  .string()
  .max(1000)
  .refine((t) => !t.includes('\u0000'), 'no NUL characters');

/** How the user sorted and filtered a preview (preview headers); the engine applies it to the node's whole output. */
export const previewViewSchema = z.object({
  sort: z
    .array(z.object({ column: viewText, descending: z.boolean() }))
    .max(8)
    .optional(),
  filters: z
    .array(z.object({ column: viewText, text: viewText }))
    .max(64)
    .optional(),
});
export type PreviewViewData = z.infer<typeof previewViewSchema>;

export const previewResultSchema = z.object({
  nodeId: z.string(),
  columns: z.array(columnSchema),
  rows: z.array(z.array(cellSchema)),
  offset: z.number(),
  more: z.boolean(),
  elapsedMs: z.number(),
  sample: z.object({ sources: z.array(z.string()), rows: z.number() }).optional(),
  checks: z.object({ rows: z.number(), failures: z.array(diagnosticSchema) }).optional(),
  warnings: z.array(diagnosticSchema).optional(),
  /** With a sort or filter: how many of the node's rows match (all of them when only sorted). */
  matching: z.number().optional(),
  /** 'cache': read from the node's cache entry a run kept. */
  origin: z.literal('cache').optional(),
});

export const nodeRunStatusSchema = z.enum(['pending', 'running', 'done', 'failed', 'cancelled', 'skipped']);

export const progressEventSchema = z.object({
  nodeId: z.string(),
  status: nodeRunStatusSchema,
  rows: z.number().optional(),
  elapsedMs: z.number(),
  progress: z.number().optional(),
  diagnostic: diagnosticSchema.optional(),
  cached: z.boolean().optional(),
  origin: z.enum(['cache', 'computed']).optional(),
  waiting: z.string().optional(),
  streamed: z.boolean().optional(),
});

export const runResultSchema = z.object({
  ok: z.boolean(),
  cancelled: z.boolean(),
  elapsedMs: z.number(),
  nodes: z.record(
    z.string(),
    z.object({
      status: nodeRunStatusSchema,
      rows: z.number().optional(),
      elapsedMs: z.number(),
      streamed: z.boolean().optional(),
      origin: z.enum(['cache', 'computed']).optional(),
    }),
  ),
  outputs: z.array(
    z.object({ nodeId: z.string(), path: z.string(), rows: z.number(), cached: z.boolean().optional() }),
  ),
  checks: z
    .array(
      z.object({
        nodeId: z.string(),
        param: z.string(),
        description: z.string(),
        ok: z.boolean(),
        message: z.string().optional(),
      }),
    )
    .optional(),
  rejected: z
    .array(z.object({ nodeId: z.string(), rows: z.number(), policy: z.enum(['quarantine', 'skip']).optional() }))
    .optional(),
  diagnostics: z.array(diagnosticSchema),
});

/**
 * What a pipeline would touch beyond reading files in its own folder, and
 * whether it may (ARCHITECTURE.md, wall 5: trust). A restricted pipeline — one that
 * did not originate on this machine, in a folder the user has not trusted —
 * is checked and previewed on its own folder's files only; everything listed
 * here waits until the user trusts it.
 */
export const trustReportSchema = z.object({
  mode: z.enum(['trusted', 'restricted']),
  /** The pipeline's folder: what it may read while restricted. */
  folder: z.string(),
  /** Files read outside that folder (links followed). */
  outside: z.array(z.object({ nodeId: z.string(), path: z.string() })),
  /** Every output: file paths, workbooks, tables. */
  writes: z.array(z.object({ nodeId: z.string(), target: z.string() })),
  connections: z.array(z.object({ nodeId: z.string(), name: z.string() })),
  /** Addresses fetched over the network. */
  hosts: z.array(z.object({ nodeId: z.string(), url: z.string() })),
  /** Named secrets (`${secret:NAME}`) it would send. */
  secrets: z.array(z.object({ nodeId: z.string(), name: z.string() })),
});

const columnInputSchema = z.union([
  z.object({
    node: z.string(),
    column: z.string(),
    type: z.literal('DIRECT'),
    subtype: z.enum(['IDENTITY', 'TRANSFORMATION', 'AGGREGATION']),
  }),
  z.object({
    node: z.string(),
    column: z.string(),
    type: z.literal('INDIRECT'),
    subtype: z.enum(['FILTER', 'JOIN', 'GROUP_BY', 'SORT', 'WINDOW', 'CONDITIONAL']),
  }),
]);
/** Column-level lineage (shared/lineage/column-lineage.ts). */
export const columnLineageSchema = z.object({
  nodes: z.array(
    z.object({
      node: z.string(),
      columns: z.array(
        z.object({ column: z.string(), inputs: z.array(columnInputSchema), unknown: z.string().optional() }),
      ),
      indirect: z.array(columnInputSchema),
    }),
  ),
  outputs: z.array(
    z.object({
      node: z.string(),
      column: z.string(),
      sources: z.array(
        z.object({
          node: z.string(),
          column: z.string(),
          subtype: z.enum(['IDENTITY', 'TRANSFORMATION', 'AGGREGATION']),
        }),
      ),
      through: z.array(z.string()),
      unknown: z.array(z.string()),
    }),
  ),
});

/**
 * Where a node runs when the pipeline runs (the pushdown planner's split, as `duto explain` says it):
 * `target` is DuckDB or the database's name; a node kept in DuckDB just below a chain says which
 * database it could not go to and why (the planner's English reason, and its message for other languages).
 */
export const nodePlacementSchema = z.object({
  target: z.string().min(1).max(40),
  missed: z
    .object({
      database: z.string().min(1).max(40),
      reason: z.string().max(500),
      /** The reason as a message of shared/messages/pushdown-messages.ts, for the user's language. */
      why: z
        .object({
          key: z.custom<PushdownKey>((v) => typeof v === 'string' && isPushdownKey(v)),
          args: z.record(z.string().max(60), z.union([z.string().max(500), z.number()])),
        })
        .optional(),
    })
    .optional(),
});
export type NodePlacement = z.infer<typeof nodePlacementSchema>;

export const validateResultSchema = z.object({
  ok: z.boolean(),
  diagnostics: z.array(diagnosticSchema),
  schemas: z.record(z.string(), z.array(columnSchema)),
  /** Absent when the document could not be opened at all. */
  trust: trustReportSchema.optional(),
  /** By node: params the engine detected because they were left out (a CSV source's dialect), for the app to write into the node. */
  detected: z
    .record(
      z.string(),
      z.object({
        params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
        description: z.string(),
      }),
    )
    .optional(),
  /** By node: where it runs (pushdown); a node not named runs in DuckDB with nothing to say. */
  placement: z.record(z.string(), nodePlacementSchema).optional(),
});

/** One run on record (electron/engine/history/run-history.ts). */
export const runRecordSchema = z.object({
  id: z.string(),
  startedAt: z.string(),
  elapsedMs: z.number(),
  outcome: z.enum(['succeeded', 'failed', 'cancelled']),
  /** Who started it: `duto run`, a click in the app, or a schedule (`duto serve` or the app's scheduler). */
  from: z.enum(['cli', 'app', 'schedule']),
  /** The pipeline file's absolute path (records before this field have none), for `duto history --all`. */
  pipeline: z.string().optional(),
  until: z.string().optional(),
  nodes: z.record(
    z.string(),
    z.object({
      status: nodeRunStatusSchema,
      rows: z.number().optional(),
      elapsedMs: z.number(),
      streamed: z.boolean().optional(),
      origin: z.enum(['cache', 'computed']).optional(),
    }),
  ),
  outputs: z.array(
    z.object({ nodeId: z.string(), path: z.string(), rows: z.number(), cached: z.boolean().optional() }),
  ),
  checks: z.object({ passed: z.number(), failed: z.number() }).optional(),
  rejected: z
    .array(z.object({ nodeId: z.string(), rows: z.number(), policy: z.enum(['quarantine', 'skip']).optional() }))
    .optional(),
  diagnostics: z.array(
    z.object({ severity: z.enum(['error', 'warning']), message: z.string(), nodeId: z.string().optional() }),
  ),
});
export type RunRecordData = z.infer<typeof runRecordSchema>;

export type ProgressEventData = z.infer<typeof progressEventSchema>;
export type RunResultData = z.infer<typeof runResultSchema>;
export type ValidateResultData = z.infer<typeof validateResultSchema>;
export type TrustReport = z.infer<typeof trustReportSchema>;

/** A Delta source's table versions (newest first), for the inspector to pick one; empty when the table is not read here. */
export const deltaVersionsSchema = z.object({
  versions: z.array(
    z.object({
      version: z.number().int().min(0),
      timestamp: z.number(),
      operation: z.string(),
      rowsAdded: z.number().nullable(),
    }),
  ),
});
export type DeltaVersionsData = z.infer<typeof deltaVersionsSchema>;

/**
 * What the inspector's model card shows for an ml.train or ml.score node
 * (`pipeline.modelCard`): `untrained` when its model file does not exist yet,
 * `outside` when a restricted pipeline may not read it, `unreadable` with the
 * reader's problem, `none` for any other node.
 */
export const modelCardSchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('none') }),
  z.object({ state: z.literal('untrained'), path: z.string() }),
  z.object({ state: z.literal('outside'), path: z.string() }),
  z.object({ state: z.literal('unreadable'), path: z.string(), problem: z.string() }),
  z.object({
    state: z.literal('ready'),
    path: z.string(),
    task: z.enum(['regression', 'classification', 'clustering']),
    algorithm: z.string(),
    target: z.string(),
    training: z.object({
      inputRows: z.number(),
      trainRows: z.number(),
      testRows: z.number(),
      sampled: z.boolean(),
    }),
    metrics: z.array(z.object({ metric: z.string(), value: z.number() })),
    confusion: z.object({ classes: z.array(z.string()), counts: z.array(z.array(z.number())) }).optional(),
    importance: z.array(z.object({ feature: z.string(), importance: z.number() })),
    signature: z.array(z.object({ column: z.string(), kind: z.string(), type: z.string() })),
    roc: z.object({ fpr: z.array(z.number()), tpr: z.array(z.number()) }).optional(),
    fit: z.object({ actual: z.array(z.number()), predicted: z.array(z.number()) }).optional(),
  }),
]);
export type ModelCardData = z.infer<typeof modelCardSchema>;
