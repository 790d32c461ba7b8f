import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { pipeline } from './pipeline-builder';
import { duto, requireBuiltCli, tmp } from './support';

/**
 * Files the CLI cannot write, and paths no file system takes: each is a clear
 * error naming the file (or the node and its param), with an exit code — never
 * "unexpected error" with Node's errno text, and never a hang (Node 20's
 * recursive mkdir loops for ever under /proc).
 */

const noStack = (text: string): boolean => !/\n\s+at /.test(text) && !text.includes('unexpected error');

function work(sinkPath = 'out.csv'): { dir: string; file: string } {
  const dir = tmp('file-errors');
  writeFileSync(join(dir, 'o.csv'), 'id,amount\n1,5\n2,50\n');
  const file = join(dir, 'p.duto.json');
  writeFileSync(
    file,
    JSON.stringify(
      pipeline()
        .node('o', 'source.csv', { path: 'o.csv' })
        .node('out', 'sink.csv', { path: sinkPath }, { in: 'o' })
        .build(),
    ),
  );
  return { dir, file };
}

describe('files the CLI cannot write', () => {
  beforeAll(requireBuiltCli);

  it('--junit naming a folder: the run says so and fails, its outputs written', () => {
    const { dir, file } = work();
    mkdirSync(join(dir, 'reports'));
    const r = duto(['run', file, '--trust', '--junit', join(dir, 'reports')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`--junit ${join(dir, 'reports')}: cannot write ${join(dir, 'reports')}: it is a folder`);
    expect(r.stdout).toContain('2 of 2 nodes done');
    expect(readFileSync(join(dir, 'out.csv'), 'utf8')).toBe('id,amount\n1,5\n2,50\n');
    expect(noStack(r.stderr)).toBe(true);
  });

  it('merge into a folder that does not exist, export into a device or under /proc: usage errors naming the path', () => {
    const { dir, file } = work();
    const cases: Array<[string[], string]> = [
      [['merge', file, file, file, '-o', join(dir, 'none', 'x.duto.json')], 'no such file or folder'],
      [
        ['export', 'github-actions', file, '-o', '/dev/null'],
        'cannot make the folder /dev/null: something else is already there',
      ],
      [
        ['export', 'cron', file, '--schedule', '0 * * * *', '-o', '/proc/duto-none'],
        'cannot make the folder /proc/duto-none',
      ],
    ];
    for (const [args, message] of cases) {
      const r = duto(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toContain(message);
      expect(noStack(r.stderr), r.stderr).toBe(true);
    }
  });

  it('a sink under /proc fails at once on its node, instead of looping for ever', () => {
    const { file } = work('/proc/duto-none/out.csv');
    const started = Date.now();
    const r = duto(['run', file, '--trust']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error \[out path\] .*\/proc\/duto-none/m);
    expect(Date.now() - started).toBeLessThan(20_000);
  });
});

describe('paths no file system takes', () => {
  beforeAll(requireBuiltCli);

  it('a NUL, a name over 255 bytes, a written name over 200: errors on the node and its param, in English and Portuguese', () => {
    const cases: Array<[string, string, string]> = [
      ['a\u0000b.csv', 'a path cannot contain a NUL character', 'um caminho não pode conter o caractere NUL'],
      [
        `${'é'.repeat(101)}.csv`, // 206 bytes
        'a file name Duto writes may be at most 200 bytes long',
        'um nome de arquivo que o Duto grava pode ter no máximo 200 bytes',
      ],
    ];
    for (const [path, en, pt] of cases) {
      const { file, dir } = work(path);
      const r = duto(['run', file, '--trust']);
      expect(r.code, path).toBe(2);
      expect(r.stderr).toContain(`error [out path] ${en}`);
      expect(noStack(r.stderr)).toBe(true);
      expect(duto(['validate', file], dir, { LANG: 'pt_BR.UTF-8' }).stderr).toContain(`[out path] ${pt}`);
    }
    const { dir } = work();
    const long = join(dir, 'long.duto.json');
    writeFileSync(
      long,
      JSON.stringify(
        pipeline()
          .node('o', 'source.csv', { path: `${'x'.repeat(256)}.csv` })
          .build(),
      ),
    );
    const r = duto(['validate', long]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('error [o path] a name in this path is longer than 255 bytes');
    // Through a pipeline param too: the value is checked after substitution.
    const viaParam = join(dir, 'param.duto.json');
    writeFileSync(
      viaParam,
      JSON.stringify({
        ...pipeline()
          .node('o', 'source.csv', { path: 'o.csv' })
          .node('out', 'sink.csv', { path: '${target}' }, { in: 'o' })
          .build(),
        params: { target: { default: 'x\u0000.csv' } },
      }),
    );
    const p = duto(['run', viaParam, '--trust']);
    expect(p.code).toBe(2);
    expect(p.stderr).toContain('error [out path] a path cannot contain a NUL character');
    expect(existsSync(join(dir, 'x'))).toBe(false);
  });
});
