import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PipelineDocument } from '../shared/format/document';
import { parseDocumentText } from '../shared/format/parse';
import { serializeDocument } from '../shared/format/serialize';
import { BIN, duto, requireBuiltCli, tmp } from './support';

/*
 * `duto merge` as git's merge driver, in a real repository: two branches
 * edit one pipeline; git hands the file to Duto, which merges it by node and
 * param, or names each conflict and leaves a valid pipeline with our side.
 */

const FILE = 'orders.duto.json';

function git(dir: string, ...args: string[]): { code: number | null; out: string } {
  const r = spawnSync('git', args, {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', HOME: dir },
  });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

const base: PipelineDocument = {
  format: 'duto.pipeline',
  version: 2,
  nodes: [
    { id: 'src', type: 'source.csv', params: { path: 'in.csv' } },
    { id: 'big', type: 'transform.filter', inputs: { in: 'src' }, params: { condition: 'v > 10' } },
    { id: 'out', type: 'sink.parquet', inputs: { in: 'big' }, params: { path: 'out.parquet' } },
  ],
  layout: { src: { x: 0, y: 0 }, big: { x: 200, y: 0 }, out: { x: 400, y: 0 } },
};

function repo(): string {
  const dir = tmp('git-merge');
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'config', 'user.email', 'dev@example.com');
  git(dir, 'config', 'user.name', 'Dev');
  // The setup the README gives: the driver, and the attribute that selects it.
  git(dir, 'config', 'merge.duto.name', 'Duto pipeline merge');
  git(dir, 'config', 'merge.duto.driver', `"${process.execPath}" "${BIN}" merge %O %A %B`);
  writeFileSync(join(dir, '.gitattributes'), '*.duto.json merge=duto\n');
  writeFileSync(join(dir, 'in.csv'), 'v\n5\n50\n');
  write(dir, base);
  git(dir, 'add', '.');
  git(dir, 'commit', '-q', '-m', 'base');
  return dir;
}

function write(dir: string, doc: PipelineDocument): void {
  writeFileSync(join(dir, FILE), serializeDocument(doc));
}

function read(dir: string): PipelineDocument {
  const parsed = parseDocumentText(readFileSync(join(dir, FILE), 'utf8'));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.diagnostics));
  return parsed.document;
}

function edited(f: (d: PipelineDocument) => void): PipelineDocument {
  const d = structuredClone(base);
  f(d);
  return d;
}

function setParam(d: PipelineDocument, id: string, name: string, value: string): void {
  const n = d.nodes.find((x) => x.id === id);
  if (n !== undefined) n.params = { ...n.params, [name]: value };
}

beforeAll(() => requireBuiltCli());

describe('duto merge as git merge driver', () => {
  it('merges edits of two branches to different nodes and moves, with no conflict; the result validates', () => {
    const dir = repo();
    git(dir, 'checkout', '-q', '-b', 'feature');
    write(
      dir,
      edited((d) => {
        setParam(d, 'big', 'condition', 'v > 20');
        d.layout = { ...d.layout, big: { x: 220, y: 40 } };
      }),
    );
    git(dir, 'commit', '-q', '-am', 'stricter filter');
    git(dir, 'checkout', '-q', 'main');
    write(
      dir,
      edited((d) => {
        setParam(d, 'out', 'compression', 'zstd');
        d.nodes.push({ id: 'copy', type: 'sink.csv', inputs: { in: 'src' }, params: { path: 'copy.csv' } });
        // Adjacent lines of the file change on both branches: a line merge would conflict here.
        d.layout = { ...d.layout, src: { x: 0, y: 40 }, copy: { x: 200, y: 200 } };
      }),
    );
    git(dir, 'commit', '-q', '-am', 'zstd and a copy');

    const m = git(dir, 'merge', '--no-edit', 'feature');
    expect(m.out).not.toMatch(/CONFLICT/);
    expect(m.code).toBe(0);
    const merged = read(dir);
    expect(merged.nodes.map((n) => n.id)).toEqual(['src', 'big', 'out', 'copy']);
    expect(merged.nodes.find((n) => n.id === 'big')?.params).toEqual({ condition: 'v > 20' });
    expect(merged.nodes.find((n) => n.id === 'out')?.params).toEqual({ path: 'out.parquet', compression: 'zstd' });
    expect(merged.layout).toEqual({
      src: { x: 0, y: 40 },
      big: { x: 220, y: 40 },
      out: { x: 400, y: 0 },
      copy: { x: 200, y: 200 },
    });
    // Canonical form, byte for byte: re-saving it changes nothing.
    expect(readFileSync(join(dir, FILE), 'utf8')).toBe(serializeDocument(merged));
    expect(duto(['validate', join(dir, FILE)]).code).toBe(0);
  });

  it('names a real conflict; git stops the merge and the file is still a valid pipeline, with our side', () => {
    const dir = repo();
    git(dir, 'checkout', '-q', '-b', 'feature');
    write(
      dir,
      edited((d) => setParam(d, 'big', 'condition', 'v > 20')),
    );
    git(dir, 'commit', '-q', '-am', 'theirs');
    git(dir, 'checkout', '-q', 'main');
    write(
      dir,
      edited((d) => setParam(d, 'big', 'condition', 'v > 30')),
    );
    git(dir, 'commit', '-q', '-am', 'ours');

    const m = git(dir, 'merge', '--no-edit', 'feature');
    expect(m.code).not.toBe(0);
    expect(m.out).toContain(
      'conflict [nodes.big.params.condition] both sides changed it: ours "v > 30", theirs "v > 20" (base "v > 10"); ours is kept',
    );
    expect(git(dir, 'status', '--porcelain').out).toContain(`UU ${FILE}`);
    expect(read(dir).nodes.find((n) => n.id === 'big')?.params).toEqual({ condition: 'v > 30' });
  });

  it('refuses a side that is not a pipeline, writing nothing', () => {
    const dir = tmp('merge-bad');
    writeFileSync(join(dir, 'base.json'), serializeDocument(base));
    writeFileSync(join(dir, 'ours.json'), serializeDocument(base));
    writeFileSync(join(dir, 'theirs.json'), '{ "format": "duto.pipeline", "version": 1, "nodes": [ { "id": "X" } ] }');
    const before = readFileSync(join(dir, 'ours.json'), 'utf8');
    const r = duto(['merge', join(dir, 'base.json'), join(dir, 'ours.json'), join(dir, 'theirs.json')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/theirs: .*node id/);
    expect(readFileSync(join(dir, 'ours.json'), 'utf8')).toBe(before);
  });
});
