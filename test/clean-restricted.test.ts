import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { duto, requireBuiltCli, tmp } from './support';

/**
 * `duto clean --remove` sweeps what dead runs left beside a pipeline's outputs. A pipeline from elsewhere
 * (restricted) names its sink folders itself: it is cleaned only inside its own folder, never where its
 * file points outside (it renamed and deleted a stranger's files there).
 */

beforeAll(requireBuiltCli);

describe('duto clean of a restricted pipeline', () => {
  it('lists and sweeps only its own folder; trusted, the outside one too', () => {
    const root = tmp('duto-clean-');
    const proj = join(root, 'proj');
    const victim = join(root, 'victim');
    mkdirSync(proj);
    mkdirSync(victim);
    // What a run of a process that no longer exists (pid 999999) left beside both outputs.
    const outside = join(victim, '.duto-tmp-999999-abc-new-report.csv');
    const inside = join(proj, '.duto-tmp-999999-abc-new-own.csv');
    writeFileSync(outside, 'x\n');
    writeFileSync(inside, 'x\n');
    const file = join(proj, 'c.duto.json');
    writeFileSync(
      file,
      JSON.stringify({
        format: 'duto.pipeline',
        version: 2,
        name: 'c',
        nodes: [
          { id: 'src', type: 'source.csv', params: { path: 'in.csv' } },
          { id: 'own', type: 'sink.csv', inputs: { in: 'src' }, params: { path: 'own.csv' } },
          { id: 'far', type: 'sink.csv', inputs: { in: 'src' }, params: { path: join(victim, 'report.csv') } },
        ],
      }),
    );
    const home = { HOME: join(root, 'home'), XDG_CONFIG_HOME: join(root, 'home', '.config') };
    const r = duto(['clean', file, '--remove'], proj, home);
    expect(r.stderr).toContain(`not checked: ${victim} is outside this pipeline's folder`);
    expect(r.stdout).toContain(`removed ${inside}`);
    expect(r.stdout).not.toContain(victim);
    expect(existsSync(outside)).toBe(true);
    expect(existsSync(inside)).toBe(false);
    const trusted = duto(['clean', file, '--remove', '--trust'], proj, home);
    expect(trusted.stdout).toContain(`removed ${outside}`);
    expect(existsSync(outside)).toBe(false);
  });
});
