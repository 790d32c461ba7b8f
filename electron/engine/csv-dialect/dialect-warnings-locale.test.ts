import { describe, expect, it } from 'vitest';
import { recognize } from '../../../shared/messages/recognize';
import { renderMessage } from '../../../shared/messages/diagnostic-messages';
import { guessFromBytes } from './detect';

/**
 * Every warning the dialect detector gives on a real sample is one of the
 * node check's own templates, so the app says it in Portuguese too (not the
 * catch-all whose detail stays English).
 */

const guess = (text: string | Buffer) => guessFromBytes(typeof text === 'string' ? Buffer.from(text) : text, [], true);

describe("the dialect detector's warnings", () => {
  it('are each a template of their own, said in Portuguese', () => {
    const utf8 = Array.from({ length: 49 }, (_, i) => `${String(i + 1)};João;São Paulo\n`).join('');
    const samples = [
      Buffer.from([0xfe, 0xff, 0, 0x61, 0, 0x2c, 0, 0x62, 0, 0x0a, 0, 0x31, 0, 0x2c, 0, 0x32, 0, 0x0a]),
      'a,b\n1,\u0000\n',
      Buffer.concat([Buffer.from(`id;nome;cidade\n${utf8}`), Buffer.from('50;José;Brasília\n', 'latin1')]),
      'a;b;c\n1;2\n3;4;5;6;7\n8\n9;1;2;3\n',
      'a,b,c\n1,2,3\n4,5\n6,7\n8,9,10\n11,12,13\n',
      'a,b\n1,"open\n2,3\n',
      'd,v\n01/02/2024,1\n03/04/2024,2\n',
      '',
    ];
    const warnings = samples.flatMap((s) => guess(s).warnings);
    expect(warnings.length).toBeGreaterThanOrEqual(samples.length);
    for (const w of warnings) {
      const said = recognize('node.check', `the detected dialect looks wrong: ${w}`);
      expect(said?.key, w).toMatch(/^node\.check\/dialect-/);
      const pt = renderMessage(said?.key ?? '', said?.args ?? {}, 'pt-BR');
      expect(pt, w).toMatch(/^o dialeto detectado parece errado: /);
      expect(pt).not.toContain(w);
    }
  });
});
