/**
 * What the Excel reader will inflate and hold, so a hostile workbook (a zip
 * bomb, a shared-strings table built to exhaust memory) is refused quickly,
 * in bounded memory, with a message naming the file, the part and the limit.
 * Each default is far above what real workbooks need: a 100 MB .xlsx holds
 * about 1 GB of sheet XML, expanded about 10 times; its strings, a few
 * million. Sheets and shared strings are inflated as a stream, never whole.
 */
export interface ExcelLimits {
  /** Decompressed bytes of one part (a sheet, the shared strings). */
  maxPartBytes: number;
  /** Decompressed bytes of a part whose content is kept whole: the workbook, its relationships, its styles. */
  maxIndexPartBytes: number;
  /** Decompressed bytes of every part one read inflates: the index parts, the shared strings and the sheet. */
  maxTotalBytes: number;
  /** How many times a part may expand (decompressed ÷ compressed bytes); deflate reaches about 1,000 on repeated text. */
  maxRatio: number;
  /** Parts smaller than this are not held to `maxRatio` (a tiny part expands a lot and costs nothing). */
  ratioGraceBytes: number;
  /** Strings in the shared-strings table, which is kept in memory while the workbook is open. */
  maxSharedStrings: number;
  /** Characters of all shared strings together. */
  maxSharedStringChars: number;
  /** Parts (zip entries) in the archive. */
  maxParts: number;
}

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

export const DEFAULT_EXCEL_LIMITS: ExcelLimits = {
  maxPartBytes: 2 * GiB,
  maxIndexPartBytes: 64 * MiB,
  maxTotalBytes: 4 * GiB,
  // As Apache POI's ZipSecureFile; real sheets expand 5 to 20 times.
  maxRatio: 100,
  ratioGraceBytes: MiB,
  maxSharedStrings: 10_000_000,
  maxSharedStringChars: 250_000_000,
  maxParts: 100_000,
};

/** Limits that are never deeper than a well-formed part needs, not meant to be tuned. */
export const XML_LIMITS = {
  /** Nesting of elements: a sheet needs about 8 levels. */
  maxDepth: 256,
  /** One tag, comment or processing instruction. */
  maxMarkupChars: MiB,
  /** One value (a cell's text, a shared string): Excel's own limit is 32,767 characters. */
  maxValueChars: MiB,
};

/** `1.8 GiB`, `64 MiB`, `512 bytes`, for messages. */
export function byteSize(n: number): string {
  if (n >= GiB) return `${trim(n / GiB)} GiB`;
  if (n >= MiB) return `${trim(n / MiB)} MiB`;
  if (n >= 1024) return `${trim(n / 1024)} KiB`;
  return `${String(n)} bytes`;
}

function trim(x: number): string {
  return x >= 100 ? String(Math.round(x)) : String(Math.round(x * 10) / 10);
}

/** `10,000,000`, for messages. */
export function count(n: number): string {
  return n.toLocaleString('en-US');
}
