/**
 * Cell addresses and ranges in Excel's A1 notation. Rows and columns are
 * 1-based, as in Excel, so messages can quote them as the user sees them.
 */

/** Excel's own limits: column XFD, row 1,048,576. */
export const MAX_COLUMNS = 16_384;
export const MAX_ROWS = 1_048_576;

/** A block of cells; without a last row it runs to the sheet's last row. */
export interface CellRange {
  firstRow: number;
  lastRow: number | undefined;
  firstColumn: number;
  lastColumn: number;
}

/** `A` → 1, `Z` → 26, `AA` → 27. */
export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** 1 → `A`, 27 → `AA`. */
export function columnLetters(n: number): string {
  let out = '';
  for (let rest = n; rest > 0; rest = Math.floor((rest - 1) / 26))
    out = String.fromCharCode(65 + ((rest - 1) % 26)) + out;
  return out;
}

export function cellAddress(row: number, column: number): string {
  return `${columnLetters(column)}${row}`;
}

const RANGE = /^\$?([A-Z]{1,3})\$?(\d+)?:\$?([A-Z]{1,3})\$?(\d+)?$/i;

/**
 * Parses `A1:F100`, `A:F` (whole columns) or `B3:F` (from row 3 down).
 * Throws an Error saying what is wrong.
 */
export function parseRange(text: string): CellRange {
  const m = RANGE.exec(text.trim());
  if (m === null) throw new Error(`"${text}" is not a cell range such as A1:F100 or A:F`);
  const [, c1 = '', r1, c2 = '', r2] = m;
  const range: CellRange = {
    firstColumn: columnNumber(c1),
    lastColumn: columnNumber(c2),
    firstRow: r1 === undefined ? 1 : Number(r1),
    lastRow: r2 === undefined ? undefined : Number(r2),
  };
  if (range.lastColumn > MAX_COLUMNS) throw new Error(`range "${text}" goes past column XFD, Excel's last`);
  if (
    (range.lastRow ?? range.firstRow) > MAX_ROWS ||
    range.firstRow < 1 ||
    (range.lastRow !== undefined && range.lastRow < 1)
  ) {
    throw new Error(`range "${text}" has rows outside 1 to ${MAX_ROWS}`);
  }
  if (range.lastColumn < range.firstColumn || (range.lastRow !== undefined && range.lastRow < range.firstRow)) {
    throw new Error(`range "${text}" ends before it starts: write it top-left first, as in A1:F100`);
  }
  return range;
}
