import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runOk, tmpDir } from '../../../test/catalog-kit';
import { pipeline } from '../../../test/pipeline-builder';

const CSV = 'id,name\n1,"Ann, A."\n2,Bob\n';

describe('sink.json', () => {
  it('writes NDJSON or an array, read back by source.json', async () => {
    const dir = tmpDir({ 'a.csv': CSV });
    const doc = pipeline()
      .node('a', 'source.csv', { path: 'a.csv' })
      .node('nd', 'sink.json', { path: 'a.ndjson' }, { in: 'a' })
      .node('arr', 'sink.json', { path: 'a.json', format: 'array' }, { in: 'a' })
      .build();
    (await runOk(doc, dir)).close();
    expect(fs.readFileSync(path.join(dir, 'a.ndjson'), 'utf8')).toBe(
      '{"id":1,"name":"Ann, A."}\n{"id":2,"name":"Bob"}\n',
    );
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'a.json'), 'utf8'))).toEqual([
      { id: 1, name: 'Ann, A.' },
      { id: 2, name: 'Bob' },
    ]);
    const back = await runOk(pipeline().node('j', 'source.json', { path: 'a.json' }).build(), dir);
    expect(await back.rows('j')).toEqual([
      { id: 1, name: 'Ann, A.' },
      { id: 2, name: 'Bob' },
    ]);
    back.close();
  });
});
