import type { Column } from '../../../../shared/catalog/node-type';
import { said } from '../../../../shared/messages/diagnostic-messages';
import { duckType } from '../../external/duck-types';
import { ConnectorError, type ExternalValue } from '../../external/types';
import { tsvField } from './ch-tsv';

/**
 * A sink's values as ClickHouse TabSeparated bytes. What ClickHouse would
 * take but store as something else is refused with the column named: a
 * timestamp with a fraction of a second (DateTime keeps seconds), a date or
 * timestamp outside 1970–2105 (ClickHouse 18 would store its day 0).
 */

type Shape = 'text' | 'date' | 'datetime';

function shapeOf(c: Column): Shape {
  const f = duckType(c.type).family;
  if (f === 'date') return 'date';
  if (f === 'timestamp' || f === 'timestamptz') return 'datetime';
  return 'text';
}

const DATE_MIN = '1970-01-01';
/** ClickHouse 18 reads later dates as 0000-00-00 (its day 0), without an error. */
const DATE_MAX = '2105-12-31';
const DATETIME_MAX = '2105-12-31 23:59:59';
const TIMESTAMP_TEXT = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(\.\d+)?(?:\+00(?::?00)?|Z)?$/;

/** Turns each row into one TSV line, in the columns' order. */
export function rowEncoder(columns: readonly Column[]): (row: readonly ExternalValue[]) => Buffer {
  const shapes = columns.map(shapeOf);
  const field = (v: ExternalValue, i: number): Buffer => {
    const c = columns[i];
    if (c === undefined) return Buffer.alloc(0);
    if (v instanceof Uint8Array) return escapeBytes(v);
    return Buffer.from(tsvField(textOf(v, c, shapes[i] ?? 'text')), 'utf8');
  };
  const TAB = Buffer.from('\t');
  const NEWLINE = Buffer.from('\n');
  return (row) => {
    const parts: Buffer[] = [];
    row.forEach((v, i) => {
      if (i > 0) parts.push(TAB);
      parts.push(field(v, i));
    });
    parts.push(NEWLINE);
    return Buffer.concat(parts);
  };
}

function textOf(v: Exclude<ExternalValue, Uint8Array>, c: Column, shape: Shape): string | null {
  if (v === null) return null;
  if (typeof v === 'boolean') return v ? '1' : '0';
  if (typeof v === 'number') {
    if (Number.isNaN(v)) return 'nan';
    if (v === Infinity) return 'inf';
    if (v === -Infinity) return '-inf';
    return String(v);
  }
  if (typeof v === 'bigint') return v.toString();
  const text = v instanceof Date ? v.toISOString() : v;
  if (shape === 'date') return checkedDate(text, c);
  if (shape === 'datetime') return checkedDateTime(text, c);
  return text;
}

function refuse(c: Column, value: string, type: string, range: string): never {
  throw new ConnectorError(said('sink.refused/clickhouse-range', { column: c.name, value, type, range }));
}

function checkedDate(text: string, c: Column): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text) || text < DATE_MIN || text > DATE_MAX)
    refuse(c, text, 'Date', `${DATE_MIN} – ${DATE_MAX}`);
  return text;
}

function checkedDateTime(text: string, c: Column): string {
  const m = TIMESTAMP_TEXT.exec(text);
  const day = m?.[1];
  const time = m?.[2];
  if (day === undefined || time === undefined) return refuse(c, text, 'DateTime', `${DATE_MIN} – ${DATETIME_MAX}`);
  const fraction = m?.[3];
  if (fraction !== undefined && /[1-9]/.test(fraction))
    throw new ConnectorError(said('sink.refused/clickhouse-fraction', { column: c.name, value: text }));
  const whole = `${day} ${time}`;
  if (whole < `${DATE_MIN} 00:00:00` || whole > DATETIME_MAX)
    refuse(c, text, 'DateTime', `${DATE_MIN} 00:00:00 – ${DATETIME_MAX} UTC`);
  return whole;
}

/** Bytes go as they are, with TSV's special bytes escaped (`\\`, tab, newline, CR, NUL, backspace, form feed). */
function escapeBytes(b: Uint8Array): Buffer {
  const out: number[] = [];
  const BACKSLASH = 0x5c;
  const escapes: Readonly<Record<number, number>> = {
    0x5c: 0x5c,
    0x09: 0x74,
    0x0a: 0x6e,
    0x0d: 0x72,
    0x00: 0x30,
    0x08: 0x62,
    0x0c: 0x66,
  };
  for (const byte of b) {
    const e = escapes[byte];
    if (e === undefined) out.push(byte);
    else out.push(BACKSLASH, e);
  }
  return Buffer.from(out);
}
