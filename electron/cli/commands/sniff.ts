import { resolve } from 'node:path';
import { error } from '../../../shared/diagnostics';
import { detectCsvDialect } from '../../engine/csv-dialect';
import { readableFormat } from '../../engine/csv-dialect/describe';
import { EXIT, type ExitCode } from '../exit';
import { printDiagnostics, printJson } from '../format';
import type { Io } from '../io';

export interface SniffOpts {
  json?: boolean;
}

function shown(v: string): string {
  if (v === '') return '(none)';
  if (v === '\t') return '\\t (tab)';
  if (v === ' ') return '" " (space)';
  return v;
}

/**
 * `duto sniff FILE`: the CSV dialect Duto detects for a file — what a CSV
 * source with no dialect params reads — to write into the pipeline, so the
 * file is read the same way every time. Exit 2 when the file cannot be read.
 */
export function sniffCommand(file: string, opts: SniffOpts, io: Io): ExitCode {
  const guess = detectCsvDialect(resolve(file));
  if ('problem' in guess) {
    const d = error('sniff.read', { detail: guess.problem }, { file });
    if (opts.json === true) printJson(io, { ok: false, diagnostics: [d] });
    else printDiagnostics(io, [d]);
    return EXIT.usage;
  }
  if (opts.json === true) {
    printJson(io, { ok: true, file, ...guess });
    return EXIT.ok;
  }
  io.out(`${file}: ${guess.description}\n`);
  const rows: Array<[string, string]> = [
    ['delimiter', shown(guess.delimiter)],
    ['quote', shown(guess.quote)],
    ['escape', shown(guess.escape)],
    ['header', guess.header ? 'yes' : 'no'],
    ['skipRows', String(guess.skipRows)],
    ['encoding', guess.encoding],
    ['decimal', guess.decimal],
    ['thousands', shown(guess.thousands)],
    [
      'dateFormat',
      guess.dateFormat === null ? '(detected when read)' : `${guess.dateFormat} (${readableFormat(guess.dateFormat)})`,
    ],
    [
      'timestampFormat',
      guess.timestampFormat === null
        ? '(detected when read)'
        : `${guess.timestampFormat} (${readableFormat(guess.timestampFormat)})`,
    ],
    ['comment', shown(guess.comment)],
  ];
  for (const [k, v] of rows) io.out(`  ${k.padEnd(16)}${v}\n`);
  for (const w of guess.warnings) io.err(`warning: ${w}\n`);
  return EXIT.ok;
}
