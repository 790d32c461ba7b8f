import { cellAddress, MAX_COLUMNS, MAX_ROWS } from '../../../../shared/external/excel-range';
import { cellContent, type CellContent, type RawCell } from './cell-values';
import type { CellStyles } from './cell-styles';
import { describePlace } from './excel-error';
import type { InflateBudget } from './inflate-budget';
import { count, XML_LIMITS } from './limits';
import { partError } from './read-part';
import { decodeReferences, XmlError, XmlScanner, type XmlHandler } from './xml-scanner';
import type { ZipArchive } from './zip-archive';

/**
 * A sheet's rows, streamed from its part: each chunk inflated is scanned
 * and the rows it completed are yielded, so a reader that stops early
 * stops inflating.
 */

/** A row's cells that hold something, by column number (1 = A). */
export interface SheetRow {
  number: number;
  cells: Map<number, CellContent>;
}

export interface SheetContext {
  file: string;
  sheet: string;
  strings: readonly string[];
  styles: CellStyles;
  date1904: boolean;
}

export async function* sheetRows(
  zip: ZipArchive,
  part: string,
  budget: InflateBudget,
  context: SheetContext,
): AsyncGenerator<SheetRow, void, undefined> {
  const handler = new SheetHandler(context);
  const scanner = new XmlScanner(handler);
  try {
    for await (const chunk of zip.text(part, 'stream', budget)) {
      scanner.feed(chunk);
      yield* handler.take();
    }
    scanner.end();
    yield* handler.take();
  } catch (e) {
    throw partError(e, context.file, part, describePlace(context.file, context.sheet), context.sheet);
  }
}

interface OpenCell extends RawCell {
  column: number;
}

/** Builds rows from the elements of `sheetData`: `row`, `c`, and a cell's `v`, `f` and `is`. */
class SheetHandler implements XmlHandler {
  private done: SheetRow[] = [];
  private inData = false;
  private row: SheetRow | undefined;
  private lastRow = 0;
  private nextColumn = 1;
  private cell: OpenCell | undefined;
  private collecting: 'value' | 'inline' | undefined;
  private inInline = false;
  private phonetic = 0;

  constructor(private readonly context: SheetContext) {}

  get wantsText(): boolean {
    return this.collecting !== undefined;
  }

  take(): SheetRow[] {
    const rows = this.done;
    this.done = [];
    return rows;
  }

  open(name: string, attributes: string): void {
    switch (name) {
      case 'sheetData':
        this.inData = true;
        break;
      case 'row':
        if (this.inData) this.openRow(attributes);
        break;
      case 'c':
        if (this.row !== undefined) this.openCell(this.row, attributes);
        break;
      case 'v':
        if (this.cell !== undefined) {
          this.cell.value = '';
          this.collecting = 'value';
        }
        break;
      case 'is':
        if (this.cell !== undefined) {
          this.cell.inline = '';
          this.inInline = true;
        }
        break;
      case 'rPh':
        this.phonetic++;
        break;
      case 't':
        if (this.cell !== undefined && this.inInline && this.phonetic === 0) this.collecting = 'inline';
        break;
      default:
        break;
    }
  }

  close(name: string): void {
    switch (name) {
      case 'v':
      case 't':
        this.collecting = undefined;
        break;
      case 'is':
        this.inInline = false;
        break;
      case 'rPh':
        this.phonetic--;
        break;
      case 'c':
        if (this.cell !== undefined && this.row !== undefined) this.closeCell(this.row, this.cell);
        this.cell = undefined;
        this.collecting = undefined;
        break;
      case 'row':
        if (this.row !== undefined) {
          this.done.push(this.row);
          this.lastRow = this.row.number;
        }
        this.row = undefined;
        break;
      case 'sheetData':
        this.inData = false;
        break;
      default:
        break;
    }
  }

  text(text: string): void {
    const c = this.cell;
    if (c === undefined) return;
    if (this.collecting === 'value') c.value = (c.value ?? '') + text;
    else if (this.collecting === 'inline') c.inline = (c.inline ?? '') + text;
    if ((c.value?.length ?? 0) + (c.inline?.length ?? 0) > XML_LIMITS.maxValueChars) {
      throw new XmlError(
        `has a value longer than ${count(XML_LIMITS.maxValueChars)} characters in cell ${cellAddress(this.row?.number ?? 0, c.column)}`,
      );
    }
  }

  private openRow(attributes: string): void {
    // `r` may be left out: the row after the previous one.
    const r = attributeOf(attributes, 'r');
    const number = r === undefined ? this.lastRow + 1 : Number(r);
    if (!Number.isInteger(number) || number < 1 || number > MAX_ROWS)
      throw new XmlError(`has a row numbered ${r ?? String(number)}, outside Excel's rows 1 to ${count(MAX_ROWS)}`);
    this.row = { number, cells: new Map() };
    this.nextColumn = 1;
  }

  private openCell(row: SheetRow, attributes: string): void {
    const ref = attributeOf(attributes, 'r');
    // `r` may be left out: the cell after the previous one.
    const lettered = ref === undefined ? 0 : columnOf(ref);
    const column = lettered === 0 ? this.nextColumn : lettered;
    if (column > MAX_COLUMNS)
      throw new XmlError(`has a cell ${ref ?? ''} in row ${String(row.number)} beyond Excel's last column, XFD`);
    const style = Number(attributeOf(attributes, 's') ?? '0');
    this.cell = {
      column,
      type: attributeOf(attributes, 't') ?? 'n',
      dateStyle: this.context.styles.isDate(style),
      value: undefined,
      inline: undefined,
    };
    this.inInline = false;
    this.phonetic = 0;
  }

  private closeCell(row: SheetRow, c: OpenCell): void {
    this.nextColumn = c.column + 1;
    let content: CellContent | null;
    if (c.type === 's') {
      const text = c.value?.trim() ?? '';
      if (text === '') return;
      const index = Number(text);
      const s = Number.isInteger(index) ? this.context.strings[index] : undefined;
      if (s === undefined) {
        throw new XmlError(
          `has cell ${cellAddress(row.number, c.column)} pointing to shared string ${text}, but the workbook has ${count(this.context.strings.length)}`,
        );
      }
      content = s;
    } else content = cellContent(c, this.context.date1904);
    if (content !== null) row.cells.set(c.column, content);
  }
}

/** `AB12` → 28; a reference without letters gives 0. */
function columnOf(ref: string): number {
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i) & ~32;
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
    // Past XFD already: stop before the number grows without bound.
    if (n > MAX_COLUMNS) return n;
  }
  return n;
}

/**
 * An attribute of a row or cell tag, found without a regular expression:
 * these tags are most of a sheet's XML, and their attributes are few and
 * unprefixed. Values are decoded like any attribute.
 */
function attributeOf(attributes: string, name: string): string | undefined {
  let at = attributes.indexOf(`${name}=`);
  while (at > 0 && !isSpace(attributes.charCodeAt(at - 1))) at = attributes.indexOf(`${name}=`, at + 1);
  if (at < 0) return undefined;
  const quote = attributes[at + name.length + 1];
  if (quote !== '"' && quote !== "'") return undefined;
  const start = at + name.length + 2;
  const end = attributes.indexOf(quote, start);
  return end < 0 ? undefined : decodeReferences(attributes.slice(start, end));
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}
