import type { TargetDialect } from '../../../shared/sql/targets/target-dialect';

/**
 * A SELECT list of `sql AS alias` items. In ClickHouse an alias is visible in
 * the whole SELECT and wins over the input column of the same name
 * (`SELECT id AS total, amount AS id` gives total = amount; `sum(v) AS v,
 * count(v)` nests aggregates): there the items get names no input has, and
 * an outer SELECT gives them theirs.
 */
export function aliasedSelect(
  t: TargetDialect,
  items: ReadonlyArray<{ sql: string; alias: string }>,
  rest: string,
): string {
  if (t.name !== 'clickhouse') {
    const list = items.map((i) => (i.sql === t.ident(i.alias) ? i.sql : `${i.sql} AS ${t.ident(i.alias)}`));
    return `SELECT ${list.join(', ')} ${rest}`;
  }
  const inner = items.map((i, n) => `${i.sql} AS __duto_a${String(n)}`).join(', ');
  const outer = items.map((i, n) => `__duto_a${String(n)} AS ${t.ident(i.alias)}`).join(', ');
  return `SELECT ${outer} FROM (SELECT ${inner} ${rest})`;
}
