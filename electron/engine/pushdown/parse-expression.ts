import type { DuckDBConnection } from '@duckdb/node-api';
import { userSql } from '../../../shared/catalog/relation';
import { expressionOf, type ExprAst } from '../../../shared/sql/targets/expression-ast';
import { checkUserSqlAll } from '../walls/user-sql';

/**
 * A user's expression as DuckDB's parser sees it, for re-printing in another
 * database: first through the user-SQL wall (one expression, nothing else),
 * then `json_serialize_sql`, checked with zod. Either a tree or the reason
 * there is none.
 */
export async function parseExpression(
  conn: DuckDBConnection,
  text: string,
): Promise<{ ok: true; ast: ExprAst } | { ok: false; message: string }> {
  const [verdict] = await checkUserSqlAll(conn, [{ param: 'expression', text, kind: 'expression' }]);
  if (verdict === undefined || !verdict.ok) return { ok: false, message: verdict?.message ?? 'not an expression' };
  const stmt = await conn.prepare('SELECT json_serialize_sql(CAST($1 AS VARCHAR))');
  try {
    stmt.bindVarchar(1, `SELECT ${userSql(text)}`);
    // A constant statement with one bound value: nothing of the user's text is SQL here.
    // eslint-disable-next-line no-restricted-syntax
    const raw = (await stmt.runAndReadAll()).getRowsJson()[0]?.[0];
    const ast = expressionOf(JSON.parse(String(raw)));
    return ast === null
      ? { ok: false, message: 'the SQL parser gave an answer Duto does not understand' }
      : { ok: true, ast };
  } finally {
    stmt.destroySync();
  }
}
