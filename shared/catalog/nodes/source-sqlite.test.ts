import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileDir, compileErrors, docOf, planOf } from '../../../test/compile-kit';

/* Compiles to the spec the SQLite connector reads (electron/engine/connectors/sqlite/ reads real files). */

describe('source.sqlite', () => {
  it('names its file, for the sandbox and for errors', () => {
    const plan = planOf(
      docOf({ id: 'c', type: 'source.sqlite', params: { path: 'shop.sqlite', mode: 'query', query: 'SELECT 1' } }),
    );
    expect(plan.steps[0]?.reads).toEqual([{ path: path.join(compileDir, 'shop.sqlite'), kind: 'file' }]);
    expect(
      compileErrors(docOf({ id: 'c', type: 'source.sqlite', params: { path: 'nope.sqlite', table: 't' } })),
    ).toEqual([`c.path: file not found: ${path.join(compileDir, 'nope.sqlite')}`]);
  });
});
