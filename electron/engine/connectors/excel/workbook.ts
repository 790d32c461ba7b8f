import { posix } from 'node:path';
import { CellStyles, readStyles } from './cell-styles';
import { ExcelError, describePlace } from './excel-error';
import { InflateBudget } from './inflate-budget';
import { DEFAULT_EXCEL_LIMITS, type ExcelLimits } from './limits';
import { scanPart } from './read-part';
import { isType, readRelationships, type Relationship } from './relationships';
import { readSharedStrings } from './shared-strings';
import { sheetRows, type SheetRow } from './sheet-rows';
import { attribute } from './xml-scanner';
import { ZipArchive } from './zip-archive';
import { said } from '../../../../shared/messages/diagnostic-messages';

/**
 * An .xlsx workbook opened for streaming reads. Its parts are found as a
 * package says (`_rels/.rels` names the workbook, the workbook's
 * relationships its sheets, shared strings and styles), at whatever path
 * and name; the standard paths are only a fallback for a package without
 * relationships. Sheet list, shared strings and styles are read once; each
 * sheet is then read row by row, from its own part, as many times as asked.
 */

export interface SheetInfo {
  name: string;
  /** 1-based position in the workbook's tab order. */
  position: number;
  /** The part holding its cells; undefined for a chart sheet or a missing part. */
  part: string | undefined;
  /** The part its relationship names when the archive does not have it. */
  missing?: string;
}

/** Where a package without relationships keeps its workbook. */
const STANDARD_WORKBOOK = 'xl/workbook.xml';

export class ExcelWorkbook {
  private constructor(
    readonly file: string,
    private readonly zip: ZipArchive,
    /** What opening inflated; each sheet read counts on from it. */
    private readonly budget: InflateBudget,
    readonly sheets: readonly SheetInfo[],
    /** True when dates are counted from 1904 (old Mac workbooks). */
    readonly date1904: boolean,
    private readonly strings: readonly string[],
    private readonly styles: CellStyles,
  ) {}

  static async open(file: string, limits: ExcelLimits = DEFAULT_EXCEL_LIMITS): Promise<ExcelWorkbook> {
    const zip = await ZipArchive.open(file, limits);
    try {
      const budget = InflateBudget.start(file, limits);
      const workbook = await workbookPart(zip, budget);
      const rels = await readRelationships(zip, workbook, budget);
      const index = await readIndex(zip, workbook, budget);
      const sheets = index.sheets.map((s, i): SheetInfo => sheetInfo(zip, workbook, rels, s, i + 1));
      const stringsPart = related(zip, workbook, rels, 'sharedStrings', 'sharedStrings.xml');
      const strings = stringsPart === undefined ? [] : await readSharedStrings(zip, stringsPart, budget, limits);
      const stylesPart = related(zip, workbook, rels, 'styles', 'styles.xml');
      const styles = stylesPart === undefined ? CellStyles.none : await readStyles(zip, stylesPart, budget);
      return new ExcelWorkbook(file, zip, budget, sheets, index.date1904, strings, styles);
    } catch (e) {
      zip.close();
      if (e instanceof ExcelError) throw e;
      throw new ExcelError(said('excel.damaged', { place: file, detail: e instanceof Error ? e.message : String(e) }), {
        param: 'path',
        file,
      });
    }
  }

  /**
   * A sheet by name (case-insensitive, like Excel) or by 1-based position;
   * a string of digits that names no sheet is a position. Undefined or
   * empty: the first sheet.
   */
  sheet(selector: string | number | undefined): SheetInfo {
    const names = this.sheets.map((s) => `"${s.name}"`).join(', ');
    let found: SheetInfo | undefined;
    if (selector === undefined || selector === '') found = this.sheets[0];
    else if (typeof selector === 'number') found = this.sheets[selector - 1];
    else {
      const wanted = selector.toLowerCase();
      found =
        this.sheets.find((s) => s.name.toLowerCase() === wanted) ??
        (/^\d+$/.test(selector) ? this.sheets[Number(selector) - 1] : undefined);
    }
    if (found === undefined) {
      const what =
        selector === undefined || selector === ''
          ? 'sheets'
          : typeof selector === 'number' || /^\d+$/.test(selector)
            ? `sheet ${selector}`
            : `sheet named "${selector}"`;
      const named = typeof selector === 'string' && selector !== '' ? { sheet: selector } : {};
      throw new ExcelError(
        names === ''
          ? said('excel.sheet', { file: this.file, what })
          : said('excel.sheet/names', { file: this.file, what, names }),
        { param: 'sheet', file: this.file, ...named },
      );
    }
    const where = { param: 'sheet', file: this.file, sheet: found.name };
    if (found.missing !== undefined) {
      throw new ExcelError(
        said('excel.damaged/missing', { place: describePlace(this.file, found.name), missing: found.missing }),
        where,
      );
    }
    if (found.part === undefined)
      throw new ExcelError(said('excel.sheet/chart', { place: describePlace(this.file, found.name) }), where);
    return found;
  }

  /** The sheet's rows in order; rows with no cells in the file are absent. Stopping early stops reading. */
  rows(sheet: SheetInfo): AsyncGenerator<SheetRow, void, undefined> {
    if (sheet.part === undefined) throw new Error(`sheet "${sheet.name}" has no cells to read`);
    return sheetRows(this.zip, sheet.part, this.budget.fork(), {
      file: this.file,
      sheet: sheet.name,
      strings: this.strings,
      styles: this.styles,
      date1904: this.date1904,
    });
  }

  close(): void {
    this.zip.close();
  }
}

/** The workbook part: the package's officeDocument relationship, else the standard path. */
async function workbookPart(zip: ZipArchive, budget: InflateBudget): Promise<string> {
  const file = zip.file;
  const office = (await readRelationships(zip, '', budget))?.find(
    (r) => isType(r, 'officeDocument') && r.part !== undefined,
  );
  const named = office?.part ?? STANDARD_WORKBOOK;
  const part = zip.find(named);
  if (part === undefined)
    throw new ExcelError(said('excel.not-xlsx/no-part', { file, part: named }), { param: 'path', file });
  if (part.toLowerCase().endsWith('.bin')) {
    throw new ExcelError(said('excel.not-xlsx/xlsb', { file }), { param: 'path', file });
  }
  return part;
}

interface WorkbookIndex {
  sheets: Array<{ name: string; relationship: string }>;
  date1904: boolean;
}

async function readIndex(zip: ZipArchive, part: string, budget: InflateBudget): Promise<WorkbookIndex> {
  const index: WorkbookIndex = { sheets: [], date1904: false };
  let root: string | undefined;
  await scanPart(zip, part, 'index', budget, {
    wantsText: false,
    open(name, attributes) {
      root ??= name;
      if (root !== 'workbook') return;
      if (name === 'sheet')
        index.sheets.push({
          name: attribute(attributes, 'name') ?? '',
          relationship: attribute(attributes, 'id') ?? '',
        });
      else if (name === 'workbookPr') index.date1904 = /^(1|true)$/i.test(attribute(attributes, 'date1904') ?? '');
    },
    close() {},
    text() {},
  });
  if (root !== 'workbook') {
    const file = zip.file;
    throw new ExcelError(said('excel.not-xlsx/root', { file, part, root: root ?? '' }), { param: 'path', file });
  }
  return index;
}

function sheetInfo(
  zip: ZipArchive,
  workbook: string,
  rels: Relationship[] | undefined,
  s: { name: string; relationship: string },
  position: number,
): SheetInfo {
  const base = { name: s.name, position };
  if (rels === undefined) {
    // No relationships at all: where Excel puts sheets.
    return {
      ...base,
      part: zip.find(posix.join(posix.dirname(workbook), 'worksheets', `sheet${String(position)}.xml`)),
    };
  }
  const rel = rels.find((r) => r.id === s.relationship);
  // A chart sheet (or dialog or macro sheet) has no cells.
  if (rel === undefined || !isType(rel, 'worksheet')) return { ...base, part: undefined };
  const part = rel.part === undefined ? undefined : zip.find(rel.part);
  return part === undefined ? { ...base, part: undefined, missing: rel.part ?? rel.target } : { ...base, part };
}

/** A part related to the workbook by type; without such a relationship, the standard name beside the workbook. */
function related(
  zip: ZipArchive,
  workbook: string,
  rels: Relationship[] | undefined,
  type: string,
  standard: string,
): string | undefined {
  const rel = rels?.find((r) => isType(r, type) && r.part !== undefined);
  return zip.find(rel?.part ?? posix.join(posix.dirname(workbook), standard));
}
