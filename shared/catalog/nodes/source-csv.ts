import { ident, namedArgs, str, strList, typeName } from '../../sql/quote';
import { csvDialectOf, type CsvDialect } from '../csv-dialect';
import { fileInput } from '../file-input';
import { defineNode, type NodeIssue, type PinnedSource, type RejectsSpec } from '../node-type';
import { p } from '../params';

/**
 * CSV source. Its dialect (delimiter, quote, header line, decimal comma,
 * encoding…) is detected once — when the file is chosen in the app, by
 * `duto sniff`, or by the engine for any dialect param left out — and then
 * written into the params, so the file reads the same way every time.
 * Bad rows (a stray quote, a missing or extra separator, a value that does
 * not fit its column) fail the run, are set aside on the `rejected` port
 * (quarantine, the default for new nodes), or are skipped — counted either way.
 */

/** Where DuckDB keeps this node's rejected lines (temporary, per connection) and the table its `rejected` port reads. */
export function rejectsNames(nodeId: string): { table: string; scan: string; rejected: string } {
  // A leading underscore: no node id (and so no view) can have these names.
  return { table: `_duto_rej_${nodeId}`, scan: `_duto_scan_${nodeId}`, rejected: `_duto_rejected_${nodeId}` };
}

/** The columns of the `rejected` port. */
export { REJECTED_COLUMNS } from '../../external/rejected-columns';

/** The same read with the columns spelled out: no detection at bind or run time (and bad rows cannot stop it). */
function pinnedArgs(
  args: ReadonlyArray<readonly [string, string]>,
  pinned: PinnedSource,
): Array<readonly [string, string]> {
  const out: Array<readonly [string, string]> = args.filter(([k]) => k !== 'types' && k !== 'all_varchar');
  out.push(
    ['auto_detect', 'false'],
    ['columns', `{${pinned.columns.map((c) => `${str(c.name)}: ${str(c.type)}`).join(', ')}}`],
  );
  if (pinned.dateFormat !== null && !args.some(([k]) => k === 'dateformat'))
    out.push(['dateformat', str(pinned.dateFormat)]);
  if (pinned.timestampFormat !== null && !args.some(([k]) => k === 'timestampformat'))
    out.push(['timestampformat', str(pinned.timestampFormat)]);
  return out;
}

/** read_csv's dialect arguments. */
function dialectArgs(d: CsvDialect): Array<readonly [string, string]> {
  const args: Array<readonly [string, string]> = [
    ['delim', str(d.delimiter)],
    ['quote', str(d.quote)],
    ['escape', str(d.escape)],
    ['header', d.header ? 'true' : 'false'],
    ['skip', String(d.skipRows)],
  ];
  if (d.encoding !== 'utf-8') args.push(['encoding', str(d.encoding)]);
  if (d.decimal !== '.') args.push(['decimal_separator', str(d.decimal)]);
  if (d.thousands !== '') args.push(['thousands', str(d.thousands)]);
  if (d.comment !== '') args.push(['comment', str(d.comment)]);
  if (d.dateFormat !== null) args.push(['dateformat', str(d.dateFormat)]);
  if (d.timestampFormat !== null) args.push(['timestampformat', str(d.timestampFormat)]);
  return args;
}

const detected = 'Detected from the file when left empty.';

export const sourceCsv = defineNode({
  type: 'source.csv',
  // Its change of format version 2 (a detected dialect, bad rows) predates node
  // versions and is the format's migration 1→2 (shared/format/migrate.ts): node
  // versions count from format version 2, where every type is at 1.
  version: 1,
  category: 'source',
  label: 'CSV file',
  description:
    'Reads a CSV file, a glob such as data/*.csv, or every CSV file in a folder (columns matched by name); its dialect is detected and bad rows are set aside.',
  keywords: ['csv', 'tsv', 'delimited', 'text', 'file', 'read', 'semicolon', 'excel export'],
  inputs: [],
  outputs: [
    { name: 'out', label: 'Rows' },
    { name: 'rejected', label: 'Rejected rows', optional: true },
  ],
  params: {
    path: p.path({
      label: 'File, glob or folder',
      access: 'read',
      accepts: 'file-or-glob',
      extensions: ['csv', 'tsv', 'txt'],
    }),
    delimiter: p.detectedChar({ label: 'Delimiter', description: detected }),
    quote: p.detectedChar({
      label: 'Quote',
      allowEmpty: true,
      description: `${detected} Empty: fields are never quoted.`,
    }),
    escape: p.detectedChar({ label: 'Escape', allowEmpty: true, advanced: true, description: detected }),
    header: p.detectedBoolean({ label: 'First row is a header' }),
    skipRows: p.detectedNumber({
      label: 'Lines before the header',
      min: 0,
      description: `Titles, notes or blank lines before the table (comment lines not counted: they are skipped anyway). ${detected}`,
    }),
    encoding: p.detectedEnum({
      label: 'Encoding',
      values: ['utf-8', 'utf-16', 'latin-1'],
      labels: { 'utf-8': 'UTF-8', 'utf-16': 'UTF-16', 'latin-1': 'Latin-1 (Windows)' },
    }),
    decimal: p.detectedEnum({
      label: 'Decimal separator',
      values: ['.', ','],
      labels: { '.': 'Point (1.5)', ',': 'Comma (1,5)' },
    }),
    thousands: p.detectedEnum({
      label: 'Thousands separator',
      values: ['', '.', ',', ' '],
      labels: { '': 'None', '.': 'Point (1.000)', ',': 'Comma (1,000)', ' ': 'Space (1 000)' },
      advanced: true,
    }),
    dateFormat: p.detectedString({
      label: 'Date format',
      maxLength: 64,
      placeholder: '%d/%m/%Y',
      advanced: true,
      description: `As DuckDB writes formats: %d/%m/%Y is 31/12/2024. ${detected}`,
    }),
    timestampFormat: p.detectedString({
      label: 'Timestamp format',
      maxLength: 64,
      placeholder: '%d/%m/%Y %H:%M',
      advanced: true,
      description: detected,
    }),
    comment: p.detectedChar({ label: 'Comment lines start with', allowEmpty: true, advanced: true }),
    nullStrings: p.strings({
      label: 'Values read as NULL',
      default: [''],
      advanced: true,
      description: 'Unquoted fields equal to one of these are NULL. A quoted empty field "" stays an empty string.',
    }),
    columnTypes: p.list({
      label: 'Column types',
      itemLabel: 'column type',
      description: 'Override the detected type of some columns.',
      fields: { column: p.requiredString({ label: 'Column' }), type: p.type({ label: 'Type' }) },
    }),
    allColumnsText: p.boolean({ label: 'Read every column as text', default: false, advanced: true }),
    badRows: p.enum({
      label: 'Bad rows',
      values: ['quarantine', 'skip', 'fail'],
      labels: {
        quarantine: 'Set them aside (the Rejected rows output)',
        skip: 'Skip them (counted)',
        fail: 'Fail the run',
      },
      default: 'quarantine',
      description: 'A row with a stray quote, a missing or extra separator, or a value that does not fit its column.',
    }),
    maxRejected: p.number({
      label: 'Fail when more rows are rejected than',
      default: 0,
      min: 0,
      integer: true,
      advanced: true,
      showIf: { param: 'badRows', equals: ['quarantine', 'skip'] },
      description: '0: no limit.',
    }),
    maxRejectedPercent: p.number({
      label: 'Fail when more than this % of rows is rejected',
      default: 0,
      min: 0,
      max: 100,
      advanced: true,
      showIf: { param: 'badRows', equals: ['quarantine', 'skip'] },
      description: '0: no limit.',
    }),
    recursive: p.boolean({ label: 'Include subfolders', default: false, advanced: true }),
    hivePartitioning: p.boolean({
      label: 'Read key=value folders as columns',
      default: false,
      advanced: true,
      description: 'For partitioned data (country=BR/…). Off, a name like a=b.csv is just a name.',
    }),
    filenameColumn: p.string({
      label: 'Add the file name as column',
      default: '',
      advanced: true,
      placeholder: 'e.g. source_file',
    }),
  },
  compile(ctx) {
    const o = ctx.params;
    const input = fileInput(ctx, o.path, ['csv'], o.recursive);
    const issues: NodeIssue[] = [...input.issues];
    const dialect = csvDialectOf(ctx, o, input.reads[0]?.path);
    issues.push(...dialect.issues);
    const d = dialect.dialect;
    const args: Array<readonly [string, string]> = dialectArgs(d);
    args.push(['nullstr', strList(o.nullStrings)], ['allow_quoted_nulls', 'false']);
    if (o.allColumnsText) args.push(['all_varchar', 'true']);
    const overrides: Record<string, string> = o.allColumnsText ? { '*': 'VARCHAR' } : {};
    if (o.columnTypes.length > 0) {
      const entries: string[] = [];
      o.columnTypes.forEach((ct, i) => {
        try {
          overrides[ct.column] = typeName(ct.type);
          entries.push(`${str(ct.column)}: ${str(typeName(ct.type))}`);
        } catch {
          issues.push({ param: `columnTypes[${i}].type`, message: `unsupported type "${ct.type}"` });
        }
      });
      args.push(['types', `{${entries.join(', ')}}`]);
    }
    if (input.many) args.push(['union_by_name', 'true']);
    args.push(['hive_partitioning', o.hivePartitioning ? 'true' : 'false']);
    if (o.filenameColumn !== '') args.push(['filename', str(o.filenameColumn)]);
    args.push(['strict_mode', 'true']);
    const names = rejectsNames(ctx.nodeId);
    // DuckDB keeps no rejects while it unions files by name: several files skip bad rows, and say so.
    const setAside = o.badRows !== 'fail' && !input.many;
    if (o.badRows !== 'fail' && input.many) {
      args.push(['ignore_errors', 'true']);
      issues.push({
        param: 'badRows',
        severity: 'warning',
        message:
          'with several files, bad rows are skipped without being counted or set aside: read one file per source to keep them',
      });
    }
    // Bad rows are kept aside by DuckDB itself (store_rejects): with their line, raw text, column and reason.
    if (setAside)
      args.push(['store_rejects', 'true'], ['rejects_table', str(names.table)], ['rejects_scan', str(names.scan)]);
    const rejects: RejectsSpec | undefined = setAside
      ? {
          from: 'csv',
          table: names.table,
          scan: names.scan,
          policy: o.badRows === 'quarantine' ? 'quarantine' : 'skip',
          maxRows: o.maxRejected,
          maxPercent: o.maxRejectedPercent,
          ...(o.badRows === 'quarantine' ? { rejectedTable: names.rejected } : {}),
        }
      : undefined;
    const call = `read_csv(${input.sql}, ${namedArgs(args)})`;
    const pinnable = !input.many && issues.every((i) => i.severity === 'warning');
    const pinned = pinnable ? ctx.pinned : undefined;
    // What the pin's sniff may not be given: it reads no rows into a result, and has no rejects.
    const sniffArgs = args.filter(
      ([k]) =>
        !['filename', 'store_rejects', 'rejects_table', 'rejects_scan', 'strict_mode', 'ignore_errors'].includes(k),
    );
    return {
      sql: `SELECT * FROM ${pinned === undefined ? call : `read_csv(${input.sql}, ${namedArgs(pinnedArgs(args, pinned))})`}`,
      ...(pinnable && pinned === undefined
        ? { pin: `SELECT Columns, DateFormat, TimestampFormat FROM sniff_csv(${input.sql}, ${namedArgs(sniffArgs)})` }
        : {}),
      // Types are given by DuckDB's (trimmed) names: with some, names stay as DuckDB reads them.
      ...(pinnable &&
      pinned === undefined &&
      d.header &&
      d.encoding === 'utf-8' &&
      o.columnTypes.length === 0 &&
      input.reads[0]?.kind === 'file'
        ? {
            headerRow: {
              path: input.reads[0].path,
              delimiter: d.delimiter,
              quote: d.quote,
              escape: d.escape,
              skip: d.skipRows,
              comment: d.comment,
            },
          }
        : {}),
      ...(pinnable && pinned === undefined && input.reads[0]?.kind === 'file'
        ? {
            typing: {
              file: input.reads[0].path,
              dialectArgs: namedArgs(dialectArgs(d)),
              header: d.header,
              delimiter: d.delimiter,
              quote: d.quote,
              escape: d.escape,
              skip: d.skipRows,
              comment: d.comment,
              encoding: d.encoding,
              decimal: d.decimal,
              thousands: d.thousands,
              dateFormat: d.dateFormat,
              timestampFormat: d.timestampFormat,
              overrides,
            },
          }
        : {}),
      // Rows set aside cannot be re-detected at each read: a file with a bad row stops DuckDB's own detection.
      ...(setAside ? { keepPinned: true } : {}),
      ...(rejects === undefined ? {} : { rejects }),
      ...(rejects?.from !== 'csv' || rejects.rejectedTable === undefined
        ? {}
        : { ports: { rejected: `SELECT * FROM ${ident(rejects.rejectedTable)}` } }),
      reads: input.reads,
      issues,
      ...(dialect.detected === undefined ? {} : { detected: dialect.detected }),
      checks: [{ kind: 'csv-plausible', pattern: input.pattern, param: dialect.detectedAny ? 'path' : 'delimiter' }],
    };
  },
});
