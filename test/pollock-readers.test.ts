import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cellScore } from '../bench/readers/cell-metric';
import { corpusFiles, scoreCorpus } from '../bench/readers/pollock';
import { ROOT } from './support';

/**
 * The reader benchmark (bench/readers) on a small Pollock-style sample:
 * every file read by a CSV source at its defaults, scored by Pollock's cell
 * F1 against its clean version. Measured 0.995 (17 files, all accepted).
 */

const SAMPLE = join(ROOT, 'test', 'fixtures', 'pollock');

describe('the Pollock reader score', () => {
  it('cell F1 is a multiset measure, header included', () => {
    expect(cellScore(['a', 'b', '1', '2'], ['a', 'b', '1', '2'])).toEqual({ precision: 1, recall: 1, f1: 1 });
    expect(cellScore(['a', 'b', '1', '2'], ['a', 'b'])).toEqual({ precision: 1, recall: 0.5, f1: 2 / 3 });
    expect(cellScore(['a'], [])).toEqual({ precision: 0, recall: 0, f1: 0 });
    expect(cellScore([], [])).toEqual({ precision: 1, recall: 1, f1: 1 });
  });

  it('reads the sample with a mean cell F1 above its floor, refusing none', async () => {
    const files = corpusFiles(SAMPLE);
    expect(files.length).toBe(17);
    const r = await scoreCorpus(SAMPLE, files);
    expect(r.refused).toBe(0);
    expect(r.meanF1).toBeGreaterThanOrEqual(0.985);
    for (const f of r.files) expect(f.f1, f.file).toBeGreaterThanOrEqual(0.97);
  }, 120_000);
});
