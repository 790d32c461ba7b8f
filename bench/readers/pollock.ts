import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tokenize } from '../../electron/engine/csv-dialect/tokenize';
import { cellScore, type CellScore } from './cell-metric';
import { normalCell } from './cell-text';
import { readThroughEngine } from './read-through-engine';

/**
 * Pollock (github.com/HPI-Information-Systems/Pollock): polluted CSV files
 * (`csv/NAME`) and the table each should load as (`clean/NAME`, RFC 4180).
 */

export interface FileResult extends CellScore {
  file: string;
  accepted: boolean;
  problem?: string;
  rejectedRows: number;
}

export interface CorpusResult {
  files: FileResult[];
  meanF1: number;
  accepted: number;
  refused: number;
  rejectedRows: number;
}

/** The clean table's cells, header first, as Pollock's evaluation reads them (Python's csv module). */
export function cleanCells(path: string): string[] {
  const text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  if (text === '') return [];
  const records = tokenize(text, { delimiter: ',', quote: '"', escape: '"' });
  // A final line break ends the last record; it starts none.
  const last = records[records.length - 1];
  if (last?.blank === true) records.pop();
  return records.flatMap((r) => (r.blank ? [] : r.fields));
}

export function corpusFiles(dir: string): string[] {
  return readdirSync(join(dir, 'csv'))
    .filter((f) => f.endsWith('.csv'))
    .sort();
}

export async function scoreFile(dir: string, file: string): Promise<FileResult> {
  const clean = cleanCells(join(dir, 'clean', file)).map(normalCell);
  const read = await readThroughEngine(join(dir, 'csv', file));
  if (!read.accepted) return { file, accepted: false, problem: read.problem, rejectedRows: 0, ...cellScore(clean, []) };
  return { file, accepted: true, rejectedRows: read.rejected, ...cellScore(clean, read.cells.map(normalCell)) };
}

export async function scoreCorpus(
  dir: string,
  files: readonly string[],
  onFile?: (r: FileResult) => void,
): Promise<CorpusResult> {
  const results: FileResult[] = [];
  for (const f of files) {
    const r = await scoreFile(dir, f);
    results.push(r);
    onFile?.(r);
  }
  const accepted = results.filter((r) => r.accepted).length;
  return {
    files: results,
    meanF1: results.length === 0 ? 0 : results.reduce((s, r) => s + r.f1, 0) / results.length,
    accepted,
    refused: results.length - accepted,
    rejectedRows: results.reduce((s, r) => s + r.rejectedRows, 0),
  };
}
