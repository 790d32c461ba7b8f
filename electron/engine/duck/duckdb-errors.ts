import { error, type Diagnostic } from '../../../shared/diagnostics';
import { withOriginalPaths } from '../json-check/copies';
import { isCancellation } from '../run/run-cancelled';
import { mixedLineEnding, windows1252Byte } from '../csv-dialect/text-faults';

/**
 * Turns a DuckDB error into a Diagnostic a person can act on: the file and
 * line for bad input, the column for a binder error, the sandbox for a
 * refused file. Never a stack trace; DuckDB's "LINE 1: …" echo of our own
 * generated SQL and its option dumps are left out.
 */

export interface ErrorContext {
  nodeId?: string;
  param?: string;
  /** Finds the node (and its path param) that reads a file, for errors that name one. */
  ownerOfFile?: (file: string) => { nodeId: string; param?: string } | undefined;
  /** The files the failing read may be of, for reader errors that name none (a damaged Parquet file). */
  files?: readonly string[];
}

/** DuckDB's own reader options: Duto's nodes offer none of them, so hints naming them are left out. */
const DUCKDB_OPTIONS =
  /sample_size|ignore_errors|maximum_depth|union_by_name|auto_detect|store_rejects|strict_mode|null_padding|parallel|max_line_size|'records'|'format'|'columns'|buffer_size/;

/** Lines of a reader error without DuckDB's advice about its options. */
function withoutOptionHints(text: string): string {
  return text
    .split('\n')
    .filter((l) => !DUCKDB_OPTIONS.test(l))
    .join('\n');
}

/** DuckDB's words for a Parquet file it cannot decode (a footer or page that is not Parquet). */
const PARQUET_DAMAGE =
  /TProtocolException|Out of buffer|don't know what type|No magic bytes found at end of file|too small to be a Parquet file|Corrupt [Pp]arquet/;

/** DuckDB's refusal of a query nested too deep (deep-chains.ts cuts long chains below it). */
export function isTooDeep(e: unknown): boolean {
  return /Max expression depth limit of \d+ exceeded/.test(errorMessage(e));
}

export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** The message without DuckDB's error-class prefix, SQL echo, hints and option dump. */
function firstLines(raw: string): string {
  const cut = withoutOptionHints(raw).split(/\n\s*\nLINE \d+:|\nLINE \d+:|\nPossible fixes:|\n\s+file = /)[0] ?? raw;
  const lines = cut
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  const text = lines.slice(0, 3).join(' — ');
  return text.replace(/^[A-Za-z ]+ Error: /, '');
}

export function diagnoseDuckDBError(e: unknown, ctx: ErrorContext = {}): Diagnostic {
  // A JSON file with repeated keys is read from a copy: the user's file is named, and the copy's line numbers are not its.
  const { text: raw, copied } = withOriginalPaths(errorMessage(e));
  const where: Blame = (file, line) => {
    const owner = file === undefined ? undefined : ctx.ownerOfFile?.(file);
    const nodeId = owner?.nodeId ?? ctx.nodeId;
    const param = owner === undefined ? ctx.param : owner.param;
    return {
      ...(nodeId === undefined ? {} : { nodeId }),
      ...(param === undefined ? {} : { param }),
      ...(file === undefined ? {} : { file }),
      ...(line === undefined ? {} : { line }),
    };
  };

  if (isCancellation(e)) return error('run.cancelled', {}, where());

  const permission = /^Permission Error: Cannot access file "([^"]*)"/.exec(raw);
  if (permission !== null) {
    const file = permission[1] ?? '';
    return error('engine.sandbox', { file }, where(file));
  }
  if (raw.startsWith('Permission Error')) {
    return error('engine.sandbox/refused', { detail: firstLines(raw) }, where());
  }

  const csvLine = /CSV Error on Line: (\d+)/.exec(raw);
  if (csvLine !== null) {
    const file = /\n\s+file = (.+)\n/.exec(raw)?.[1]?.trim();
    const line = Number(csvLine[1]);
    const original = /Original Line: (.*)/.exec(raw)?.[1];
    const lines = raw.split('\n').map((l) => l.trim());
    const reason =
      lines.find((l, i) => i > 0 && l !== '' && !l.startsWith('Original Line') && !l.startsWith('CSV Error')) ?? '';
    const shown = original === undefined ? undefined : original.length > 120 ? `${original.slice(0, 120)}…` : original;
    const at = { line: String(line), reason, ...(file === undefined ? {} : { file }) };
    if (file === undefined)
      return shown === undefined
        ? error('source.malformed', { line: String(line), reason }, where(file, line))
        : error('source.malformed/csv-shown', { line: String(line), reason, original: shown }, where(file, line));
    return shown === undefined
      ? error('source.malformed/csv-in', { ...at, file }, where(file, line))
      : error('source.malformed/csv-in-shown', { ...at, file, original: shown }, where(file, line));
  }

  // Faults DuckDB names without a line (text-faults.ts): looked for in the file, said with the line.
  const sniff = /Error when sniffing file "([^"]*)"/.exec(raw);
  const stateMachine = raw.includes('The CSV Parser state machine reached an invalid state');
  const notLatin1 = raw.includes('File is not latin-1 encoded');
  if (sniff !== null || stateMachine || notLatin1) {
    // With union_by_name DuckDB leaves the name out (sniffing file ""); our SQL echo still has it.
    const echoed = /read_csv\('((?:[^']|'')*)'/.exec(raw)?.[1]?.replaceAll("''", "'");
    const named = sniff?.[1] === '' || sniff?.[1] === undefined ? echoed : sniff[1];
    // Only a file this read may be of is opened: the message is text (a user query's error() can say anything).
    const readable = ctx.files ?? [];
    const candidates = named === undefined ? readable : readable.filter((f) => f === named);
    for (const file of candidates) {
      const fault = notLatin1 ? windows1252Fault(file, where) : lineEndingFault(file, where);
      if (fault !== undefined) return fault;
    }
    const file = named ?? (ctx.files?.length === 1 ? ctx.files[0] : undefined);
    if (sniff !== null || (stateMachine && file !== undefined))
      return error('source.malformed/csv-settings', { file: file ?? '' }, where(file));
  }

  const json = /Malformed JSON in file "([^"]*)", at byte (\d+) in record\/value (\d+): (.*)/.exec(raw);
  if (json !== null) {
    const file = json[1] ?? '';
    return error(
      'source.malformed/json',
      { file, byte: json[2] ?? '?', record: json[3] ?? '?', detail: (json[4] ?? '').trim() },
      where(file),
    );
  }

  const transform = /JSON transform error in file "([^"]*)", in (line|record\/value) (\d+): (.*)/.exec(raw);
  if (transform !== null) {
    const file = transform[1] ?? '';
    const n = Number(transform[3]);
    const byLine = transform[2] === 'line' && !copied;
    const at = byLine ? `line ${n}` : copied ? 'a record' : `record ${n}`;
    const reason = (transform[4] ?? '').trim();
    return error('source.malformed/json-value', { file, at, reason }, where(file, byLine ? n : undefined));
  }

  if (PARQUET_DAMAGE.test(raw) && !raw.startsWith('Binder Error')) {
    const named = /file '([^']*)'|File '([^']*)'|file "([^"]*)"/.exec(raw);
    const file = named?.[1] ?? named?.[2] ?? named?.[3] ?? (ctx.files?.length === 1 ? ctx.files[0] : undefined);
    const which =
      file ??
      (ctx.files === undefined || ctx.files.length === 0
        ? 'a Parquet file this node reads'
        : `one of ${ctx.files.join(', ')}`);
    return error('source.malformed/parquet', { file: which, detail: firstLines(raw) }, where(file));
  }

  const noFiles = /No files found that match the pattern "([^"]*)"/.exec(raw);
  if (noFiles !== null) {
    const file = noFiles[1] ?? '';
    return error('source.missing', { file }, where(file));
  }
  const io = /IO Error: (?:Cannot open file|No such file or directory)[^"]*"([^"]*)"/.exec(raw);
  if (io !== null) {
    const file = io[1] ?? '';
    return error('source.missing/open', { file, detail: firstLines(raw) }, where(file));
  }

  const column = /Referenced column "([^"]*)" not found in FROM clause!(?:\s*Candidate bindings: (.*))?/.exec(raw);
  if (column !== null) {
    const candidates = column[2]?.trim();
    return candidates === undefined || candidates === ''
      ? error('node.unknown-column', { column: column[1] ?? '' }, where())
      : error('node.unknown-column/like', { column: column[1] ?? '', candidates }, where());
  }

  // Long chains are cut (deep-chains.ts): what is left is one node's own query nesting too deep. DuckDB's
  // setting cannot be raised from a pipeline (deeper binds overflow its stack).
  if (isTooDeep(raw)) {
    return error('engine.depth', {}, where());
  }
  if (raw.startsWith('Binder Error')) return error('node.bind', { detail: firstLines(raw) }, where());
  if (raw.startsWith('Parser Error')) return error('node.syntax', { detail: firstLines(raw) }, where());
  if (raw.startsWith('Conversion Error')) return error('node.conversion', { detail: firstLines(raw) }, where());
  if (raw.startsWith('Out of Memory Error')) return error('engine.memory', { detail: firstLines(raw) }, where());
  return error('engine.error', { detail: firstLines(raw) }, where());
}

type Blame = (file?: string, line?: number) => Omit<Diagnostic, 'severity' | 'code' | 'message' | 'args' | 'variant'>;

function windows1252Fault(file: string, where: Blame): Diagnostic | undefined {
  const found = windows1252Byte(file);
  return found === undefined
    ? undefined
    : error(
        'source.malformed/windows-1252',
        { file, line: String(found.line), byte: found.byte },
        where(file, found.line),
      );
}

function lineEndingFault(file: string, where: Blame): Diagnostic | undefined {
  const mixed = mixedLineEnding(file);
  return mixed === undefined
    ? undefined
    : error(
        'source.malformed/line-endings',
        { file, line: String(mixed.line), first: mixed.first, other: mixed.other },
        where(file, mixed.line),
      );
}
