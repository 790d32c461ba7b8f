import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { duto, requireBuiltCli, tmp } from './support';

/*
 * Every command that takes --json answers an error as JSON on stdout —
 * `{ ok: false, diagnostics: [...] }`, as validate --json does — with the
 * exit code it has without --json: argument errors, a missing file, an
 * invalid document, an unknown node, a file a source cannot read.
 */

let dir = '';
const XDG = (): Record<string, string> => ({ XDG_CONFIG_HOME: join(dir, 'config') });

interface JsonError {
  ok: boolean;
  diagnostics: Array<{
    severity: string;
    code: string;
    message: string;
    file?: string;
    line?: number;
    nodeId?: string;
  }>;
}

function jsonError(args: readonly string[]): { code: number | null; out: JsonError; stderr: string } {
  const plain = duto(args, dir, XDG());
  const r = duto([...args, '--json'], dir, XDG());
  expect(r.code, `${args.join(' ')}: same exit code with --json`).toBe(plain.code);
  expect(r.code).not.toBe(0);
  const out: unknown = JSON.parse(r.stdout);
  return { code: r.code, out: out as JsonError, stderr: r.stderr };
}

beforeAll(() => {
  requireBuiltCli();
  dir = tmp('cli-json');
  writeFileSync(join(dir, 'broken.duto.json'), '{"format":"duto.pipeline",\n"version":2,\n"nodes":[}');
  writeFileSync(join(dir, 'invalid.duto.json'), '{"format":"duto.pipeline","version":2,"nodes":[{"id":"X"}]}');
  writeFileSync(join(dir, 'bad.json'), '[{"a":1},\n{"a":2');
  writeFileSync(
    join(dir, 'p.duto.json'),
    JSON.stringify({
      format: 'duto.pipeline',
      version: 2,
      nodes: [{ id: 'src', type: 'source.json', params: { path: 'bad.json' } }],
    }),
  );
});

describe('--json errors', () => {
  const commands: Array<readonly string[]> = [
    ['preview', '--trust'],
    ['schema', '--trust'],
    ['profile', '--trust'],
    ['lineage', '--trust'],
    ['validate', '--trust'],
    ['run', '--trust'],
    ['history'],
  ];
  const nodeArg = (c: string): string[] => (['preview', 'schema', 'profile'].includes(c) ? ['src'] : []);

  it('a missing pipeline file', () => {
    // history of a pipeline never run lists no runs (exit 0): not an error.
    for (const [c, ...flags] of commands.filter(([c]) => c !== 'history')) {
      const r = jsonError([c ?? '', ...flags, 'nope.duto.json', ...nodeArg(c ?? '')]);
      expect(r.out.ok, c).toBe(false);
      expect(r.out.diagnostics[0], c).toMatchObject({
        severity: 'error',
        file: expect.stringContaining('nope.duto.json'),
      });
    }
  });

  it('a document that is not JSON, or not a pipeline', () => {
    for (const [c, ...flags] of commands.filter(([c]) => c !== 'history')) {
      const broken = jsonError([c ?? '', ...flags, 'broken.duto.json', ...nodeArg(c ?? '')]);
      expect(broken.out.diagnostics[0], c).toMatchObject({
        severity: 'error',
        file: expect.stringContaining('broken.duto.json'),
      });
      const invalid = jsonError([c ?? '', ...flags, 'invalid.duto.json', ...nodeArg(c ?? '')]);
      expect(invalid.out.diagnostics.length, c).toBeGreaterThan(0);
    }
  });

  it('argument errors: an unknown option, a bad value, a missing argument, an unknown node', () => {
    expect(jsonError(['preview', '--trust', 'p.duto.json', 'src', '--limit', 'lots']).out.diagnostics[0]).toMatchObject(
      { code: 'cli.usage', message: expect.stringContaining('--limit') },
    );
    expect(jsonError(['schema', '--trust', 'p.duto.json', 'src', '--frobnicate']).out.diagnostics[0]).toMatchObject({
      code: 'cli.usage',
      message: expect.stringContaining('--frobnicate'),
    });
    expect(jsonError(['preview', 'p.duto.json']).out.diagnostics[0]).toMatchObject({ code: 'cli.usage' });
    expect(jsonError(['schema', '--trust', 'p.duto.json', 'nosuch']).out.diagnostics[0]).toMatchObject({
      code: 'cli.usage',
      message: expect.stringContaining('unknown node "nosuch"'),
    });
    expect(jsonError(['history', 'p.duto.json', '--limit', '0']).out.diagnostics[0]).toMatchObject({
      code: 'cli.usage',
    });
  });

  it("a source's file that is not valid JSON, naming the file and line", () => {
    for (const c of ['preview', 'schema', 'validate', 'run']) {
      const r = jsonError([c, '--trust', 'p.duto.json', ...nodeArg(c)]);
      const d = r.out.diagnostics.find((x) => x.severity === 'error');
      expect(d, c).toMatchObject({ code: 'source.truncated', nodeId: 'src', file: join(dir, 'bad.json'), line: 2 });
    }
  });
});
