import { z } from 'zod';

/**
 * The parts of DuckDB's parse tree (`json_serialize_sql`) that column
 * lineage reads, validated: unknown fields are tolerated (the format grows
 * between versions), a missing or changed field that is read fails the
 * parse, and the lineage of that node is then reported unknown.
 */

const expr = z.looseObject({ class: z.string(), type: z.string(), alias: z.string().default('') });
export type AstExpr = z.infer<typeof expr>;
export const astExpr = expr;

export const columnRef = z.looseObject({ class: z.literal('COLUMN_REF'), column_names: z.array(z.string()).min(1) });

const qualifiedName = z.looseObject({ table: z.string().default(''), column: z.string() });

export const starExpr = z.looseObject({
  class: z.literal('STAR'),
  relation_name: z.string().default(''),
  exclude_list: z.array(z.string()).default([]),
  qualified_exclude_list: z.array(qualifiedName).default([]),
  replace_list: z.array(z.looseObject({ key: z.string(), value: expr })).default([]),
  rename_list: z.array(z.looseObject({ key: qualifiedName, value: z.string() })).default([]),
  columns: z.boolean().default(false),
  expr: expr.nullable().default(null),
});

export const constantString = z.looseObject({
  class: z.literal('CONSTANT'),
  value: z.looseObject({ value: z.string() }),
});

export const functionExpr = z.looseObject({
  class: z.literal('FUNCTION'),
  function_name: z.string(),
  children: z.array(expr).default([]),
  filter: expr.nullable().default(null),
  order_bys: z
    .looseObject({ orders: z.array(z.looseObject({ expression: expr })).default([]) })
    .nullable()
    .default(null),
});

export const windowExpr = z.looseObject({
  class: z.literal('WINDOW'),
  function_name: z.string(),
  children: z.array(expr).default([]),
  partitions: z.array(expr).default([]),
  orders: z.array(z.looseObject({ expression: expr })).default([]),
  filter_expr: expr.nullable().default(null),
});

export const caseExpr = z.looseObject({
  class: z.literal('CASE'),
  case_checks: z.array(z.looseObject({ when_expr: expr, then_expr: expr })),
  else_expr: expr.nullable().default(null),
});

export const subqueryExpr = z.looseObject({
  class: z.literal('SUBQUERY'),
  subquery: z.looseObject({ node: z.unknown() }),
  child: expr.nullable().default(null),
});

const tableBase = z.looseObject({ type: z.string(), alias: z.string().default('') });
export const tableRef = tableBase;
export const baseTable = z.looseObject({
  type: z.literal('BASE_TABLE'),
  alias: z.string().default(''),
  schema_name: z.string().default(''),
  table_name: z.string(),
  column_name_alias: z.array(z.string()).default([]),
});
export const subqueryTable = z.looseObject({
  type: z.literal('SUBQUERY'),
  alias: z.string().default(''),
  subquery: z.looseObject({ node: z.unknown() }),
  column_name_alias: z.array(z.string()).default([]),
});
export const joinTable = z.looseObject({
  type: z.literal('JOIN'),
  left: tableBase,
  right: tableBase,
  condition: expr.nullable().default(null),
  join_type: z.string(),
  ref_type: z.string(),
  using_columns: z.array(z.string()).default([]),
});

const modifier = z.looseObject({
  type: z.string(),
  orders: z.array(z.looseObject({ expression: expr })).optional(),
  distinct_on_targets: z.array(expr).optional(),
});
const cteMap = z.looseObject({
  map: z
    .array(
      z.looseObject({
        key: z.string(),
        value: z.looseObject({ aliases: z.array(z.string()).default([]), query: z.looseObject({ node: z.unknown() }) }),
      }),
    )
    .default([]),
});

export const selectNode = z.looseObject({
  type: z.literal('SELECT_NODE'),
  modifiers: z.array(modifier).default([]),
  cte_map: cteMap.default({ map: [] }),
  select_list: z.array(expr),
  from_table: tableBase,
  where_clause: expr.nullable().default(null),
  group_expressions: z.array(expr).default([]),
  aggregate_handling: z.string().default('STANDARD_HANDLING'),
  having: expr.nullable().default(null),
  qualify: expr.nullable().default(null),
});
export type SelectNode = z.infer<typeof selectNode>;

export const setOperationNode = z.looseObject({
  type: z.literal('SET_OPERATION_NODE'),
  modifiers: z.array(modifier).default([]),
  cte_map: cteMap.default({ map: [] }),
  setop_type: z.string(),
  left: z.unknown().optional(),
  right: z.unknown().optional(),
  children: z.array(z.unknown()).optional(),
});

export const queryNode = z.looseObject({ type: z.string() });

export const serialized = z.union([
  z.looseObject({ error: z.literal(false), statements: z.array(z.looseObject({ node: z.unknown() })) }),
  z.looseObject({ error: z.literal(true), error_message: z.string().default('') }),
]);
