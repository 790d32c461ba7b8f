/** What a cell looks like, for choosing a dialect: a number, a date, empty, ordinary text, or something odd. */
export type CellKind = 'empty' | 'number' | 'date' | 'text' | 'odd';

const NUMBER = /^[-+]?(\d+([.,]\d+)*|\d*[.,]\d+)([eE][-+]?\d+)?%?$/;
// Non-ASCII characters written as escapes: the CLI bundle stays ASCII, which bin/code-cache.js reads fastest.
const MONEY = /^[-+]?[$\u20ac\u00a3R]\$?\s?\d[\d.,]*$/;
const DATE = /^(\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4})([ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
const TIME = /^\d{1,2}:\d{2}(:\d{2})?(\s?[AaPp][Mm])?$/;
const BOOL = /^(true|false|yes|no|sim|n\u00e3o|t|f|y|n)$/i;
const URL = /^(https?:\/\/|www\.)\S+$/i;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
// Ordinary text: letters, digits, spaces and the punctuation of words and names.
const WORDS = /^[\p{L}\p{N}][\p{L}\p{N}\p{M} .,'\u2019&()\-/_#+:!?%$\u20ac\u00a3\u00b0\u00ba\u00aa*@]*$/u;

export function cellKind(raw: string): CellKind {
  const v = raw.trim();
  if (v === '' || /^(null|na|n\/a|nan|none|-)$/i.test(v)) return 'empty';
  if (NUMBER.test(v) || MONEY.test(v)) return 'number';
  if (DATE.test(v) || TIME.test(v)) return 'date';
  if (BOOL.test(v) || URL.test(v) || EMAIL.test(v) || WORDS.test(v)) return 'text';
  return 'odd';
}

/** A cell a CleverCSV-style type score counts as well-formed. */
export function knownKind(raw: string): boolean {
  return cellKind(raw) !== 'odd';
}
