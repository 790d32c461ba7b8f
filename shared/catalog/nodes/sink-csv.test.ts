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
    expect(r.steps.find((s) => s.nodeId === 'out')?.sink).toMatchObject({
      format: 'csv',
      path: path.join(dir, 'out.csv'),
      mode: 'overwrite',
      directory: false,
    });
    r.close();
    expect(fs.readFileSync(path.join(dir, 'out.csv'), 'utf8')).toBe('id;name\n1;Ann, A.\n2;Bob\n');
    expect(fs.readFileSync(path.join(dir, 'out2.csv'), 'utf8')).toBe('1,"Ann, A."\n2,Bob\n');
  });

  it('names a bad delimiter', async () => {
    const dir = tmpDir({ 'a.csv': CSV });
    const doc = pipeline()
      .node('a', 'source.csv', { path: 'a.csv' })
      .node('out', 'sink.csv', { path: 'out.csv', delimiter: 'ab' }, { in: 'a' })
      .build();
    expect(await errorsOf(doc, dir)).toEqual(['out delimiter: expected one character']);
  });
});
