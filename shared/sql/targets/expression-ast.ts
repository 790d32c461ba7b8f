import { z } from 'zod';

/**
 * The part of DuckDB's parse tree (`json_serialize_sql`) that Duto re-prints
 * for another database. Only the fields the printer reads are checked; any
 * other class of node is kept as `other` so the printer can name it when it
 * refuses.
 */

const typeInfo = z.object({ width: z.number().optional(), scale: z.number().optional() }).nullable();

const logicalTypeSchema: z.ZodType<LogicalType> = z.object({ id: z.string(), type_info: typeInfo.optional() });
export interface LogicalType {
  id: string;
  type_info?: { width?: number | undefined; scale?: number | undefined } | null | undefined;
}

export type ExprAst =
  | { class: 'COLUMN_REF'; type: string; column_names: string[] }
  | { class: 'CONSTANT'; type: string; value: { type: LogicalType; is_null: boolean; value?: unknown } }
  | {
      class: 'FUNCTION';
      type: string;
      function_name: string;
      schema: string;
      children: ExprAst[];
      distinct: boolean;
      is_operator: boolean;
      filter?: unknown;
      order_bys?: { orders: unknown[] } | undefined;
    }
  | { class: 'CAST'; type: string; child: ExprAst; cast_type: LogicalType; try_cast: boolean }
  | { class: 'COMPARISON'; type: string; left: ExprAst; right: ExprAst }
  | { class: 'CONJUNCTION'; type: string; children: ExprAst[] }
  | { class: 'OPERATOR'; type: string; children: ExprAst[] }
  | { class: 'CASE'; type: string; case_checks: Array<{ when_expr: ExprAst; then_expr: ExprAst }>; else_expr: ExprAst }
  | { class: 'BETWEEN'; type: string; input: ExprAst; lower: ExprAst; upper: ExprAst }
  | { class: 'OTHER'; type: string };

export const exprAstSchema: z.ZodType<ExprAst> = z.lazy(() =>
  z.union([
    z.object({ class: z.literal('COLUMN_REF'), type: z.string(), column_names: z.array(z.string()) }),
    z.object({
      class: z.literal('CONSTANT'),
      type: z.string(),
      value: z.object({ type: logicalTypeSchema, is_null: z.boolean(), value: z.unknown().optional() }),
    }),
    z.object({
      class: z.literal('FUNCTION'),
      type: z.string(),
      function_name: z.string(),
      schema: z.string(),
      children: z.array(exprAstSchema),
      distinct: z.boolean(),
      is_operator: z.boolean(),
      filter: z.unknown().optional(),
      order_bys: z.object({ orders: z.array(z.unknown()) }).optional(),
    }),
    z.object({
      class: z.literal('CAST'),
      type: z.string(),
      child: exprAstSchema,
      cast_type: logicalTypeSchema,
      try_cast: z.boolean(),
    }),
    z.object({ class: z.literal('COMPARISON'), type: z.string(), left: exprAstSchema, right: exprAstSchema }),
    z.object({ class: z.literal('CONJUNCTION'), type: z.string(), children: z.array(exprAstSchema) }),
    z.object({ class: z.literal('OPERATOR'), type: z.string(), children: z.array(exprAstSchema) }),
    z.object({
      class: z.literal('CASE'),
      type: z.string(),
      case_checks: z.array(z.object({ when_expr: exprAstSchema, then_expr: exprAstSchema })),
      else_expr: exprAstSchema,
    }),
    z.object({
      class: z.literal('BETWEEN'),
      type: z.string(),
      input: exprAstSchema,
      lower: exprAstSchema,
      upper: exprAstSchema,
    }),
    z.object({ class: z.literal('OTHER'), type: z.string() }),
  ]),
);

const KNOWN = new Set([
  'COLUMN_REF',
  'CONSTANT',
  'FUNCTION',
  'CAST',
  'COMPARISON',
  'CONJUNCTION',
  'OPERATOR',
  'CASE',
  'BETWEEN',
]);

/** Node classes the printer does not know (SUBQUERY, WINDOW, LAMBDA…) become `OTHER`, keeping their type for the refusal. */
function fold(raw: unknown): unknown {
  if (Array.isArray(raw)) return raw.map(fold);
  if (raw === null || typeof raw !== 'object') return raw;
  const entries = Object.entries(raw);
  const cls = entries.find(([k]) => k === 'class')?.[1];
  const type = entries.find(([k]) => k === 'type')?.[1];
  if (
    typeof cls === 'string' &&
    typeof type === 'string' &&
    !KNOWN.has(cls) &&
    entries.some(([k]) => k === 'query_location')
  ) {
    return { class: 'OTHER', type: cls === type ? cls : `${cls} ${type}` };
  }
  return Object.fromEntries(entries.map(([k, v]) => [k, fold(v)]));
}

/** The one select item of `json_serialize_sql('SELECT <expr>')`, checked; null when the answer is not one expression. */
export function expressionOf(serialized: unknown): ExprAst | null {
  const outer = z
    .object({
      error: z.literal(false),
      statements: z.array(z.object({ node: z.object({ select_list: z.array(z.unknown()) }).passthrough() })).length(1),
    })
    .safeParse(serialized);
  if (!outer.success) return null;
  const items = outer.data.statements[0]?.node.select_list ?? [];
  if (items.length !== 1) return null;
  const checked = exprAstSchema.safeParse(fold(items[0]));
  return checked.success ? checked.data : null;
}
