import type { JsonObject, JsonValue } from '../../format/json';
import { ident, identList, typeName } from '../../sql/quote';
import { defineNode, type NodeIssue } from '../node-type';
import { p } from '../params';
import { duplicateNames } from '../relation';

/**
 * Version 1 had a mode: keep the listed columns (in order, renamed), or drop
 * the listed ones. Version 2 has one row per column (keep, rename, type) and
 * says what happens to a column the list does not name (a new upstream one).
 */
function fromV1(params: JsonObject): JsonObject {
  const { mode, columns, drop, ...rest } = params;
  if (mode === 'drop') {
    const dropped: JsonValue[] = Array.isArray(drop) ? drop.map((column) => ({ column, keep: false })) : [];
    return { ...rest, columns: dropped, others: 'keep' };
  }
  return { ...rest, ...(columns === undefined ? {} : { columns }), others: 'drop' };
}

export const select = defineNode({
  type: 'transform.select',
  version: 2,
  migrations: [{ from: 1, to: 2, up: fromV1 }],
  category: 'transform',
  label: 'Select columns',
  description:
    'Keeps, drops, renames, retypes and reorders columns (e.g. keep id, then amount as total, as DECIMAL(12,2)).',
  keywords: ['columns', 'rename', 'reorder', 'drop', 'remove columns', 'project', 'cast', 'type', 'column filter'],
  inputs: [{ name: 'in', label: 'Rows' }],
  outputs: [{ name: 'out', label: 'Rows' }],
  params: {
    columns: p.list({
      label: 'Columns',
      itemLabel: 'column',
      grid: { port: 'in', others: 'others' },
      fields: {
        column: p.column({ label: 'Column' }),
        keep: p.boolean({ label: 'Keep', default: true }),
        rename: p.string({ label: 'Rename to', placeholder: 'keep the name' }),
        type: p.string({ label: 'Type', placeholder: 'keep the type' }),
      },
    }),
    others: p.enum({
      label: 'Columns not in the list',
      description: 'What happens to a column the list does not name, such as one added upstream later.',
      values: ['keep', 'drop'],
      labels: { keep: 'Keep them, after the listed ones', drop: 'Drop them' },
      default: 'keep',
    }),
  },
  compile(ctx) {
    const { columns, others } = ctx.params;
    const input = ctx.inputs.in[0];
    const issues: NodeIssue[] = duplicateNames(
      columns.map((c) => c.column),
      (i) => `columns[${i}].column`,
    );
    const kept = columns.map((c, i) => ({ ...c, i })).filter((c) => c.keep);
    const names = kept.map((c) => (c.rename === '' ? c.column : c.rename));
    issues.push(
      ...duplicateNames(names, (k) => `columns[${kept[k]?.i ?? 0}].${kept[k]?.rename === '' ? 'column' : 'rename'}`),
    );
    const items: string[] = [];
    for (const c of kept) {
      const name = c.rename === '' ? c.column : c.rename;
      let value = ident(c.column);
      if (c.type.trim() !== '') {
        try {
          value = `CAST(${value} AS ${typeName(c.type.trim())})`;
        } catch {
          issues.push({ param: `columns[${c.i}].type`, message: `unsupported type "${c.type}"` });
        }
      }
      items.push(value === ident(name) ? value : `${value} AS ${ident(name)}`);
    }
    const listed = new Set(columns.map((c) => c.column.toLowerCase()));
    const unlisted = input.schema?.filter((c) => !listed.has(c.name.toLowerCase())) ?? [];
    if (others === 'keep') {
      const taken = new Set(names.map((n) => n.toLowerCase()));
      for (const c of unlisted)
        if (taken.has(c.name.toLowerCase()))
          issues.push({ param: 'columns', message: `"${c.name}" is given twice (a kept column is renamed to it)` });
    }
    const passes = others === 'keep' && (input.schema === undefined || unlisted.length > 0);
    if (items.length === 0 && !passes) issues.push({ param: 'columns', message: 'keep at least one column' });
    if (issues.length > 0) return { issues };
    if (passes) items.push(columns.length === 0 ? '*' : `* EXCLUDE (${identList(columns.map((c) => c.column))})`);
    return { sql: `SELECT ${items.join(', ')} FROM ${input.sql}` };
  },
});
