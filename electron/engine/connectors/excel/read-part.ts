import { ExcelError } from './excel-error';
import type { InflateBudget, PartKind } from './inflate-budget';
import { XmlError, XmlScanner, type XmlHandler } from './xml-scanner';
import type { ZipArchive } from './zip-archive';
import { said } from '../../../../shared/messages/diagnostic-messages';

/** Scans a whole part with `handler`, inflated under the budget. */
export async function scanPart(
  zip: ZipArchive,
  part: string,
  kind: PartKind,
  budget: InflateBudget,
  handler: XmlHandler,
): Promise<void> {
  const scanner = new XmlScanner(handler);
  try {
    for await (const chunk of zip.text(part, kind, budget)) scanner.feed(chunk);
    scanner.end();
  } catch (e) {
    throw partError(e, zip.file, part);
  }
}

/**
 * A part the scanner refused, as an error naming the file (or the sheet:
 * `place`) and the part. A hostile part (a DTD) is refused; a malformed one
 * is damaged. Other errors pass through.
 */
export function partError(e: unknown, file: string, part: string, place = file, sheet?: string): unknown {
  if (!(e instanceof XmlError)) return e;
  const where = { param: 'path', file, ...(sheet === undefined ? {} : { sheet }) };
  return e.hostile
    ? new ExcelError(said('excel.limit/part', { place, part, detail: e.message }), where)
    : new ExcelError(said('excel.damaged/part', { place, part, detail: e.message }), where);
}
