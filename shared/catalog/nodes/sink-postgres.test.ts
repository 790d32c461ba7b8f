import { describe, expect, it } from 'vitest';
import { compileErrors, docOf } from '../../../test/compile-kit';
import type { PipelineNode } from '../../format/document';

/* Compiles to the spec the PostgreSQL connector writes (electron/engine/connectors/postgres/ writes to a real server). */

const src: PipelineNode = { id: 'src', type: 'source.postgres', params: { connection: 'warehouse', table: 'orders' } };

describe('sink.postgres', () => {
  it('an upsert needs its key columns, which must exist', () => {
    expect(
      compileErrors(
        docOf(src, {
          id: 'out',
          type: 'sink.postgres',
          inputs: { in: 'src' },
          params: { connection: 'warehouse', table: 't', mode: 'upsert' },
        }),
      ),
    ).toEqual(['out.keyColumns: an upsert needs the key columns that identify a row']);
    expect(
      compileErrors(
        docOf(src, {
          id: 'out',
          type: 'sink.postgres',
          inputs: { in: 'src' },
          params: { connection: 'warehouse', table: 't', mode: 'upsert', keyColumns: ['ID'] },
        }),
      ),
    ).toEqual(['out.keyColumns: unknown column "ID" in input "in" (did you mean "id"?)']);
  });
});
