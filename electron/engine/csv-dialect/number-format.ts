import type { CsvDialectGuess } from '../../../shared/catalog/node-type';

export interface NumberFormat {
  decimal: CsvDialectGuess['decimal'];
  thousands: CsvDialectGuess['thousands'];
}

const COMMA_DECIMAL = /^[-+]?\d+,\d+$/;
const COMMA_DECIMAL_GROUPED = /^[-+]?\d{1,3}(\.\d{3})+(,\d+)?$/;
const POINT_DECIMAL_GROUPED = /^[-+]?\d{1,3}(,\d{3})+(\.\d+)?$/;
const SPACE_GROUPED = /^[-+]?\d{1,3}( \d{3})+([.,]\d+)?$/;
const POINT_DECIMAL = /^[-+]?\d*\.\d+$/;

/**
 * Decimal comma or point, and the thousands separator, from the numeric
 * cells of the body: `1.234,56` and `3,5` say comma; `1,234.5` and `0.25`
 * point. A comma-separated file cannot have decimal commas in unquoted cells.
 */
export function numberFormat(cells: readonly string[], delimiter: string): NumberFormat {
  let comma = 0;
  let point = 0;
  let dotGroups = 0;
  let commaGroups = 0;
  let spaceGroups = 0;
  // Decimals with no grouping (`7.5`, `7,5`): the other mark as a thousands separator would rescale them (75).
  let plainPoint = 0;
  let plainComma = 0;
  for (const raw of cells) {
    const v = raw.trim();
    if (v === '' || v.length > 30) continue;
    if (COMMA_DECIMAL_GROUPED.test(v) && v.includes(',')) {
      comma++;
      dotGroups++;
    } else if (COMMA_DECIMAL_GROUPED.test(v) && /\.\d{3}\./.test(v)) dotGroups++;
    else if (POINT_DECIMAL_GROUPED.test(v) && v.includes('.')) {
      point++;
      commaGroups++;
    } else if (COMMA_DECIMAL.test(v) && !/^[-+]?\d{1,3},\d{3}$/.test(v)) {
      comma++;
      plainComma++;
    } else if (SPACE_GROUPED.test(v)) spaceGroups++;
    else if (POINT_DECIMAL.test(v) && !/^[-+]?\d{1,3}\.\d{3}$/.test(v)) {
      point++;
      plainPoint++;
    }
  }
  // A file mixing `1.234,56` and `7.5` has no safe thousands separator: such columns then stay text, never rescaled.
  if (delimiter !== ',' && comma > point)
    return { decimal: ',', thousands: dotGroups > 0 && plainPoint === 0 ? '.' : spaceGroups > 0 ? ' ' : '' };
  return { decimal: '.', thousands: commaGroups > 0 && plainComma === 0 && delimiter !== ',' ? ',' : '' };
}
