import { describe, expect, it } from 'vitest';
import { catalog } from '../../../shared/catalog/index';
import { compilePipeline } from '../../../shared/compiler/compile';
import type { PipelineDocument } from '../../../shared/format/document';
import { error } from '../../../shared/diagnostics';
import { ipcErrorText, localizedDiagnostic, paramPlace } from './diagnostic-text';

const cast = catalog.get('transform.cast');

/** A cast of a column the input does not have, compiled for real: the diagnostic the app gets. */
function castOfMissingColumn() {
  const doc: PipelineDocument = {
    format: 'duto.pipeline',
    version: 2,
    nodes: [
      { id: 'orders', type: 'source.csv', params: { path: 'orders.csv' } },
      {
        id: 'typed',
        type: 'transform.cast',
        inputs: { in: 'orders' },
        params: {
          casts: [
            { column: 'amount', type: 'DOUBLE' },
            { column: 'nope', type: 'BIGINT' },
          ],
        },
      },
    ],
  };
  const plan = compilePipeline(
    doc,
    { catalog, resolvePath: (p) => `/data/${p}`, statPath: () => 'file', glob: () => ({ files: [] }) },
    () => [{ name: 'amount', type: 'VARCHAR' }],
  );
  const d = plan.diagnostics.find((x) => x.nodeId === 'typed' && x.severity === 'error');
  if (d === undefined) throw new Error(`no error on typed: ${JSON.stringify(plan.diagnostics)}`);
  return d;
}

describe('a param path as a user reads it', () => {
  it('names the list by its label, the row from 1, and the field by its label, in the locale', () => {
    expect(paramPlace(cast, 'casts.0.column', 'en')).toBe('Conversions, row 1, Column');
    expect(paramPlace(cast, 'casts[1].type', 'pt-BR')).toBe('Conversões, linha 2, Novo tipo');
    expect(paramPlace(cast, 'casts', 'pt-BR')).toBe('Conversões');
  });

  it('leaves out what the node type does not describe, rather than showing a raw path', () => {
    expect(paramPlace(cast, 'nope.0.x', 'pt-BR')).toBeUndefined();
    expect(paramPlace(undefined, 'casts.0.column', 'pt-BR')).toBeUndefined();
  });
});

describe('a compile diagnostic shown in Portuguese', () => {
  it('says the message in Portuguese, led by the place, with no internal path', () => {
    const d = castOfMissingColumn();
    expect(d.param).toBe('casts[1].column');
    expect(d.message).toBe('unknown column "nope" in input "in"');
    const shown = localizedDiagnostic(d, cast, 'pt-BR', true);
    expect(shown).toBe('Conversões, linha 2, Coluna: coluna desconhecida "nope" na entrada "in"');
    expect(shown).not.toMatch(/casts/);
    expect(localizedDiagnostic(d, cast, 'en', true)).toBe(
      'Conversions, row 2, Column: unknown column "nope" in input "in"',
    );
    expect(localizedDiagnostic(d, cast, 'pt-BR', false)).toBe('coluna desconhecida "nope" na entrada "in"');
  });
});

describe('an operation error shown in Portuguese', () => {
  it('uses its diagnostics when it carries them, else its English message', () => {
    const d = error('connections.exists', { name: 'warehouse' });
    expect(ipcErrorText({ message: d.message, diagnostics: [d] }, 'pt-BR')).toBe('já existe uma conexão "warehouse"');
    expect(ipcErrorText({ message: 'transport failed' }, 'pt-BR')).toBe('transport failed');
  });
});
