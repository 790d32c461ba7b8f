import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freshDir, pipeline, sessionOpener } from '../test-support';
import { MAX_DEPTH } from './json-grammar';

/** JSONTestSuite (test/fixtures/json-test-suite) read by JSON sources through the engine. */

const corpus = join(__dirname, '../../../test/fixtures/json-test-suite/test_parsing');
const files = readdirSync(corpus).sort();
const open = sessionOpener();

function sources(names: readonly string[]): ReturnType<typeof pipeline> {
  return pipeline(...names.map((f, i) => ({ id: `s${i}`, type: 'source.json', params: { path: f } })));
}

describe('JSON sources on JSONTestSuite', () => {
  it('read every y_ file as rows', { timeout: 120_000 }, async () => {
    const ys = files.filter((f) => f.startsWith('y_'));
    const s = await open(sources(ys), corpus);
    const v = await s.validate();
    expect(v.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const failed: string[] = [];
    for (const [i, f] of ys.entries()) {
      try {
        const p = await s.preview(`s${i}`, 10);
        if (p.columns.length === 0) failed.push(`${f}: no columns`);
      } catch (e) {
        failed.push(`${f}: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    expect(failed).toEqual([]);
  });

  it('refuse every n_ file, naming it', { timeout: 120_000 }, async () => {
    const ns = files.filter((f) => f.startsWith('n_'));
    const s = await open(sources(ns), corpus);
    const v = await s.validate();
    const missing = ns.filter(
      (f, i) =>
        !v.diagnostics.some(
          (d) =>
            d.nodeId === `s${i}` &&
            d.severity === 'error' &&
            d.file === join(corpus, f) &&
            d.message.includes(join(corpus, f)),
        ),
    );
    expect(missing).toEqual([]);
  });

  it('refuse nesting past the limit before DuckDB reads it (DuckDB crashes ~30,000 deep)', async () => {
    const dir = freshDir();
    writeFileSync(join(dir, 'deep.json'), `${'['.repeat(100_000)}${']'.repeat(100_000)}`);
    const s = await open(pipeline({ id: 'deep', type: 'source.json', params: { path: 'deep.json' } }), dir);
    const v = await s.validate();
    expect(v.diagnostics).toEqual([
      expect.objectContaining({
        code: 'source.malformed',
        nodeId: 'deep',
        file: join(dir, 'deep.json'),
        line: 1,
        column: MAX_DEPTH + 1,
      }),
    ]);
    await expect(s.preview('deep', 10)).rejects.toMatchObject({
      diagnostics: [expect.objectContaining({ nodeId: 'deep' })],
    });
  });
});
