import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freshDir, pipeline, sessionOpener } from '../test-support';

const open = sessionOpener();

function jsonSource(text: string, name = 'in.ndjson'): { dir: string; doc: ReturnType<typeof pipeline> } {
  const dir = freshDir();
  writeFileSync(join(dir, name), text);
  return { dir, doc: pipeline({ id: 'src', type: 'source.json', params: { path: name } }) };
}

describe('a JSON field of mixed types', () => {
  it('is read as text, each value as written, with a warning naming the field', async () => {
    const { dir, doc } = jsonSource(
      '{"id":1,"v":7}\n{"id":2,"v":"seven"}\n{"id":3,"v":{"k":[1,true]}}\n{"id":4,"v":null}\n',
    );
    const s = await open(doc, dir);
    const v = await s.validate();
    expect(v.diagnostics).toEqual([
      expect.objectContaining({ severity: 'warning', code: 'source.mixed-types', nodeId: 'src', param: 'path' }),
    ]);
    expect(v.diagnostics[0]?.message).toContain('"v"');
    const p = await s.preview('src', 10);
    expect(p.columns).toEqual([
      { name: 'id', type: 'BIGINT' },
      { name: 'v', type: 'VARCHAR' },
    ]);
    expect(p.rows).toEqual([
      [1, '7'],
      [2, 'seven'],
      [3, '{"k":[1,true]}'],
      [4, null],
    ]);
    expect(p.warnings?.map((w) => w.code)).toEqual(['source.mixed-types']);
  });

  it('leaves fields of one type alone', async () => {
    const { dir, doc } = jsonSource('[{"a":1,"b":"x"},{"a":2,"b":"y"}]', 'in.json');
    const s = await open(doc, dir);
    expect((await s.validate()).diagnostics).toEqual([]);
    expect((await s.schema('src')).columns.map((c) => c.type)).toEqual(['BIGINT', 'VARCHAR']);
  });
});

describe('top-level scalars', () => {
  it('become rows of one column named json', async () => {
    const { dir, doc } = jsonSource('[1, 2, 3]', 'in.json');
    const s = await open(doc, dir);
    const p = await s.preview('src', 10);
    expect(p.columns).toEqual([{ name: 'json', type: 'BIGINT' }]);
    expect(p.rows).toEqual([[1], [2], [3]]);
  });
});

describe('a JSON file changed after the session opened', () => {
  it('is checked again before a preview reads it', async () => {
    const { dir, doc } = jsonSource('{"a":1}\n');
    const s = await open(doc, dir);
    expect((await s.preview('src', 10)).rows).toEqual([[1]]);
    writeFileSync(join(dir, 'in.ndjson'), `{"a":${'['.repeat(50_000)}\n`);
    await expect(s.preview('src', 5)).rejects.toMatchObject({
      diagnostics: [
        expect.objectContaining({ code: 'source.malformed', nodeId: 'src', file: join(dir, 'in.ndjson'), line: 1 }),
      ],
    });
  });
});

describe('repeated keys', () => {
  it('are read last wins, with a warning naming file, line and column', async () => {
    const { dir, doc } = jsonSource('[{"a":1,"b":{"x":1,"x":"s"},"a":2},\n {"a":3,"b":{"x":"t"}}]', 'in.json');
    const s = await open(doc, dir);
    const v = await s.validate();
    expect(v.diagnostics).toEqual([
      expect.objectContaining({
        severity: 'warning',
        code: 'source.duplicate-key',
        nodeId: 'src',
        file: join(dir, 'in.json'),
        line: 1,
        column: 20,
      }),
    ]);
    expect(v.diagnostics[0]?.message).toContain('the key "x" appears twice');
    const p = await s.preview('src', 10);
    expect(p.rows).toEqual([
      [2, "{'x': s}"],
      [3, "{'x': t}"],
    ]);
    const r = await s.run();
    expect(r.ok).toBe(true);
  });

  it('cannot be read with the file-name column', async () => {
    const dir = freshDir();
    writeFileSync(join(dir, 'in.ndjson'), '{"a":1,"a":2}\n');
    const s = await open(
      pipeline({ id: 'src', type: 'source.json', params: { path: 'in.ndjson', filenameColumn: 'f' } }),
      dir,
    );
    const v = await s.validate();
    expect(v.diagnostics).toEqual([
      expect.objectContaining({ severity: 'error', code: 'source.duplicate-key', nodeId: 'src', line: 1, column: 8 }),
    ]);
    expect(v.diagnostics[0]?.message).not.toMatch(/sample_size|ignore_errors/);
  });
});
