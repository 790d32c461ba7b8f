import { ident, identList, str } from '../../sql/quote';
import { defineNode, type NodeIssue, type QualityCheck } from '../node-type';
import { p } from '../params';
import { userSql } from '../relation';

/**
 * Data checks: expectations on the rows that pass through (not empty,
 * unique, within a range, one of a set, matching a pattern, any condition,
 * a row count). A run evaluates the checks before it writes any output;
 * each check, when it fails, stops the run, only warns, or sets the rows
 * that break it aside on the `failed` port (with the checks they broke) —
 * the node's output then holds the rest. Messages name the check, how many
 * rows break it, and examples. Headless, a failed check is exit code 1: a
 * CI gate.
 */

const RULES = ['not_null', 'unique', 'between', 'in_set', 'matches', 'condition'] as const;
type Rule = (typeof RULES)[number];
const rule = (...values: Rule[]) => ({ param: 'rule', equals: values });

interface CheckParams {
  rule: Rule;
  column: string;
  columns: string[];
  min: string;
  max: string;
  values: string[];
  pattern: string;
  condition: string;
  action: 'node' | 'fail' | 'warn' | 'route';
}

type CheckBody = Omit<QualityCheck, 'action'>;

function toCheck(c: CheckParams, i: number): CheckBody | NodeIssue {
  const at = (field: string): string => `checks[${i}].${field}`;
  const col = ident(c.column);
  const needsColumn = c.rule !== 'unique' && c.rule !== 'condition';
  if (needsColumn && c.column === '') return { param: at('column'), message: 'pick a column' };
  switch (c.rule) {
    case 'not_null':
      return {
        param: at('column'),
        description: `${c.column} is never empty`,
        test: { kind: 'rows', predicate: `${col} IS NULL` },
        show: '',
      };
    case 'unique':
      if (c.columns.length === 0)
        return { param: at('columns'), message: 'pick the columns that must be unique together' };
      return {
        param: at('columns'),
        description: `${c.columns.join(', ')} ${c.columns.length === 1 ? 'is' : 'are'} unique`,
        test: { kind: 'unique', columns: c.columns },
        show: identList(c.columns),
      };
    case 'between': {
      if (c.min === '' && c.max === '') return { param: at('min'), message: 'give a lowest or a highest value' };
      const parts = [c.min === '' ? '' : `${col} < ${str(c.min)}`, c.max === '' ? '' : `${col} > ${str(c.max)}`].filter(
        (x) => x !== '',
      );
      const range =
        c.min === '' ? `at most ${c.max}` : c.max === '' ? `at least ${c.min}` : `between ${c.min} and ${c.max}`;
      return {
        param: at(c.min === '' ? 'max' : 'min'),
        description: `${c.column} is ${range}`,
        test: { kind: 'rows', predicate: parts.join(' OR ') },
        show: col,
      };
    }
    case 'in_set':
      if (c.values.length === 0) return { param: at('values'), message: 'list the allowed values' };
      return {
        param: at('values'),
        description: `${c.column} is one of ${c.values.join(', ')}`,
        test: { kind: 'rows', predicate: `${col} NOT IN (${c.values.map(str).join(', ')})` },
        show: col,
      };
    case 'matches':
      if (c.pattern === '') return { param: at('pattern'), message: 'give a regular expression' };
      return {
        param: at('pattern'),
        description: `${c.column} matches ${c.pattern}`,
        test: { kind: 'rows', predicate: `NOT regexp_full_match(CAST(${col} AS VARCHAR), ${str(c.pattern)})` },
        show: col,
      };
    case 'condition':
      if (c.condition.trim() === '')
        return { param: at('condition'), message: 'give the condition every row must satisfy' };
      return {
        param: at('condition'),
        description: c.condition.trim(),
        test: { kind: 'rows', predicate: `NOT ${userSql(c.condition)}` },
        show: 'CAST(r AS VARCHAR)',
      };
  }
}

/** The name of the `failed` port's column saying which checks a row broke: not one the rows already have. */
function failedColumn(schema: readonly { name: string }[] | undefined): string {
  const taken = new Set((schema ?? []).map((c) => c.name.toLowerCase()));
  let name = 'failed_check';
  for (let n = 2; taken.has(name); n++) name = `failed_check_${String(n)}`;
  return name;
}

/**
 * The output and `failed` port when some checks route: each row is marked
 * once per routed check (a uniqueness check counts its group), then split.
 * NULL in a predicate is not a failure, as when the run counts failures.
 */
function split(
  input: { sql: string; schema?: readonly { name: string }[] | undefined },
  checks: readonly QualityCheck[],
): { out: string; failed: string } | undefined {
  const routed = checks.flatMap((c, i) =>
    c.action === 'route' ? [{ c, flag: ident(`_duto_check_${String(i)}`) }] : [],
  );
  if (routed.length === 0) return undefined;
  const marks = routed.map(({ c, flag }) =>
    c.test.kind === 'rows'
      ? `coalesce(${c.test.predicate}, false) AS ${flag}`
      : `(count(*) OVER (PARTITION BY ${identList(c.test.columns)}) > 1) AS ${flag}`,
  );
  const marked = `(SELECT *, ${marks.join(', ')} FROM ${input.sql} AS r)`;
  const flags = routed.map((x) => x.flag);
  const which = `concat_ws('; ', ${routed.map(({ c, flag }) => `CASE WHEN ${flag} THEN ${str(c.description)} END`).join(', ')})`;
  return {
    out: `SELECT * EXCLUDE (${flags.join(', ')}) FROM ${marked} WHERE NOT (${flags.join(' OR ')})`,
    failed: `SELECT * EXCLUDE (${flags.join(', ')}), ${which} AS ${ident(failedColumn(input.schema))} FROM ${marked} WHERE ${flags.join(' OR ')}`,
  };
}

export const qualityChecks = defineNode({
  type: 'quality.checks',
  version: 1,
  category: 'quality',
  label: 'Data checks',
  description:
    'Checks the rows that pass through — not empty, unique, in a range, one of a set, matching a pattern, any condition, a row count — and stops the run before anything is written when one fails (or only warns).',
  keywords: ['quality', 'check', 'test', 'assert', 'expect', 'validate', 'not null', 'unique', 'range', 'gate'],
  inputs: [{ name: 'in', label: 'Rows' }],
  outputs: [
    { name: 'out', label: 'The same rows' },
    { name: 'failed', label: 'Failed rows', optional: true },
  ],
  params: {
    checks: p.list({
      label: 'Checks',
      itemLabel: 'check',
      fields: {
        rule: p.enum({
          label: 'Expect',
          values: RULES,
          labels: {
            not_null: 'Never empty',
            unique: 'Unique',
            between: 'Within a range',
            in_set: 'One of these values',
            matches: 'Matches a pattern',
            condition: 'A condition holds for every row',
          },
          default: 'not_null',
        }),
        column: p.column({ label: 'Column', optional: true, showIf: rule('not_null', 'between', 'in_set', 'matches') }),
        columns: p.columns({ label: 'Columns (unique together)', showIf: rule('unique') }),
        min: p.string({
          label: 'Lowest',
          showIf: rule('between'),
          description: "Compared in the column's type, e.g. 0 or 2024-01-01. Empty: no lower bound.",
        }),
        max: p.string({ label: 'Highest', showIf: rule('between'), description: 'Empty: no upper bound.' }),
        values: p.strings({ label: 'Allowed values', showIf: rule('in_set') }),
        pattern: p.string({
          label: 'Regular expression',
          showIf: rule('matches'),
          description: 'The whole value must match, e.g. [A-Z]{2}-\\d{4}.',
        }),
        condition: p.expression({
          label: 'Condition',
          optional: true,
          showIf: rule('condition'),
          placeholder: 'quantity > 0 AND unit_price >= 0',
        }),
        action: p.enum({
          label: 'When it fails',
          values: ['node', 'fail', 'warn', 'route'],
          labels: {
            node: 'As set for the node',
            fail: 'Stop the run',
            warn: 'Warn, and go on',
            route: 'Set the failing rows aside (Failed rows port)',
          },
          default: 'node',
        }),
      },
    }),
    minRows: p.number({
      label: 'At least this many rows',
      default: 0,
      min: 0,
      integer: true,
      description: '0: no lower bound. 1 fails a run on empty input.',
    }),
    maxRows: p.number({
      label: 'At most this many rows',
      default: 0,
      min: 0,
      integer: true,
      description: '0: no upper bound.',
    }),
    onFailure: p.enum({
      label: 'When a check fails (unless it says otherwise)',
      values: ['fail', 'warn'],
      labels: { fail: 'Stop the run: no output is written', warn: 'Warn, and go on' },
      default: 'fail',
    }),
  },
  compile(ctx) {
    const o = ctx.params;
    const input = ctx.inputs.in[0];
    const issues: NodeIssue[] = [];
    const checks: QualityCheck[] = [];
    o.checks.forEach((c, i) => {
      const r = toCheck(c, i);
      if ('test' in r) checks.push({ ...r, action: c.action === 'node' ? o.onFailure : c.action });
      else issues.push(r);
    });
    if (o.maxRows > 0 && o.minRows > o.maxRows)
      issues.push({ param: 'maxRows', message: `at most ${o.maxRows} rows is fewer than at least ${o.minRows}` });
    if (checks.length === 0 && o.minRows === 0 && o.maxRows === 0 && issues.length === 0)
      issues.push({ param: 'checks', message: 'add a check or a row count', severity: 'warning' });
    if (issues.some((i) => i.severity !== 'warning')) return { issues };
    const routes = split(input, checks);
    return {
      sql: routes?.out ?? `SELECT * FROM ${input.sql}`,
      quality: { checks, minRows: o.minRows, maxRows: o.maxRows, onFailure: o.onFailure, rows: input.sql },
      // Unrouted, the port still exists (it can be wired while choosing): it holds no rows.
      ports: {
        failed:
          routes?.failed ??
          `SELECT *, CAST(NULL AS VARCHAR) AS ${ident(failedColumn(input.schema))} FROM ${input.sql} WHERE false`,
      },
      issues,
    };
  },
});
