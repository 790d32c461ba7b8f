import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DutoError } from '../../../shared/diagnostics';
import { diagnoseDuckDBError } from '../duck/duckdb-errors';
import { csvLooksWrong } from './file-checks';
import { loadPipelineFile } from '../bind/load-file';
import { freshDir, pipeline } from '../test-support';

function file(name: string, text: string): string {
  const p = join(freshDir(), name);
  writeFileSync(p, text);
  return p;
}

describe('csv-plausible', () => {
  it('flags one column whose name holds a delimiter', () => {
    expect(csvLooksWrong([{ name: 'a;b;c', type: 'VARCHAR' }])).toEqual({ name: 'a;b;c', shown: '";"' });
    expect(csvLooksWrong([{ name: 'a\tb', type: 'VARCHAR' }])?.shown).toBe('"\\t"');
    expect(csvLooksWrong([{ name: 'a', type: 'VARCHAR' }])).toBeNull();
    expect(
      csvLooksWrong([
        { name: 'a,b', type: 'VARCHAR' },
        { name: 'c', type: 'VARCHAR' },
      ]),
    ).toBeNull();
  });
});

describe('DuckDB errors become diagnostics without SQL echo or stack', () => {
  it('keeps the gist of a binder error', () => {
    const d = diagnoseDuckDBError(
      new Error(
        'Binder Error: Referenced column "zz" not found in FROM clause!\nCandidate bindings: "a"\n\nLINE 1: SELECT zz\n       ^',
      ),
      { nodeId: 'f', param: 'condition' },
    );
    expect(d).toMatchObject({
      code: 'node.unknown-column',
      nodeId: 'f',
      param: 'condition',
      message: 'unknown column "zz" (columns like it: "a")',
    });
  });
});

describe('loadPipelineFile', () => {
  it('names the file when it is missing or invalid', async () => {
    const missing = join(freshDir(), 'nope.duto.json');
    await expect(loadPipelineFile(missing)).rejects.toThrow(DutoError);
    await expect(loadPipelineFile(missing)).rejects.toMatchObject({
      diagnostics: [{ code: 'document.read', file: missing }],
    });
    const bad = file('bad.duto.json', '{"format":"duto.pipeline","version":1,"nodes":[{"id":"X"}]}');
    await expect(loadPipelineFile(bad)).rejects.toMatchObject({
      diagnostics: expect.arrayContaining([expect.objectContaining({ file: bad, path: 'nodes[0].id' })]),
    });
    const ok = file('ok.duto.json', '{"format":"duto.pipeline","version":1,"nodes":[]}');
    expect((await loadPipelineFile(ok)).nodes).toEqual([]);
  });
});

describe('a truncated JSON source in a pipeline', () => {
  it('is reported by validate and stops the run, naming node, param, file and line', async () => {
    const { openPipeline } = await import('../index');
    const dir = freshDir();
    writeFileSync(join(dir, 'in.json'), '[{"a":1},\n{"a":2},\n');
    writeFileSync(join(dir, 'out.parquet'), 'previous');
    const doc = pipeline(
      { id: 'src', type: 'source.json', params: { path: 'in.json' } },
      { id: 'out', type: 'sink.parquet', inputs: { in: 'src' }, params: { path: 'out.parquet' } },
    );
    const s = await openPipeline(doc, { trust: 'trusted', baseDir: dir });
    try {
      const expected = {
        code: 'source.truncated',
        nodeId: 'src',
        param: 'path',
        file: join(dir, 'in.json'),
        line: 3,
        column: 1,
      };
      expect((await s.validate()).diagnostics).toEqual([expect.objectContaining(expected)]);
      const r = await s.run();
      expect(r.ok).toBe(false);
      expect(r.diagnostics[0]).toMatchObject(expected);
      expect(r.diagnostics[0]?.message).toContain(
        'in.json:3:1: the file ends where a value should be: it is truncated',
      );
    } finally {
      s.close();
    }
  });
});
