import { z } from 'zod';
import type { Column } from '../../../shared/catalog/node-type';
import { pushdownMessage } from '../../../shared/messages/pushdown-messages';
import { kindOfType, type TargetDialect } from '../../../shared/sql/targets/target-dialect';
import { aliasedSelect } from './push-alias';
import { distinctRows } from './push-keys';
import { castColumn, Keep, noOrder, wrap, type Part, type PushColumn } from './push-part';

/**
 * transform.union of parts of one connection, as the DuckDB compile of the node
 * (`UNION ALL BY NAME`, shared/catalog/nodes/union.ts) stacks them: columns
 * matched by name into the node's DuckDB schema, each input's column cast to
 * the type DuckDB unified (only by a cast that keeps DuckDB's meaning there),
 * NULL where an input lacks it, and the input's node id in the
 * source column when asked. Rows once each (distinct) compared as DuckDB does.
 */

export const unionParams = z.object({
  distinct: z.boolean().default(false),
  sourceColumn: z.string().default(''),
});

export interface UnionInput {
  /** The node the rows come from (what the source column holds). */
  nodeId: string;
  part: Part;
}

interface Item {
  sql: string;
  /** The input's column as it is (same DuckDB type, read back without a cast). */
  plain: boolean;
}

function itemOf(t: TargetDialect, input: UnionInput, out: Column, source: string): Item {
  const name = out.name.toLowerCase();
  if (source !== '' && name === source) return { sql: t.str(input.nodeId), plain: false };
  const col: PushColumn | undefined = input.part.columns.find((c) => c.name.toLowerCase() === name);
  // A bare NULL takes the type the other inputs give the column (a union's types resolve across its inputs); where
  // that loses the type's modifier (PostgreSQL), the column is cast back to its DuckDB type at the end.
  if (col === undefined) return { sql: 'NULL', plain: t.supports.unionNullKeepsType === true };
  if (col.type === out.type) return { sql: t.ident(col.name), plain: col.sure };
  return { sql: castColumn(t, col, out.type).sql, plain: false };
}

export function unionStep(
  t: TargetDialect,
  inputs: readonly UnionInput[],
  params: unknown,
  expected: readonly Column[],
  n: number,
): Part {
  const p = unionParams.parse(params);
  if (t.supports.unionAll !== true) throw new Keep(pushdownMessage('union-database', { database: t.label }));
  const source = p.sourceColumn.toLowerCase();
  const branches = inputs.map((input, b) => {
    noOrder(input.part);
    const items = expected.map((out) => itemOf(t, input, out, source));
    return {
      items,
      sql: aliasedSelect(
        t,
        items.map((item, i) => ({ sql: item.sql, alias: expected[i]?.name ?? '' })),
        `FROM ${wrap(input.part, n * 100 + b)}`,
      ),
    };
  });
  const columns = expected.map((out, i) => ({
    name: out.name,
    kind: kindOfType(out.type),
    type: out.type,
    sure: branches.every((b) => b.items[i]?.plain === true),
  }));
  const all: Part = { sql: branches.map((b) => b.sql).join(' UNION ALL '), columns };
  return p.distinct ? distinctRows(t, all, n) : all;
}
