/**
 * Cells as comparable text. Pollock compares the text a loader writes out;
 * Duto types columns, so a typed value is written back the way the file
 * wrote it (a date in the file's format) and numbers and times are compared
 * by value on both sides ("1.50" and 1.5 are one cell).
 */

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
const TIME = /^(\d{1,2}):(\d{2})(?::(\d{2})(\.\d+)?)?$/;

/** One cell of either side, normalised. */
export function normalCell(text: string): string {
  const v = text.trim();
  if (NUMBER.test(v)) {
    const n = Number(v);
    if (Number.isFinite(n) && !/^[-+]?0\d/.test(v)) return String(n);
  }
  const t = TIME.exec(v);
  if (t !== null)
    return `${String(Number(t[1]))}:${t[2] ?? ''}${t[3] === undefined || t[3] === '00' ? '' : `:${t[3]}`}`;
  // Zero-padding of dates is a writer's choice: 01/02/2018 and 1/2/2018 are one date.
  if (/^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}/.test(v)) return v.replace(/(^|[-/.\s:])0(\d)/g, '$1$2');
  return v;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** A DATE or TIMESTAMP value (ISO, as the engine returns it) in a strptime format. */
export function formatDateValue(iso: string, format: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2}):(\d{2})(\.\d+)?)?/.exec(iso);
  if (m === null) return iso;
  const parts: Readonly<Record<string, string>> = {
    Y: m[1] ?? '',
    m: m[2] ?? '',
    d: m[3] ?? '',
    H: m[4] ?? '00',
    M: m[5] ?? '00',
    S: m[6] ?? '00',
    f: (m[7] ?? '.0').slice(1),
  };
  return format.replace(/%([YmdHMSf])/g, (_, k: string) => parts[k] ?? '').replace(/^(\d+)$/, (s) => pad(Number(s)));
}
