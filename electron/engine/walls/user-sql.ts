import type { DuckDBConnection, DuckDBPreparedStatement } from '@duckdb/node-api';
import { z } from 'zod';
import { trimQuery, userSql } from '../../../shared/catalog/relation';
import type { UserSqlText } from '../../../shared/catalog/user-sql-params';
import { parseErrorOffset } from './parse-error-offset';

/**
 * The first wall (ARCHITECTURE.md, Walls): user-written SQL is parsed by DuckDB's own
 * parser (`json_serialize_sql`) before it is put in any view, and must be
 * exactly what its field says.
 *
 * - An expression is parsed as `SELECT (<text>\n)` — the very form the
 *   catalog splices it in (`userSql`) — and must come back as one select
 *   item with nothing else: text that closes its parentheses and goes on
 *   (`1) FROM x WHERE (1`, `1), (2`, `1) UNION SELECT (2`) is refused.
 * - A query must be exactly one SELECT: json_serialize_sql serializes
 *   SELECT statements only, and the statement count comes from DuckDB too.
 *
 * Inside either, table functions are limited to a few that only compute
 * (`range`, `unnest`…): `read_csv`, `query`, `enable_logging`, `glob`… reach
 * files or change the engine, and a pipeline reads files through its source
 * nodes. A table named like a file (`FROM 'x.csv'`, a replacement scan) and
 * prepared-statement placeholders are refused too.
 */

const ALLOWED_TABLE_FUNCTIONS = new Set(['range', 'generate_series', 'unnest', 'json_each', 'json_tree']);

const parsedSchema = z.union([
  z.object({ error: z.literal(false), statements: z.array(z.object({ node: z.record(z.string(), z.unknown()) })) }),
  z.object({ error: z.literal(true), error_message: z.string(), position: z.string().optional() }),
]);

type Parsed = z.infer<typeof parsedSchema>;

/** A reusable parser on one connection. */
export interface SqlParser {
  parse(sql: string): Promise<Parsed>;
  close(): void;
}

/**
 * Longer user SQL is refused unparsed: DuckDB's parse time grows faster than the text (a 3 MB condition of
 * `amount > 1 AND …` took minutes, past --timeout and SIGTERM, both waiting on the parser).
 */
export const MAX_USER_SQL_CHARS = 200_000;

const tooLong = (text: string): boolean => text.length > MAX_USER_SQL_CHARS;

/** Texts parsed per round trip when primed: one query instead of one per node (10,000-node pipelines). */
const BATCH = 1000;

function parsedOf(raw: unknown): Parsed {
  const checked = parsedSchema.safeParse(JSON.parse(String(raw)));
  return checked.success
    ? checked.data
    : { error: true, error_message: 'the SQL parser gave an answer Duto does not understand' };
}

async function sqlParser(
  conn: DuckDBConnection,
): Promise<SqlParser & { prime(sqls: readonly string[]): Promise<void> }> {
  const one: DuckDBPreparedStatement = await conn.prepare('SELECT json_serialize_sql(CAST($1 AS VARCHAR))');
  const many: DuckDBPreparedStatement = await conn.prepare(
    'SELECT list_transform(CAST($1 AS VARCHAR[]), s -> json_serialize_sql(s))',
  );
  const primed = new Map<string, Parsed>();
  return {
    async prime(sqls) {
      for (let at = 0; at < sqls.length; at += BATCH) {
        const batch = sqls.slice(at, at + BATCH);
        many.bindList(1, batch);
        // A constant statement with one bound list: nothing of the user's text is SQL here.
        // eslint-disable-next-line no-restricted-syntax
        const raw = (await many.runAndReadAll()).getRowsJson()[0]?.[0];
        // Not a list of one answer per text: each is parsed on its own instead.
        if (!Array.isArray(raw) || raw.length !== batch.length) continue;
        batch.forEach((sql, i) => primed.set(sql, parsedOf(raw[i])));
      }
    },
    async parse(sql) {
      const known = primed.get(sql);
      if (known !== undefined) return known;
      one.bindVarchar(1, sql);
      // A constant statement with one bound value: nothing of the user's text is SQL here.
      // eslint-disable-next-line no-restricted-syntax
      return parsedOf((await one.runAndReadAll()).getRowsJson()[0]?.[0]);
    },
    close: () => {
      one.destroySync();
      many.destroySync();
    },
  };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function empty(v: unknown): boolean {
  if (v === null || v === undefined) return true;
  if (Array.isArray(v)) return v.length === 0;
  if (isRecord(v) && Array.isArray(v['map'])) return v['map'].length === 0;
  return false;
}

/** What a parse tree does that user SQL may not; null when nothing. */
function forbidden(tree: unknown): string | null {
  const stack: unknown[] = [tree];
  while (stack.length > 0) {
    const v = stack.pop();
    if (Array.isArray(v)) {
      stack.push(...v);
      continue;
    }
    if (!isRecord(v)) continue;
    if (v['type'] === 'TABLE_FUNCTION') {
      const fn = isRecord(v['function']) ? v['function'] : {};
      const name = String(fn['function_name'] ?? '').toLowerCase();
      if (
        !ALLOWED_TABLE_FUNCTIONS.has(name) ||
        String(fn['schema'] ?? '') !== '' ||
        String(fn['catalog'] ?? '') !== ''
      ) {
        return `it calls the table function ${name}(), which reads files or changes the engine: read files with a source node and refer to it by its id`;
      }
    }
    if (v['type'] === 'BASE_TABLE' && String(v['schema_name'] ?? '') === '' && String(v['catalog_name'] ?? '') === '') {
      const table = String(v['table_name'] ?? '');
      if (/[./\\:]/.test(table))
        return `it reads "${table}" as a file: read files with a source node and refer to it by its id`;
    }
    if (v['class'] === 'PARAMETER')
      return 'placeholders such as $1 or ? are not allowed: use a ${param} of the pipeline';
    stack.push(...Object.values(v));
  }
  return null;
}

function where(text: string, position: string | undefined, offset: number): string {
  const at = position === undefined ? NaN : Number(position) - offset;
  if (!Number.isFinite(at) || at < 0 || at > text.length) return '';
  const before = text.slice(0, at);
  const line = before.split('\n').length;
  const column = at - before.lastIndexOf('\n');
  return text.includes('\n')
    ? ` (line ${String(line)}, column ${String(column)})`
    : ` (at character ${String(column)})`;
}

const EXPRESSION_PREFIX = 'SELECT ';

/** The text DuckDB's parser is given for a piece: an expression in the form it is spliced, a query trimmed. */
function parseTextOf(piece: Pick<UserSqlText, 'kind' | 'text'>): string {
  return piece.kind === 'expression' ? `${EXPRESSION_PREFIX}${userSql(piece.text)}` : trimQuery(piece.text);
}

/** Why a piece is refused, and where in its text when the parser said. */
interface Problem {
  message: string;
  at?: number;
}

function parseProblem(
  what: string,
  text: string,
  sql: string,
  prefix: number,
  parsed: { error_message: string; position?: string | undefined },
): Problem {
  const at = parseErrorOffset(text, sql, prefix, parsed.error_message, parsed.position);
  return {
    message: `not a valid ${what}: ${parsed.error_message}${where(text, parsed.position, prefix)}`,
    ...(at === undefined ? {} : { at }),
  };
}

async function checkExpression(parser: SqlParser, text: string): Promise<Problem | null> {
  const sql = parseTextOf({ kind: 'expression', text });
  const parsed = await parser.parse(sql);
  // userSql opens one parenthesis before the text.
  if (parsed.error) return parseProblem('expression', text, sql, EXPRESSION_PREFIX.length + 1, parsed);
  const [stmt, ...more] = parsed.statements;
  const node = stmt?.node;
  const single =
    more.length === 0 &&
    node !== undefined &&
    node['type'] === 'SELECT_NODE' &&
    Array.isArray(node['select_list']) &&
    node['select_list'].length === 1 &&
    isRecord(node['from_table']) &&
    node['from_table']['type'] === 'EMPTY' &&
    ['where_clause', 'group_expressions', 'group_sets', 'having', 'sample', 'qualify', 'modifiers', 'cte_map'].every(
      (k) => empty(node[k]),
    );
  if (!single) return { message: 'must be one expression: this text closes its parentheses and adds more SQL' };
  const bad = forbidden(node);
  return bad === null ? null : { message: `not allowed in an expression: ${bad}` };
}

/** The query as it is spliced (a trailing `;` dropped), or the problem with it. */
async function checkQuery(
  conn: DuckDBConnection,
  parser: SqlParser,
  text: string,
): Promise<{ text: string } | { problem: string; at?: number }> {
  const query = trimQuery(text);
  // A text DuckDB cannot split is not valid SQL: the parser below says where.
  const statements = await conn.extractStatements(query).catch(() => ({ count: 1 }));
  if (statements.count > 1) {
    // DuckDB expands a PIVOT whose values are not listed into a statement that finds them first.
    const pivot = /\bpivot\b/i.test(query) ? ' (a PIVOT must list its values: ON column IN (…))' : '';
    return { problem: `one statement only: this text holds ${String(statements.count)} statements${pivot}` };
  }
  const parsed = await parser.parse(query);
  if (parsed.error) {
    const notSelect = /Only SELECT statements/i.test(parsed.error_message);
    if (notSelect)
      return {
        problem: 'must be one SELECT query (PIVOT and other statements can be written inside SELECT * FROM (…))',
      };
    const { message, at } = parseProblem('query', query, query, 0, parsed);
    return { problem: message, ...(at === undefined ? {} : { at }) };
  }
  if (parsed.statements.length !== 1) return { problem: 'one statement only' };
  const bad = forbidden(parsed.statements[0]?.node);
  return bad === null ? { text: query } : { problem: `not allowed in a query: ${bad}` };
}

/** `at`: the offset in the piece's text where DuckDB's parser stopped, when it said. */
export type UserSqlVerdict = { ok: true; text: string } | { ok: false; message: string; at?: number };

/** Checks every piece, parsed in a few batched round trips; verdicts in the pieces' order. */
export async function checkUserSqlAll(
  conn: DuckDBConnection,
  pieces: readonly UserSqlText[],
): Promise<UserSqlVerdict[]> {
  const parser = await sqlParser(conn);
  try {
    await parser.prime(pieces.filter((p) => !p.text.includes('\u0000') && !tooLong(p.text)).map(parseTextOf));
    const verdicts: UserSqlVerdict[] = [];
    for (const piece of pieces) verdicts.push(await checkUserSql(conn, parser, piece));
    return verdicts;
  } finally {
    parser.close();
  }
}

/** Checks one piece of user SQL; a query comes back as it must be spliced. */
async function checkUserSql(conn: DuckDBConnection, parser: SqlParser, piece: UserSqlText): Promise<UserSqlVerdict> {
  if (piece.text.includes('\u0000')) return { ok: false, message: 'contains a NUL character' };
  if (tooLong(piece.text))
    return {
      ok: false,
      message: `is ${String(piece.text.length)} characters long, more than ${String(MAX_USER_SQL_CHARS)}: split it over several nodes`,
    };
  if (piece.kind === 'expression') {
    const problem = await checkExpression(parser, piece.text);
    return problem === null ? { ok: true, text: piece.text } : { ok: false, ...problem };
  }
  const r = await checkQuery(conn, parser, piece.text);
  return 'problem' in r
    ? { ok: false, message: r.problem, ...(r.at === undefined ? {} : { at: r.at }) }
    : { ok: true, text: r.text };
}
