import { uniqueName } from '../../../shared/catalog/relation';
import { pushdownMessage } from '../../../shared/messages/pushdown-messages';
import { decimalOfType, type TargetDialect } from '../../../shared/sql/targets/target-dialect';
import { column, Keep, type Part, type PushColumn } from './push-part';

/**
 * transform.join for ClickHouse, with the DuckDB node's meaning. Its joins
 * fill an unmatched side with default values (0, '') instead of NULL, so
 * each side carries a marker (1 where a row is present) and an unmatched
 * side's columns are NULL where the marker is 0; a right join is the left
 * join of the swapped sides (18.x fails RIGHT/FULL joins of subqueries),
 * semi/anti an ANY LEFT JOIN on the keys with the marker tested. Every
 * column is renamed inside so no name of one side hides one of the other;
 * keys are cast to one type (ClickHouse refuses Int32 = Int64). Join keys
 * that are NULL never match there either; "empty keys match" pairs an
 * is-null flag with the value.
 */

export interface JoinSpec {
  kind: 'inner' | 'left' | 'right' | 'full' | 'semi' | 'anti';
  keys: Array<{ left: string; right: string }>;
  nullsEqual: boolean;
  suffix: string;
}

/** The one ClickHouse type both keys are compared as, or Keep. */
function keyType(t: TargetDialect, a: PushColumn, b: PushColumn): string {
  const refuse = (): never => {
    throw new Keep(
      pushdownMessage('join-keys', {
        database: t.label,
        left: a.name,
        leftType: a.type,
        right: b.name,
        rightType: b.type,
      }),
    );
  };
  if (a.kind !== b.kind) return refuse();
  switch (a.kind) {
    case 'text':
      return 'String';
    case 'date':
      return 'Date';
    case 'integer': {
      const unsigned64 = [a.type, b.type].map((x) => /^UBIGINT$/i.test(x));
      if (unsigned64[0] === true && unsigned64[1] === true) return 'UInt64';
      return unsigned64.includes(true) ? refuse() : 'Int64';
    }
    case 'decimal': {
      const da = decimalOfType(a.type);
      const db = decimalOfType(b.type);
      if (da === null || db === null || da.scale !== db.scale) return refuse();
      return `Decimal(38, ${String(da.scale)})`;
    }
    default:
      return refuse();
  }
}

interface Side {
  sql: string;
  /** Output name of each of the side's columns inside the join. */
  names: string[];
  marker: string;
}

/** One side with its columns renamed, its key terms and its marker. */
function side(
  t: TargetDialect,
  p: Part,
  tag: 'l' | 'r',
  keys: Array<{ col: PushColumn; type: string }>,
  nullsEqual: boolean,
): Side {
  const names = p.columns.map((_, i) => `__duto_${tag}${String(i)}`);
  const marker = `__duto_${tag}m`;
  const items = p.columns.map((c, i) => `${t.ident(c.name)} AS ${names[i] ?? ''}`);
  keys.forEach(({ col, type }, i) => {
    const cast = `CAST(${t.ident(col.name)} AS Nullable(${type}))`;
    if (nullsEqual) {
      items.push(
        `assumeNotNull(${cast}) AS __duto_${tag}k${String(i)}`,
        `isNull(${cast}) AS __duto_${tag}n${String(i)}`,
      );
    } else items.push(`${cast} AS __duto_${tag}k${String(i)}`);
  });
  items.push(`1 AS ${marker}`);
  return { sql: `(SELECT ${items.join(', ')} FROM (${p.sql}) AS duto_${tag})`, names, marker };
}

export function clickhouseJoin(t: TargetDialect, left: Part, right: Part, p: JoinSpec): Part {
  if (p.kind === 'full') throw new Keep(pushdownMessage('full-join', { database: t.label }));
  const pairs = p.keys.map((k) => {
    const l = column(left, k.left);
    const r = column(right, k.right);
    return { l, r, type: keyType(t, l, r) };
  });
  const L = side(
    t,
    left,
    'l',
    pairs.map((x) => ({ col: x.l, type: x.type })),
    p.nullsEqual,
  );
  const R = side(
    t,
    right,
    'r',
    pairs.map((x) => ({ col: x.r, type: x.type })),
    p.nullsEqual,
  );
  // The left table of ClickHouse's join is the side every row of which is kept.
  const [outer, inner] = p.kind === 'right' ? ['r', 'l'] : ['l', 'r'];
  const on = pairs
    .flatMap((_, i) => {
      const n = String(i);
      const terms = [`__duto_${outer}k${n} = __duto_${inner}k${n}`];
      if (p.nullsEqual) terms.push(`__duto_${outer}n${n} = __duto_${inner}n${n}`);
      return terms;
    })
    .join(' AND ');
  const [first, second] = p.kind === 'right' ? [R, L] : [L, R];
  if (p.kind === 'semi' || p.kind === 'anti') {
    const list = left.columns.map((c, i) => `${L.names[i] ?? ''} AS ${t.ident(c.name)}`).join(', ');
    return {
      sql: `SELECT ${list} FROM ${L.sql} ANY LEFT JOIN ${R.sql} ON ${on} WHERE ${R.marker} = ${p.kind === 'semi' ? '1' : '0'}`,
      columns: left.columns,
    };
  }
  // The side that may miss a row: its values are NULL there, not ClickHouse's defaults.
  const maybe = (s: Side, name: string): string =>
    p.kind === 'inner' || s === first ? name : `multiIf(${s.marker} = 1, ${name}, NULL)`;
  const merged = new Map<string, number>();
  for (const { l, r } of pairs)
    if (l.name.toLowerCase() === r.name.toLowerCase()) merged.set(l.name.toLowerCase(), right.columns.indexOf(r));
  const items: Array<{ sql: string; col: PushColumn }> = left.columns.map((c, i) => {
    const at = merged.get(c.name.toLowerCase());
    const rightKey = at === undefined ? undefined : right.columns[at];
    if (p.kind === 'right' && at !== undefined && rightKey !== undefined)
      return { sql: `${R.names[at] ?? ''} AS ${t.ident(c.name)}`, col: { ...rightKey, name: c.name } };
    return { sql: `${maybe(L, L.names[i] ?? '')} AS ${t.ident(c.name)}`, col: c };
  });
  const mergedRight = new Set(merged.values());
  const leftNames = new Set(left.columns.map((c) => c.name.toLowerCase()));
  const kept = right.columns.map((c, i) => ({ c, i })).filter(({ i }) => !mergedRight.has(i));
  const taken = new Set([...leftNames, ...kept.map(({ c }) => c.name.toLowerCase())]);
  for (const { c, i } of kept) {
    const value = maybe(R, R.names[i] ?? '');
    if (!leftNames.has(c.name.toLowerCase())) {
      items.push({ sql: `${value} AS ${t.ident(c.name)}`, col: c });
      continue;
    }
    const name = uniqueName(`${c.name}${p.suffix}`, taken);
    taken.add(name.toLowerCase());
    items.push({ sql: `${value} AS ${t.ident(name)}`, col: { ...c, name } });
  }
  const kind = p.kind === 'inner' ? 'ALL INNER' : 'ALL LEFT';
  return {
    sql: `SELECT ${items.map((i) => i.sql).join(', ')} FROM ${first.sql} ${kind} JOIN ${second.sql} ON ${on}`,
    columns: items.map((i) => i.col),
  };
}
