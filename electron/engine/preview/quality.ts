import type { DuckDBConnection } from '@duckdb/node-api';
import type { QualityCheck, QualitySpec } from '../../../shared/catalog/node-type';
import { error, warning, type Diagnostic } from '../../../shared/diagnostics';
import { identList } from '../../../shared/sql/quote';
import type { CheckResult } from '../api';
import { readOne } from '../walls/one-statement';

/**
 * Evaluates a quality node's checks over the rows that come in (`rows`: a
 * relation, or a sample of it in a preview): one pass for the row count and
 * every row-level check, one query per uniqueness check, and, for each
 * failed check, a few examples. Each failure is a diagnostic on the node and
 * the check's param — an error when the check stops the run, a warning when
 * it warns or sets its rows aside on the `failed` port.
 */

const EXAMPLES = 5;
const MAX_EXAMPLE = 120;

export interface QualityOutcome {
  rows: number;
  failures: Diagnostic[];
  /** Every check, passed or not, for reports (JUnit). */
  results: CheckResult[];
}

function count(n: number): string {
  return n.toLocaleString('en-US');
}

function example(v: unknown): string {
  const text = v === null ? 'NULL' : typeof v === 'string' ? v : JSON.stringify(v);
  return JSON.stringify(text.length > MAX_EXAMPLE ? `${text.slice(0, MAX_EXAMPLE - 1)}…` : text);
}

async function examples(conn: DuckDBConnection, view: string, c: QualityCheck): Promise<string> {
  let sql: string;
  if (c.test.kind === 'unique') sql = `SELECT ${identList(c.test.columns)} FROM ${view} GROUP BY ALL HAVING count(*) > 1 ORDER BY count(*) DESC LIMIT ${String(EXAMPLES)}`;
  else if (c.show === '') return '';
  else sql = `SELECT DISTINCT ${c.show} FROM ${view} AS r WHERE ${c.test.predicate} LIMIT ${String(EXAMPLES)}`;
  const rows = (await readOne(conn, sql)).getRowsJson();
  const shown = rows.map((row) => (row.length === 1 ? example(row[0]) : `(${row.map(example).join(', ')})`));
  return shown.length === 0 ? '' : `, e.g. ${shown.join(', ')}`;
}

export async function evaluateQuality(conn: DuckDBConnection, nodeId: string, view: string, spec: Omit<QualitySpec, 'rows'>): Promise<QualityOutcome> {
  const rowChecks = spec.checks.flatMap((c, i) => (c.test.kind === 'rows' ? [{ c, i }] : []));
  const counts = rowChecks.map(({ c, i }) => (c.test.kind === 'rows' ? `count(*) FILTER (WHERE ${c.test.predicate}) AS "c${String(i)}"` : ''));
  const first = (await readOne(conn, `SELECT count(*) AS n${counts.map((x) => `, ${x}`).join('')} FROM ${view} AS r`)).getRowsJson()[0] ?? [];
  const rows = Number(first[0] ?? 0);
  const bad = new Map<number, number>();
  rowChecks.forEach(({ i }, k) => bad.set(i, Number(first[k + 1] ?? 0)));
  for (const [i, c] of spec.checks.entries()) {
    if (c.test.kind !== 'unique') continue;
    const r = await readOne(conn, `SELECT count(*), coalesce(sum(n), 0) FROM (SELECT count(*) AS n FROM ${view} GROUP BY ${identList(c.test.columns)} HAVING count(*) > 1)`);
    const [groups, members] = (r.getRowsJson()[0] ?? []).map(Number);
    if ((groups ?? 0) > 0) bad.set(i, members ?? 0);
  }

  const failures: Diagnostic[] = [];
  const results: CheckResult[] = [];
  // A routed check's rows went aside as asked: the check is not failed (JUnit, exit code), but it is said.
  const note = (param: string, description: string, failure: string | undefined, action: 'fail' | 'warn' | 'route'): void => {
    results.push({ nodeId, param, description, ok: failure === undefined || action === 'route', ...(failure === undefined ? {} : { message: failure }) });
    if (failure !== undefined) failures.push((action === 'fail' ? error : warning)(action === 'route' ? 'quality.routed' : 'quality.failed', failure, { nodeId, param }));
  };
  for (const [i, c] of spec.checks.entries()) {
    const n = bad.get(i) ?? 0;
    const what = c.test.kind === 'unique' ? `${count(n)} of ${count(rows)} rows share their ${c.test.columns.join(', ')} with another` : `${count(n)} of ${count(rows)} rows do not`;
    const lead = c.action === 'route' ? `${count(n)} ${n === 1 ? 'row' : 'rows'} set aside on Failed rows: ${c.description} — ${what}` : `check failed: ${c.description} — ${what}`;
    note(c.param, c.description, n === 0 ? undefined : `${lead}${await examples(conn, view, c)}`, c.action);
  }
  if (spec.minRows > 0) note('minRows', `at least ${count(spec.minRows)} rows`, rows < spec.minRows ? `check failed: at least ${count(spec.minRows)} rows — there are ${count(rows)}` : undefined, spec.onFailure);
  if (spec.maxRows > 0) note('maxRows', `at most ${count(spec.maxRows)} rows`, rows > spec.maxRows ? `check failed: at most ${count(spec.maxRows)} rows — there are ${count(rows)}` : undefined, spec.onFailure);
  return { rows, failures, results };
}
