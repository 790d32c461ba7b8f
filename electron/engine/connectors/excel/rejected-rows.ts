import type { RowBatch } from '../../external/types';

/**
 * Rows a read set aside (badRows quarantine or skip), in the columns of the
 * node's `rejected` port (EXCEL_REJECTED_COLUMNS): file, line (the sheet's
 * row number), column, error, raw_line (the cell's text), reason, sheet,
 * cell. The engine takes them as the read goes (external-nodes.ts).
 */

export interface BadCell {
  row: number;
  /** A1 address. */
  cell: string;
  column: string;
  /** `CAST` (a value that does not fit its column, as DuckDB names it in a CSV file) or `ERROR CELL` (#N/A…). */
  error: 'CAST' | 'ERROR CELL';
  /** The cell as read: `#N/A`, `n/a`, `1.5`. */
  raw: string;
  reason: string;
}

export class RejectedRows {
  private pending: RowBatch = [];
  private total = 0;

  constructor(
    private readonly file: string,
    private readonly sheet: string,
  ) {}

  add(bad: BadCell): void {
    this.total++;
    this.pending.push([this.file, bad.row, bad.column, bad.error, bad.raw, bad.reason, this.sheet, bad.cell]);
  }

  get count(): number {
    return this.total;
  }

  /** The rows set aside since the last call. */
  take(): RowBatch {
    const rows = this.pending;
    this.pending = [];
    return rows;
  }
}
