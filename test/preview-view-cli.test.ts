import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { duto, requireBuiltCli, tmp } from './support';

/** `duto preview --sort --filter`: what a preview header does in the app, headless, over the node's whole output. */
describe('duto preview --sort --filter', () => {
  let dir = '';
  beforeAll(() => {
    requireBuiltCli();
    dir = tmp('preview-view');
    writeFileSync(
      join(dir, 'o.csv'),
      `id,amount,city\n${Array.from({ length: 500 }, (_, i) => `${i + 1},${(i * 37) % 500},${i % 3 === 0 ? 'São Paulo' : 'Recife'}`).join('\n')}\n`,
    );
    writeFileSync(
      join(dir, 'p.duto.json'),
      JSON.stringify({
        format: 'duto.pipeline',
        version: 2,
        nodes: [{ id: 'o', type: 'source.csv', params: { path: 'o.csv' } }],
      }),
    );
  });

  it('sorts and filters every row, and says how many match', () => {
    const r = duto(
      [
        'preview',
        'p.duto.json',
        'o',
        '-n',
        '3',
        '--sort',
        'amount:desc',
        '--filter',
        'city=paulo',
        '--json',
        '--trust',
      ],
      dir,
    );
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.rows.map((row: unknown[]) => row[1])).toEqual([499, 498, 497]);
    expect(out.matching).toBe(167);
    const compared = duto(['preview', 'p.duto.json', 'o', '--filter', 'amount=>= 498', '--trust'], dir);
    expect(compared.stdout).toContain('of 2 matching');
  });

  it('a filter is a value, never SQL; an unknown column or a bad option is a clear error', () => {
    const hostile = duto(['preview', 'p.duto.json', 'o', '--filter', "city=x') OR true --", '--json', '--trust'], dir);
    expect(JSON.parse(hostile.stdout).matching).toBe(0);
    const unknown = duto(['preview', 'p.duto.json', 'o', '--sort', 'nope', '--trust'], dir);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain('this output has no column "nope" to sort or filter by');
    const bad = duto(['preview', 'p.duto.json', 'o', '--filter', 'nothing', '--trust'], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('expected column=text');
  });
});
