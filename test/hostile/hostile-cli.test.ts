import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { folderSnapshot } from '../folder-snapshot';
import { dutoAwait, requireBuiltCli, tmp } from '../support';

/**
 * Hostile pipelines through the built CLI (ARCHITECTURE.md, Walls; issue #8): one file
 * per class of attack, in a project folder beside a victim folder, with a
 * home of its own. Every design-time command — validate, schema, preview,
 * docs, lineage, sql — trusted or not, writes nothing anywhere in the
 * project, the victim or the home; each refusal names the node and the
 * param; a run of an untrusted file is refused; trusted, the walls still
 * hold; no secret reaches the file's host.
 */

const PIPELINES = fileURLToPath(new URL('./pipelines/', import.meta.url));
const TOKEN = 'tok-4f1c9a-never-leaves';
const PASSWORD = 'pw-77b2e0-never-leaves';
const DATA = 'id,amount,status\n1,10,paid\n2,-5,void\n3,7,paid\n';

interface World {
  root: string;
  project: string;
  victim: string;
  file: string;
  env: Record<string, string>;
  /** Everything under the root (project, victim, home), to compare before and after. */
  snapshot(): Record<string, string>;
}

function world(fixture: string): World {
  const root = tmp('hostile');
  const project = join(root, 'project');
  const victim = join(root, 'victim');
  const home = join(root, 'home');
  for (const d of [project, victim, join(home, 'config'), join(home, 'data'), join(home, 'cache')])
    mkdirSync(d, { recursive: true });
  writeFileSync(join(project, 'data.csv'), DATA);
  writeFileSync(join(project, 'notes.txt'), 'my notes\n');
  writeFileSync(join(victim, 'precious.txt'), 'do not touch\n');
  const file = join(project, fixture);
  copyFileSync(join(PIPELINES, fixture), file);
  const env = {
    HOME: home,
    XDG_CONFIG_HOME: join(home, 'config'),
    XDG_DATA_HOME: join(home, 'data'),
    XDG_CACHE_HOME: join(home, 'cache'),
    DUTO_SECRET_API_TOKEN: TOKEN,
    DUTO_CONN_WAREHOUSE_PASSWORD: PASSWORD,
  };
  return { root, project, victim, file, env, snapshot: () => folderSnapshot(root) };
}

const DESIGN = (file: string, node: string): string[][] => [
  ['validate', file],
  ['validate', file, '--json'],
  ['schema', file, node],
  ['preview', file, node],
  ['docs', file],
  ['lineage', file, '--json'],
  ['sql', file],
];

async function designCommands(
  w: World,
  node: string,
  extra: string[],
): Promise<Array<{ args: string[]; code: number | null; out: string }>> {
  const results = [];
  for (const args of DESIGN(w.file, node)) {
    const r = await dutoAwait([...args, ...extra], w.project, w.env);
    results.push({ args, code: r.code, out: r.stdout + r.stderr });
  }
  return results;
}

beforeAll(() => requireBuiltCli());

describe('hostile pipelines: design time writes nothing, trusted or not', () => {
  for (const [fixture, node] of [
    ['stacked-sql.duto.json', 'stack_filter'],
    ['sandbox-widening.duto.json', 'root_glob'],
    ['destructive-sinks.duto.json', 'src'],
    ['param-payloads.duto.json', 'by_status'],
  ] as const) {
    it(`${fixture}: validate, schema, preview, docs, lineage and sql touch nothing`, async () => {
      const w = world(fixture);
      const victimFile = join(w.victim, 'owned.csv');
      const params = ['--param', `victim=${victimFile}`].filter(
        () => fixture !== 'sandbox-widening.duto.json' && fixture !== 'destructive-sinks.duto.json',
      );
      const before = w.snapshot();
      for (const trust of [[], ['--trust']]) {
        const results = await designCommands(w, node, [...params, ...trust]);
        for (const r of results) expect(r.out, r.args.join(' ')).not.toMatch(/at .*\.js:\d+|unexpected error/);
        expect(w.snapshot()).toEqual(before);
      }
    });
  }
});

describe('hostile pipelines: each refusal names the node and the param', () => {
  it('stacked SQL', async () => {
    const w = world('stacked-sql.duto.json');
    const r = await dutoAwait(
      ['validate', w.file, '--json', '--param', `victim=${join(w.victim, 'owned.csv')}`],
      w.project,
      w.env,
    );
    expect(r.code).toBe(2);
    const diags = (
      JSON.parse(r.stdout) as {
        diagnostics: Array<{ nodeId?: string; param?: string; code: string; severity: string }>;
      }
    ).diagnostics.filter((d) => d.severity === 'error');
    const at = (id: string) => diags.find((d) => d.nodeId === id);
    for (const [id, param] of [
      ['stack_filter', 'condition'],
      ['comment_filter', 'condition'],
      ['dollar_filter', 'condition'],
      ['estring_filter', 'condition'],
      ['nested_filter', 'condition'],
      ['unicode_filter', 'condition'],
      ['table_fn_filter', 'condition'],
      ['logging_filter', 'condition'],
      ['stack_derive', 'columns[0].expression'],
      ['stack_check', 'checks[0].condition'],
      ['stack_query', 'query'],
      ['attach_query', 'query'],
      ['file_query', 'query'],
    ])
      expect(at(id ?? ''), id).toMatchObject({ code: 'sql.refused', param });
  });

  it('sandbox widening', async () => {
    const w = world('sandbox-widening.duto.json');
    for (const trust of [[], ['--trust']]) {
      const r = await dutoAwait(['validate', w.file, '--json', ...trust], w.project, w.env);
      expect(r.code).not.toBe(0);
      const diags = (
        JSON.parse(r.stdout) as {
          diagnostics: Array<{ nodeId?: string; param?: string; message: string; severity: string }>;
        }
      ).diagnostics.filter((d) => d.severity === 'error');
      const at = (id: string) => diags.find((d) => d.nodeId === id);
      expect(at('root_glob')).toMatchObject({ param: 'path', message: expect.stringMatching(/too wide/) });
      expect(at('everything')).toMatchObject({ param: 'path', message: expect.stringMatching(/too wide/) });
      expect(at('folder_root')).toMatchObject({ param: 'path', message: expect.stringMatching(/too wide/) });
      expect(diags.filter((d) => d.nodeId === 'broken').map((d) => d.param)).toContain('condition');
      if (trust.length === 0) {
        for (const id of ['sibling', 'passwd'])
          expect(at(id), id).toMatchObject({
            param: 'path',
            message: expect.stringMatching(/outside this pipeline's folder/),
          });
        // Its base holds the home folder of this test's world: too wide, before being outside.
        expect(at('up_glob')).toMatchObject({ param: 'path', message: expect.stringMatching(/too wide/) });
      }
    }
    const r = await dutoAwait(['preview', w.file, 'sibling'], w.project, w.env);
    expect(r.code).not.toBe(0);
    expect(r.stdout).not.toContain('do not touch');
  });

  it('destructive sinks: refused even when trusted, and nothing is deleted', async () => {
    const w = world('destructive-sinks.duto.json');
    const before = w.snapshot();
    const r = await dutoAwait(['run', w.file, '--trust', '--json'], w.project, w.env);
    expect(r.code).toBe(2);
    const out = r.stdout + r.stderr;
    for (const id of ['wipe_folder', 'wipe_parent', 'wipe_victim', 'over_pipeline', 'over_source'])
      expect(out, id).toMatch(new RegExp(`${id}[^\\n]*refused|"nodeId":\\s*"${id}"`));
    const after = w.snapshot();
    // Only the run's own history and cache records may appear, in the home.
    expect(Object.keys(after).filter((k) => !k.startsWith('home/'))).toEqual(
      Object.keys(before).filter((k) => !k.startsWith('home/')),
    );
    expect(readFileSync(join(w.victim, 'precious.txt'), 'utf8')).toBe('do not touch\n');
    expect(readFileSync(join(w.project, 'data.csv'), 'utf8')).toBe(DATA);
  });
});

describe('hostile pipelines: runs', () => {
  it('an untrusted pipeline is not run, and says what it would touch', async () => {
    const w = world('param-payloads.duto.json');
    writeFileSync(
      w.file,
      readFileSync(w.file, 'utf8').replace(
        '"nodes": [',
        '"nodes": [\n    { "id": "w", "type": "sink.csv", "inputs": { "in": "by_min" }, "params": { "path": "out.csv" } },',
      ),
    );
    const before = w.snapshot();
    const r = await dutoAwait(['run', w.file], w.project, w.env);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/not trusted on this machine.*would write .*out\.csv.*--trust/s);
    expect(w.snapshot()).toEqual(before);
    // Trusted by `duto trust FOLDER`, the same command runs.
    expect((await dutoAwait(['trust', w.project], w.project, w.env)).code).toBe(0);
    expect((await dutoAwait(['run', w.file], w.project, w.env)).code).toBe(0);
    expect(readFileSync(join(w.project, 'out.csv'), 'utf8')).toBe(
      'id,amount,status\n1,10,paid\n2,-5,void\n3,7,paid\n'
        .split('\n')
        .filter((l, i) => i === 0 || (l !== '' && !l.includes('-5')))
        .join('\n') + '\n',
    );
  });

  it('--param payloads are values: compared with, never run', async () => {
    const w = world('param-payloads.duto.json');
    const before = w.snapshot();
    const payload = `x') OR 1=1; COPY (SELECT 1) TO '${join(w.victim, 'owned.csv')}'; SELECT ('`;
    const r = await dutoAwait(
      ['preview', w.file, 'by_status', '--json', '--param', `status=${payload}`, '--trust'],
      w.project,
      w.env,
    );
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { rows: unknown[] }).rows).toEqual([]);
    const bad = await dutoAwait(['validate', w.file, '--param', 'min=0 OR 1=1'], w.project, w.env);
    expect(bad.code).toBe(2);
    expect(bad.stderr + bad.stdout).toMatch(/by_min.*condition.*parameter "min" is a number/);
    expect(w.snapshot()).toEqual(before);
  });
});

describe("hostile pipelines: secrets never go to the file's host", () => {
  let server: Server;
  let port = 0;
  const received: Buffer[] = [];
  beforeAll(async () => {
    server = createServer((socket) => {
      socket.on('data', (b: Buffer) => received.push(b));
      socket.on('error', () => undefined);
      setTimeout(() => socket.destroy(), 200);
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const address = server.address();
    port = typeof address === 'object' && address !== null ? address.port : 0;
  });
  afterAll(() => new Promise<void>((done) => server.close(() => done())));

  it('untrusted: no connection at all, from any design-time command or a run', async () => {
    const w = world('secrets-away.duto.json');
    writeFileSync(
      join(w.project, 'duto.connections.json'),
      JSON.stringify({
        format: 'duto.connections',
        version: 1,
        connections: { warehouse: { kind: 'postgres', host: '127.0.0.1', port, database: 'x', user: 'x' } },
      }),
    );
    received.length = 0;
    await designCommands(w, 'steal_header', ['--param', `port=${String(port)}`]);
    await dutoAwait(['run', w.file, '--param', `port=${String(port)}`], w.project, w.env);
    expect(received).toEqual([]);
  });

  it("trusted: a secret bound to its origin and a password of the user's own connection never go there", async () => {
    const w = world('secrets-away.duto.json');
    writeFileSync(
      join(w.project, 'duto.connections.json'),
      JSON.stringify({
        format: 'duto.connections',
        version: 1,
        connections: { warehouse: { kind: 'postgres', host: '127.0.0.1', port, database: 'x', user: 'x' } },
      }),
    );
    received.length = 0;
    const env = { ...w.env, DUTO_SECRET_API_TOKEN_ORIGINS: 'https://api.example.com' };
    const r = await dutoAwait(['validate', w.file, '--trust', '--param', `port=${String(port)}`], w.project, env);
    expect(r.stdout + r.stderr).toMatch(/steal_header[^\n]*API_TOKEN[^\n]*https:\/\/api\.example\.com/);
    expect(r.stdout + r.stderr).not.toContain(TOKEN);
    const all = Buffer.concat(received).toString('latin1');
    expect(all).not.toContain(TOKEN);
    expect(all).not.toContain(PASSWORD);
  });
});

describe('hostile inputs: non-regular files', () => {
  it('a FIFO named like a CSV is refused at once, naming the node', async () => {
    const w = world('param-payloads.duto.json');
    expect(spawnSync('mkfifo', [join(w.project, 'pipe.csv')]).status).toBe(0);
    writeFileSync(
      w.file,
      JSON.stringify({
        format: 'duto.pipeline',
        version: 1,
        nodes: [{ id: 'fifo', type: 'source.csv', params: { path: 'pipe.csv' } }],
      }),
    );
    const started = Date.now();
    const r = await dutoAwait(['validate', w.file, '--trust'], w.project, w.env);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(r.code).toBe(2);
    expect(r.stdout + r.stderr).toMatch(/fifo.*path.*not a regular file/);
  });
});
