import { ident } from '../../sql/quote';
import { defineNode } from '../node-type';
import { p } from '../params';
import { inputWithSchema, isIssue, sameName, uniqueName } from '../relation';

const L = '"l"';
const R = '"r"';

export const join = defineNode({
  type: 'transform.join',
  version: 1,
  category: 'transform',
  label: 'Join',
  description:
    'Combines rows of two inputs whose keys match, e.g. orders.customer_id = customers.id; semi and anti keep left rows with or without a match.',
  keywords: ['join', 'merge', 'lookup', 'combine', 'match', 'semi', 'anti', 'exists'],
  inputs: [
    { name: 'left', label: 'Left' },
    { name: 'right', label: 'Right' },
  ],
  outputs: [{ name: 'out', label: 'Joined rows' }],
  params: {
    kind: p.enum({
      label: 'Kind',
      values: ['inner', 'left', 'right', 'full', 'semi', 'anti'],
      labels: {
        inner: 'Matching rows only',
        left: 'All left rows',
        right: 'All right rows',
        full: 'All rows of both',
        semi: 'Left rows with a match',
        anti: 'Left rows without a match',
      },
      default: 'inner',
    }),
    keys: p.list({
      label: 'Match on',
      itemLabel: 'key',
      min: 1,
      fields: {
        left: p.column({ label: 'Left column', port: 'left' }),
        right: p.column({ label: 'Right column', port: 'right' }),
      },
    }),
    nullsEqual: p.boolean({ label: 'Empty keys match each other', default: false, advanced: true }),
    suffix: p.string({
      label: 'Suffix for clashing right columns',
      default: '_right',
      advanced: true,
      pattern: /./,
      patternMessage: 'a suffix is required',
    }),
  },
  compile(ctx) {
    const o = ctx.params;
    const left = inputWithSchema(ctx.inputs.left[0], 'left');
    if (isIssue(left)) return { issues: [left] };
    const right = inputWithSchema(ctx.inputs.right[0], 'right');
    if (isIssue(right)) return { issues: [right] };
    const eq = o.nullsEqual ? 'IS NOT DISTINCT FROM' : '=';
    const on = o.keys.map((k) => `${L}.${ident(k.left)} ${eq} ${R}.${ident(k.right)}`).join(' AND ');
    const from = `${left.rel.sql} AS ${L} ${o.kind.toUpperCase()} JOIN ${right.rel.sql} AS ${R} ON ${on}`;
    if (o.kind === 'semi' || o.kind === 'anti') return { sql: `SELECT ${L}.* FROM ${from}` };

    // A key of the same name on both sides becomes one column, valued from the side that always has it.
    const merged = new Map<string, string>();
    for (const k of o.keys) if (sameName(k.left, k.right)) merged.set(k.left.toLowerCase(), k.right);
    const taken = new Set(left.schema.map((c) => c.name.toLowerCase()));
    const list = left.schema.map((c) => {
      const rightKey = merged.get(c.name.toLowerCase());
      const l = `${L}.${ident(c.name)}`;
      if (rightKey === undefined || o.kind === 'inner' || o.kind === 'left') return l;
      const r = `${R}.${ident(rightKey)}`;
      return `${o.kind === 'right' ? r : `COALESCE(${l}, ${r})`} AS ${ident(c.name)}`;
    });
    const mergedRight = new Set(o.keys.filter((k) => sameName(k.left, k.right)).map((k) => k.right.toLowerCase()));
    const kept = right.schema.filter((c) => !mergedRight.has(c.name.toLowerCase()));
    const leftNames = new Set(taken);
    // Right columns that do not clash keep their names; renamed ones avoid every name in the output.
    for (const c of kept) taken.add(c.name.toLowerCase());
    for (const c of kept) {
      const r = `${R}.${ident(c.name)}`;
      if (!leftNames.has(c.name.toLowerCase())) {
        list.push(r);
        continue;
      }
      const name = uniqueName(`${c.name}${o.suffix}`, taken);
      taken.add(name.toLowerCase());
      list.push(`${r} AS ${ident(name)}`);
    }
    return { sql: `SELECT ${list.join(', ')} FROM ${from}` };
  },
});
