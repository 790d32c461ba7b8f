import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { errorsOf, runOk, tmpDir } from '../../../test/catalog-kit';
import { pipeline } from '../../../test/pipeline-builder';

const CSV = 'id,name\n1,"Ann, A."\n2,Bob\n';

describe('sink.csv', () => {
  it('writes with the chosen delimiter, quote and header', async () => {
    const dir = tmpDir({ 'a.csv': CSV });
    const doc = pipeline()
      .node('a', 'source.csv', { path: 'a.csv' })
      .node('out', 'sink.csv', { path: 'out.csv', delimiter: ';', quote: "'" }, { in: 'a' })
      .node('out2', 'sink.csv', { path: 'out2.csv', header: false }, { in: 'a' })
      .build();
    const r = await runOk(doc, dir);
    expect(r.steps.find((s) => s.nodeId === 'out')?.sink).toMatchObject({ format: 'csv', path: path.join(dir, 'out.csv'), mode: 'overwrite', directory: false });
    r.close();
    expect(fs.readFileSync(path.join(dir, 'out.csv'), 'utf8')).toBe('id;name\n1;Ann, A.\n2;Bob\n');
    expect(fs.readFileSync(path.join(dir, 'out2.csv'), 'utf8')).toBe('1,"Ann, A."\n2,Bob\n');
  });

  it('names a bad delimiter', async () => {
    const dir = tmpDir({ 'a.csv': CSV });
    const doc = pipeline().node('a', 'source.csv', { path: 'a.csv' }).node('out', 'sink.csv', { path: 'out.csv', delimiter: 'ab' }, { in: 'a' }).build();
    expect(await errorsOf(doc, dir)).toEqual(['out delimiter: expected one character']);
  });
});

describe('sink.json', () => {
  it('writes NDJSON or an array, read back by source.json', async () => {
    const dir = tmpDir({ 'a.csv': CSV });
    const doc = pipeline()
      .node('a', 'source.csv', { path: 'a.csv' })
      .node('nd', 'sink.json', { path: 'a.ndjson' }, { in: 'a' })
      .node('arr', 'sink.json', { path: 'a.json', format: 'array' }, { in: 'a' })
      .build();
    (await runOk(doc, dir)).close();
    expect(fs.readFileSync(path.join(dir, 'a.ndjson'), 'utf8')).toBe('{"id":1,"name":"Ann, A."}\n{"id":2,"name":"Bob"}\n');
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'a.json'), 'utf8'))).toEqual([{ id: 1, name: 'Ann, A.' }, { id: 2, name: 'Bob' }]);
    const back = await runOk(pipeline().node('j', 'source.json', { path: 'a.json' }).build(), dir);
    expect(await back.rows('j')).toEqual([{ id: 1, name: 'Ann, A.' }, { id: 2, name: 'Bob' }]);
    back.close();
  });
});
