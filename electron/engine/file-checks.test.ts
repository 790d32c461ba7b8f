import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DutoError } from '../../shared/diagnostics';
import { diagnoseDuckDBError } from './duckdb-errors';
import { checkJsonComplete, csvLooksWrong } from './file-checks';
import { loadPipelineFile } from './load-file';
import { freshDir, pipeline } from './test-support';

function file(name: string, text: string): string {
  const p = join(freshDir(), name);
  writeFileSync(p, text);
  return p;
}

describe('json-complete', () => {
  it('accepts complete arrays and NDJSON', () => {
    expect(checkJsonComplete(file('a.json', '[{"a":1},\n{"a":2}]\n\n'), 'auto')).toBeNull();
    expect(checkJsonComplete(file('a.json', '\ufeff[{"a":1}]'), 'array')).toBeNull();
    expect(checkJsonComplete(file('a.ndjson', '{"a":1}\n{"a":2}\n'), 'auto')).toBeNull();
    expect(checkJsonComplete(file('e.json', ''), 'auto')).toBeNull();
  });

  it('detects a truncated array, naming the file and its last line', () => {
    const p = file('t.json', '[{"a":1},\n{"a":2},\n');
    expect(checkJsonComplete(p, 'auto')).toEqual({ message: `${p} is truncated: it ends inside a list of records (it stops after a comma)`, line: 2 });
    const q = file('t2.json', '[{"a":1},\n{"a":2');
    expect(checkJsonComplete(q, 'array')?.message).toContain('is truncated: it ends inside a JSON array');
  });

  it('detects a truncated NDJSON last line', () => {
    const p = file('t.ndjson', '{"a":1}\n{"a":2}\n{"a":');
    expect(checkJsonComplete(p, 'newline_delimited')).toEqual({ message: `${p} is truncated: it ends inside a record on its last line`, line: 3 });
  });
});

describe('csv-plausible', () => {
  it('flags one column whose name holds a delimiter', () => {
    expect(csvLooksWrong([{ name: 'a;b;c', type: 'VARCHAR' }])?.message).toContain('";"');
    expect(csvLooksWrong([{ name: 'a', type: 'VARCHAR' }])).toBeNull();
    expect(csvLooksWrong([{ name: 'a,b', type: 'VARCHAR' }, { name: 'c', type: 'VARCHAR' }])).toBeNull();
  });
});

describe('DuckDB errors become diagnostics without SQL echo or stack', () => {
  it('keeps the gist of a binder error', () => {
    const d = diagnoseDuckDBError(new Error('Binder Error: Referenced column "zz" not found in FROM clause!\nCandidate bindings: "a"\n\nLINE 1: SELECT zz\n       ^'), { nodeId: 'f', param: 'condition' });
    expect(d).toMatchObject({ code: 'node.unknown-column', nodeId: 'f', param: 'condition', message: 'unknown column "zz" (columns like it: "a")' });
  });
});

describe('loadPipelineFile', () => {
  it('names the file when it is missing or invalid', async () => {
    const missing = join(freshDir(), 'nope.duto.json');
    await expect(loadPipelineFile(missing)).rejects.toThrow(DutoError);
    await expect(loadPipelineFile(missing)).rejects.toMatchObject({ diagnostics: [{ code: 'document.read', file: missing }] });
    const bad = file('bad.duto.json', '{"format":"duto.pipeline","version":1,"nodes":[{"id":"X"}]}');
    await expect(loadPipelineFile(bad)).rejects.toMatchObject({ diagnostics: expect.arrayContaining([expect.objectContaining({ file: bad, path: 'nodes[0].id' })]) });
    const ok = file('ok.duto.json', '{"format":"duto.pipeline","version":1,"nodes":[]}');
    expect((await loadPipelineFile(ok)).nodes).toEqual([]);
  });
});

describe('a truncated JSON source in a pipeline', () => {
  it('is reported by validate and stops the run, naming node, param, file and line', async () => {
    const { openPipeline } = await import('./index');
    const dir = freshDir();
    writeFileSync(join(dir, 'in.json'), '[{"a":1},\n{"a":2},\n');
    writeFileSync(join(dir, 'out.parquet'), 'previous');
    const doc = pipeline(
      { id: 'src', type: 'source.json', params: { path: 'in.json' } },
      { id: 'out', type: 'sink.parquet', inputs: { in: 'src' }, params: { path: 'out.parquet' } },
    );
    const s = await openPipeline(doc, { trust: 'trusted', baseDir: dir });
    try {
      const expected = { code: 'source.truncated', nodeId: 'src', param: 'path', file: join(dir, 'in.json'), line: 2 };
      expect((await s.validate()).diagnostics).toEqual([expect.objectContaining(expected)]);
      const r = await s.run();
      expect(r.ok).toBe(false);
      expect(r.diagnostics[0]).toMatchObject(expected);
      expect(r.diagnostics[0]?.message).toContain('in.json is truncated: it ends inside');
    } finally {
      s.close();
    }
  });
});
