import { said, type Said } from '../../../../shared/messages/diagnostic-messages';

/**
 * Cells a read could not take as values: error values (#N/A, #DIV/0!…),
 * which become NULL in their column. The count is exact; the cells
 * themselves are kept up to a cap, with all a "rejected rows" output would
 * need (file, sheet, cell, raw text, column, reason), and the first few are
 * named in the warning the source reports.
 */

export interface RejectedCell {
  file: string;
  sheet: string;
  /** A1 address. */
  cell: string;
  /** The column's name in the output. */
  column: string;
  /** As Excel wrote it: `#N/A`. */
  raw: string;
  reason: 'error-value';
}

/** Cells kept with their details; the rest are only counted. */
export const REJECTED_CELLS_KEPT = 1000;
/** Cells named in a warning. */
const NAMED_IN_WARNING = 5;

export class RejectedCells {
  private total = 0;
  private readonly kept: RejectedCell[] = [];

  add(cell: RejectedCell): void {
    this.total++;
    if (this.kept.length < REJECTED_CELLS_KEPT) this.kept.push(cell);
  }

  get count(): number {
    return this.total;
  }

  get cells(): readonly RejectedCell[] {
    return this.kept;
  }

  /**
   * `sheet "Data" of /x/book.xlsx has 3 error cells, read as NULL: B3 (#N/A),
   * C7 (#DIV/0!), D9 (#REF!)`; `scope` says which rows were looked at when
   * not all of them: those read to infer types, or the first N.
   */
  warning(file: string, sheet: string, scope: 'all' | 'sample' | { first: number }): Said | undefined {
    if (this.total === 0) return undefined;
    const named = this.kept.slice(0, NAMED_IN_WARNING).map((c) => `${c.cell} (${c.raw})`);
    const args = { file, sheet, cells: named.join(', ') };
    const first = typeof scope === 'object' ? { rows: String(scope.first) } : undefined;
    if (this.total === 1) {
      if (first !== undefined) return said('excel.error-cells/one-first', { ...args, ...first });
      return said(scope === 'sample' ? 'excel.error-cells/one-sample' : 'excel.error-cells/one', args);
    }
    const more = this.total - named.length;
    const counted = { ...args, count: this.total };
    if (more === 0) {
      if (first !== undefined) return said('excel.error-cells/many-first', { ...counted, ...first });
      return said(scope === 'sample' ? 'excel.error-cells/many-sample' : 'excel.error-cells/many', counted);
    }
    const plus = { ...counted, more };
    if (first !== undefined) return said('excel.error-cells/many-first-more', { ...plus, ...first });
    return said(scope === 'sample' ? 'excel.error-cells/many-sample-more' : 'excel.error-cells/many-more', plus);
  }
}
