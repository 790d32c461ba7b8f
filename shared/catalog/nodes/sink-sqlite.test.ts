import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileDir, compileErrors, docOf, planOf } from '../../../test/compile-kit';
import type { PipelineNode } from '../../format/document';

/* Compiles to the spec the SQLite connector writes (electron/engine/connectors/sqlite/ writes real files). */

const src: PipelineNode = { id: 'src', type: 'source.postgres', params: { connection: 'warehouse', table: 'orders' } };

describe('sink.sqlite', () => {
  it('writes a table of a database file, named for the sandbox; an upsert keeps its keys', () => {
    const plan = planOf(
      docOf(src, {
        id: 'out',
        type: 'sink.sqlite',
        inputs: { in: 'src' },
        params: { path: 'out.sqlite', table: 'orders', mode: 'upsert', keyColumns: ['id'] },
      }),
    );
    const file = path.join(compileDir, 'out.sqlite');
    expect(plan.steps[1]?.externalSink).toMatchObject({
      kind: 'sqlite',
      input: '"src"',
      file,
      describe: `${file}: orders`,
      config: { mode: 'upsert', keyColumns: ['id'], path: file },
    });
  });

  it('refuses a folder as its file', () => {
    expect(
      compileErrors(
        docOf(src, { id: 'out', type: 'sink.sqlite', inputs: { in: 'src' }, params: { path: '.', table: 't' } }),
      ),
    ).toEqual([`out.path: ${compileDir} is a folder; give a file name`]);
  });
});
