import { describe, expect, it } from 'vitest';
import { diagnosticText } from '../../shared/diagnostics';
import { said } from '../../shared/messages/diagnostic-messages';
import { hostError, toIpcError } from './host-error';

describe('a host error said through a template', () => {
  it('crosses with its diagnostic, so the renderer can show it in the user’s language', () => {
    const e = toIpcError(hostError(said('file.encoding', { file: '/x/a.bin' })));
    expect(e.code).toBe('file.encoding');
    expect(e.message).toBe('cannot open /x/a.bin: it is not UTF-8 text (is it a pipeline file?)');
    const d = e.diagnostics?.[0];
    expect(d === undefined ? '' : diagnosticText(d, 'pt-BR')).toBe(
      'não foi possível abrir /x/a.bin: não é texto UTF-8 (é um arquivo de pipeline?)',
    );
  });
});
