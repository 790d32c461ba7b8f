import { isDateFormat } from './cell-values';
import type { InflateBudget } from './inflate-budget';
import { scanPart } from './read-part';
import { attribute } from './xml-scanner';
import type { ZipArchive } from './zip-archive';

/**
 * Which cell styles show a number as a date. A cell's `s` attribute indexes
 * the styles part's `cellXfs`; each names a number format, built in (by id)
 * or defined in `numFmts`.
 */
export class CellStyles {
  constructor(private readonly dates: readonly boolean[]) {}

  static readonly none = new CellStyles([]);

  isDate(style: number): boolean {
    return this.dates[style] === true;
  }
}

/** Built-in formats that show dates and times: 14–22 and 45–47 everywhere, 27–36 and 50–58 in East Asian locales. */
function builtInDate(id: number): boolean {
  return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) || (id >= 50 && id <= 58);
}

export async function readStyles(zip: ZipArchive, part: string, budget: InflateBudget): Promise<CellStyles> {
  const formats = new Map<number, string>();
  const xfs: number[] = [];
  let inCellXfs = false;
  await scanPart(zip, part, 'index', budget, {
    wantsText: false,
    open(name, attributes) {
      if (name === 'numFmt') {
        const id = Number(attribute(attributes, 'numFmtId'));
        if (Number.isInteger(id)) formats.set(id, attribute(attributes, 'formatCode') ?? '');
      } else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs) xfs.push(Number(attribute(attributes, 'numFmtId') ?? '0'));
    },
    close(name) {
      if (name === 'cellXfs') inCellXfs = false;
    },
    text() {},
  });
  return new CellStyles(
    xfs.map((id) => {
      const custom = formats.get(id);
      return custom === undefined ? builtInDate(id) : isDateFormat(custom);
    }),
  );
}
