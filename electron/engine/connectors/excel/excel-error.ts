import { ConnectorError } from '../../external/types';
import { said, type Said } from '../../../../shared/messages/diagnostic-messages';

interface Place {
  file: string;
  param?: string;
  sheet?: string;
  cell?: string;
}

/**
 * An Excel read or write that cannot proceed. The message names the file
 * (and the sheet and cell where there is one) so it stands on its own;
 * `param` names the node param to look at.
 */
export class ExcelError extends ConnectorError {
  readonly sheet: string | undefined;
  readonly cell: string | undefined;

  constructor(said: Said, where: Place) {
    super(said, { file: where.file, ...(where.param === undefined ? {} : { param: where.param }) });
    this.name = 'ExcelError';
    this.sheet = where.sheet;
    this.cell = where.cell;
  }
}

/** `sheet "Data" of /x/book.xlsx`, or `cell D7 of sheet "Data" of /x/book.xlsx`. */
export function describePlace(file: string, sheet?: string, cell?: string): string {
  const inSheet = sheet === undefined ? file : `sheet "${sheet}" of ${file}`;
  return cell === undefined ? inSheet : `cell ${cell} of ${inSheet}`;
}

/**
 * Errors from the zip and XML layers, reworded to name the file and sheet.
 * Cancellations and errors already explained pass through unchanged.
 */
export function explained(e: unknown, signal: AbortSignal, file: string, sheet?: string): unknown {
  if (e instanceof ExcelError || signal.aborted) return e;
  const why = e instanceof Error ? e.message : String(e);
  return new ExcelError(said('excel.damaged', { place: describePlace(file, sheet), detail: why }), {
    param: 'path',
    file,
    ...(sheet === undefined ? {} : { sheet }),
  });
}
