import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runOk, tmpDir } from '../../../test/catalog-kit';
import { pipeline } from '../../../test/pipeline-builder';

describe('source.json', () => {
  const dir = tmpDir({
    'a.json': '[{"id": 1, "name": "Ann"}, {"id": 2, "name": "Bob"}]',
    'logs/1.ndjson': '{"id": 3, "level": "info"}\n{"id": 4, "level": "warn"}\n',
    'logs/2.ndjson': '{"id": 5, "extra": true}\n',
  });

  it('reads an array and emits the json-valid check', async () => {
    const r = await runOk(
      pipeline()
        .node('src', 'source.json', {
          path: 'a.json',
          format: 'array',
          columnTypes: [{ column: 'id', type: 'VARCHAR' }],
        })
        .build(),
      dir,
    );
    expect(await r.rows('src')).toEqual([
      { id: '1', name: 'Ann' },
      { id: '2', name: 'Bob' },
    ]);
    expect(r.steps[0]?.checks).toEqual([
      { kind: 'json-valid', pattern: path.join(dir, 'a.json'), format: 'array', param: 'path', pathsMatter: false },
    ]);
    r.close();
  });

  it('reads a folder of NDJSON files by name, with the file name', async () => {
    const r = await runOk(
      pipeline()
        .node('src', 'source.json', { path: 'logs', format: 'newline_delimited', filenameColumn: 'file' })
        .build(),
      dir,
    );
    const rows = await r.rows('src', 'id');
    expect(rows.map((row) => [row['id'], row['level'], row['extra'], path.basename(String(row['file']))])).toEqual([
      [3, 'info', null, '1.ndjson'],
      [4, 'warn', null, '1.ndjson'],
      [5, null, true, '2.ndjson'],
    ]);
    expect(r.steps[0]?.checks).toEqual([
      {
        kind: 'json-valid',
        pattern: path.join(dir, 'logs', '*.*json*'),
        format: 'newline_delimited',
        param: 'path',
        pathsMatter: true,
      },
    ]);
    r.close();
  });
});
