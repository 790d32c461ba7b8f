import type { DuckDBConnection } from '@duckdb/node-api';
import type { QualityCheck, QualitySpec } from '../../../shared/catalog/node-type';
import { diagnosticOf, type Diagnostic } from '../../../shared/diagnostics';
import type { Said } from '../../../shared/messages/diagnostic-messages';
import { identList } from '../../../shared/sql/quote';
import type { CheckResult } from '../api';
import { countFailure, rowsFailure, uniqueFailure } from './quality-messages';
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
  if (c.test.kind === 'unique')
    sql = `SELECT ${identList(c.test.columns)} FROM ${view} GROUP BY ALL HAVING count(*) > 1 ORDER BY count(*) DESC LIMIT ${String(EXAMPLES)}`;
  else if (c.show === '') return '';
  else sql = `SELECT DISTINCT ${c.show} FROM ${view} AS r WHERE ${c.test.predicate} LIMIT ${String(EXAMPLES)}`;
  const rows = (await readOne(conn, sql)).getRowsJson();
  const shown = rows.map((row) => (row.length === 1 ? example(row[0]) : `(${row.map(example).join(', ')})`));
  return shown.join(', ');
}

export async function evaluateQuality(
  conn: DuckDBConnection,
  nodeId: string,
  view: string,
  spec: Omit<QualitySpec, 'rows'>,
): Promise<QualityOutcome> {
  const rowChecks = spec.checks.flatMap((c, i) => (c.test.kind === 'rows' ? [{ c, i }] : []));
  const counts = rowChecks.map(({ c, i }) =>
    c.test.kind === 'rows' ? `count(*) FILTER (WHERE ${c.test.predicate}) AS "c${String(i)}"` : '',
  );
  const first =
    (
      await readOne(conn, `SELECT count(*) AS n${counts.map((x) => `, ${x}`).join('')} FROM ${view} AS r`)
    ).getRowsJson()[0] ?? [];
  const rows = Number(first[0] ?? 0);
  const bad = new Map<number, number>();
  rowChecks.forEach(({ i }, k) => bad.set(i, Number(first[k + 1] ?? 0)));
  for (const [i, c] of spec.checks.entries()) {
    if (c.test.kind !== 'unique') continue;
    const r = await readOne(
      conn,
      `SELECT count(*), coalesce(sum(n), 0) FROM (SELECT count(*) AS n FROM ${view} GROUP BY ${identList(c.test.columns)} HAVING count(*) > 1)`,
    );
    const [groups, members] = (r.getRowsJson()[0] ?? []).map(Number);
    if ((groups ?? 0) > 0) bad.set(i, members ?? 0);
  }

  const failures: Diagnostic[] = [];
  const results: CheckResult[] = [];
  // A routed check's rows went aside as asked: the check is not failed (JUnit, exit code), but it is said.
  const note = (
    param: string,
    description: string,
    failure: Said | undefined,
    action: 'fail' | 'warn' | 'route',
  ): void => {
    const d =
      failure === undefined
        ? undefined
        : diagnosticOf(action === 'fail' ? 'error' : 'warning', failure, { nodeId, param });
    results.push({
      nodeId,
      param,
      description,
      ok: failure === undefined || action === 'route',
      ...(d === undefined ? {} : { message: d.message }),
    });
    if (d !== undefined) failures.push(d);
  };
  for (const [i, c] of spec.checks.entries()) {
    const n = bad.get(i) ?? 0;
    if (n === 0) {
      note(c.param, c.description, undefined, c.action);
      continue;
    }
    const a = { check: c.description, bad: n, rows };
    const eg = await examples(conn, view, c);
    note(
      c.param,
      c.description,
      c.test.kind === 'unique'
        ? uniqueFailure(c.action, { ...a, columns: c.test.columns.join(', ') }, eg)
        : rowsFailure(c.action, a, eg),
      c.action,
    );
  }
  if (spec.minRows > 0)
    note(
      'minRows',
      `at least ${count(spec.minRows)} rows`,
      rows < spec.minRows ? countFailure(spec.onFailure, 'min', { limit: spec.minRows, rows }) : undefined,
      spec.onFailure,
    );
  if (spec.maxRows > 0)
    note(
      'maxRows',
      `at most ${count(spec.maxRows)} rows`,
      rows > spec.maxRows ? countFailure(spec.onFailure, 'max', { limit: spec.maxRows, rows }) : undefined,
      spec.onFailure,
    );
  return { rows, failures, results };
}
