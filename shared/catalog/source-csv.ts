import { bool, namedArgs, str, strList, typeName } from '../sql/quote';
import { fileInput } from './file-input';
import { defineNode, type PinnedSource } from './node-type';
import { p } from './params';

/**
 * CSV source. By default the dialect is explicit RFC 4180 (comma, double
 * quote, quote doubled as escape, a header row): DuckDB's sniffer can pick a
 * wrong dialect silently, so auto-detection is an option, not the default.
 */
/** The same read with the sniffed columns spelled out: no detection at bind or run time. */
function pinnedArgs(args: ReadonlyArray<readonly [string, string]>, pinned: PinnedSource): Array<readonly [string, string]> {
  const out: Array<readonly [string, string]> = args.filter(([k]) => k !== 'types' && k !== 'all_varchar');
  out.push(['auto_detect', 'false'], ['columns', `{${pinned.columns.map((c) => `${str(c.name)}: ${str(c.type)}`).join(', ')}}`]);
  if (pinned.dateFormat !== null) out.push(['dateformat', str(pinned.dateFormat)]);
  if (pinned.timestampFormat !== null) out.push(['timestampformat', str(pinned.timestampFormat)]);
  return out;
}

export const sourceCsv = defineNode({
  type: 'source.csv',
  version: 1,
  category: 'source',
  label: 'CSV file',
  description: 'Reads a CSV file, a glob such as data/*.csv, or every CSV file in a folder (columns matched by name).',
  keywords: ['csv', 'tsv', 'delimited', 'text', 'file', 'read'],
  inputs: [],
  outputs: [{ name: 'out', label: 'Rows' }],
  params: {
    path: p.path({ label: 'File, glob or folder', access: 'read', accepts: 'file-or-glob', extensions: ['csv', 'tsv', 'txt'] }),
    autoDetect: p.boolean({ label: 'Detect dialect automatically', default: false, description: 'Let DuckDB guess delimiter, quote and header. Checked for plausibility.' }),
    delimiter: p.char({ label: 'Delimiter', default: ',', showIf: { param: 'autoDetect', equals: [false] } }),
    quote: p.char({ label: 'Quote', default: '"', allowEmpty: true, showIf: { param: 'autoDetect', equals: [false] } }),
    escape: p.char({ label: 'Escape', default: '"', allowEmpty: true, showIf: { param: 'autoDetect', equals: [false] } }),
    header: p.boolean({ label: 'First row is a header', default: true, showIf: { param: 'autoDetect', equals: [false] } }),
    skipRows: p.number({ label: 'Skip rows before the header', default: 0, min: 0, integer: true, advanced: true }),
    encoding: p.enum({ label: 'Encoding', values: ['utf-8', 'utf-16', 'latin-1'], default: 'utf-8', advanced: true }),
    nullStrings: p.strings({ label: 'Values read as NULL', default: [''], advanced: true, description: 'Unquoted fields equal to one of these are NULL. A quoted empty field "" stays an empty string.' }),
    columnTypes: p.list({
      label: 'Column types',
      itemLabel: 'column type',
      description: 'Override the detected type of some columns.',
      fields: { column: p.requiredString({ label: 'Column' }), type: p.type({ label: 'Type' }) },
    }),
    allColumnsText: p.boolean({ label: 'Read every column as text', default: false, advanced: true }),
    recursive: p.boolean({ label: 'Include subfolders', default: false, advanced: true }),
    hivePartitioning: p.boolean({ label: 'Read key=value folders as columns', default: false, advanced: true, description: 'For partitioned data (country=BR/…). Off, a name like a=b.csv is just a name.' }),
    filenameColumn: p.string({ label: 'Add the file name as column', default: '', advanced: true, placeholder: 'e.g. source_file' }),
    ignoreErrors: p.boolean({ label: 'Skip malformed rows', default: false, advanced: true, description: 'Off: a malformed row fails the run with its line number.' }),
  },
  compile(ctx) {
    const o = ctx.params;
    const input = fileInput(ctx, o.path, ['csv'], o.recursive);
    const args: Array<readonly [string, string]> = [];
    if (!o.autoDetect) {
      args.push(['delim', str(o.delimiter)], ['quote', str(o.quote)], ['escape', str(o.escape)], ['header', bool(o.header)]);
    }
    // Always explicit: left to the sniffer, a short file with one long row is read from that row on, silently.
    args.push(['skip', String(o.skipRows)]);
    if (o.encoding !== 'utf-8') args.push(['encoding', str(o.encoding)]);
    args.push(['nullstr', strList(o.nullStrings)], ['allow_quoted_nulls', 'false']);
    if (o.allColumnsText) args.push(['all_varchar', 'true']);
    const issues = input.issues;
    if (o.columnTypes.length > 0) {
      const entries: string[] = [];
      o.columnTypes.forEach((ct, i) => {
        try {
          entries.push(`${str(ct.column)}: ${str(typeName(ct.type))}`);
        } catch {
          issues.push({ param: `columnTypes[${i}].type`, message: `unsupported type "${ct.type}"` });
        }
      });
      args.push(['types', `{${entries.join(', ')}}`]);
    }
    if (input.many) args.push(['union_by_name', 'true']);
    args.push(['hive_partitioning', bool(o.hivePartitioning)]);
    if (o.filenameColumn !== '') args.push(['filename', str(o.filenameColumn)]);
    if (o.ignoreErrors) args.push(['ignore_errors', 'true']);
    else args.push(['strict_mode', 'true']);
    const call = `read_csv(${input.sql}, ${namedArgs(args)})`;
    const pinnable = !input.many && !o.autoDetect && issues.length === 0;
    const pinned = pinnable ? ctx.pinned : undefined;
    return {
      sql: `SELECT * FROM ${pinned === undefined ? call : `read_csv(${input.sql}, ${namedArgs(pinnedArgs(args, pinned))})`}`,
      ...(pinnable && pinned === undefined ? { pin: `SELECT Columns, DateFormat, TimestampFormat FROM sniff_csv(${input.sql}, ${namedArgs(args.filter(([k]) => k !== 'filename' && k !== 'ignore_errors'))})` } : {}),
      // Types are given by DuckDB's (trimmed) names: with some, names stay as DuckDB reads them.
      ...(pinnable && pinned === undefined && o.header && o.encoding === 'utf-8' && o.columnTypes.length === 0 && input.reads[0]?.kind === 'file'
        ? { headerRow: { path: input.reads[0].path, delimiter: o.delimiter, quote: o.quote, escape: o.escape, skip: o.skipRows } }
        : {}),
      reads: input.reads,
      issues,
      ...(o.autoDetect ? { checks: [{ kind: 'csv-plausible', pattern: input.pattern, param: 'autoDetect' } as const] } : {}),
    };
  },
});
