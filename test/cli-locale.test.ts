import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { duto, requireBuiltCli, tmp } from './support';

/* The CLI's diagnostics in the language of LANG (pt_BR: Portuguese), English by default; --json keeps English messages with their code and args. */

let dir = '';

beforeAll(() => {
  requireBuiltCli();
  dir = tmp('cli-locale');
  writeFileSync(join(dir, 'orders.csv'), 'id,amount\n1,10\n2,20\n');
  const doc = {
    format: 'duto.pipeline',
    version: 2,
    nodes: [
      { id: 'orders', type: 'source.csv', params: { path: 'orders.csv' } },
      {
        id: 'typed',
        type: 'transform.cast',
        inputs: { in: 'orders' },
        params: { casts: [{ column: 'nope', type: 'BIGINT' }] },
      },
    ],
  };
  writeFileSync(join(dir, 'p.duto.json'), JSON.stringify(doc));
});

describe('duto validate in the language of LANG', () => {
  it('speaks Portuguese under pt_BR', () => {
    const r = duto(['validate', 'p.duto.json', '--trust'], dir, { LANG: 'pt_BR.UTF-8' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('coluna desconhecida "nope" na entrada "in"');
    expect(r.stderr).not.toContain('unknown column');
  });

  it('speaks English by default, and --json carries the code, variant and args beside the English message', () => {
    expect(duto(['validate', 'p.duto.json', '--trust'], dir).stderr).toContain('unknown column "nope" in input "in"');
    const r = duto(['validate', 'p.duto.json', '--trust', '--json'], dir, { LANG: 'pt_BR.UTF-8' });
    const out: unknown = JSON.parse(r.stdout);
    expect(out).toMatchObject({
      diagnostics: expect.arrayContaining([
        expect.objectContaining({
          code: 'node.check',
          variant: 'unknown-column',
          args: { column: 'nope', port: 'in' },
          message: 'unknown column "nope" in input "in"',
        }),
      ]),
    });
  });
});
