import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportCommand, type ExportOpts } from '../commands/export';
import type { Io } from '../io';
import { exportPlan } from './export-plan';
import { pyString, shellQuote, systemdQuote, yamlString } from './quoting';
import { pythonRunArgs } from './targets/python-run';

/**
 * Hostile names: every target must hand `duto run` exactly the path and
 * values it was given — spaces, both quotes, `$`, backticks, `%`, `\` — and
 * never a secret. Each is checked by running what was generated (sh, bash,
 * python3 ast.literal_eval, PyYAML) with `duto` replaced by a function that
 * prints its arguments; line breaks are refused.
 */

const NASTY = `it's a "test" $HOME \`id\` %d \\ ; & ${'${secret:X}'}`;
const SECRET = 'hunter2-very-secret-Value';
/** A password inside a default: secret-looking by value, though `dsn` is not a secret's name. */
const DSN = 'postgres://app:Sup3rS3cretPw@db.example.com/sales';

function pipeline(dir: string, file: string, defaultLabel: string): string {
  const doc = {
    format: 'duto.pipeline',
    version: 2,
    params: {
      label: { default: defaultLabel },
      api_token: {},
      dsn: { default: DSN },
      warehouse_url: { default: '${secret:WAREHOUSE}' },
    },
    nodes: [
      { id: 'src', type: 'source.csv', params: { path: 'in.csv' } },
      { id: 'out', type: 'sink.csv', inputs: { in: 'src' }, params: { path: 'out.csv' } },
    ],
  };
  writeFileSync(join(dir, file), JSON.stringify(doc));
  writeFileSync(join(dir, 'in.csv'), 'a\n1\n');
  return file;
}

const io: Io = { out: () => undefined, err: () => undefined, tty: false, columns: 80 };

async function exportTo(
  target: string,
  dir: string,
  file: string,
  opts: ExportOpts = {},
): Promise<Map<string, string>> {
  const out = join(dir, `out-${target}`);
  await exportCommand(
    target,
    [file],
    { workdir: dir, schedule: '*/15 * * * *', param: { api_token: SECRET }, ...opts, output: out },
    io,
    dir,
  );
  return new Map(readdirSync(out).map((n) => [n, readFileSync(join(out, n), 'utf8')]));
}

/** Runs a shell script with `duto` printing its arguments, NUL-separated. */
function argsFrom(shell: 'sh' | 'bash', script: string, cwd: string): string[] {
  const r = spawnSync(shell, ['-c', `duto() { printf '%s\\0' "$@"; }\n${script}`], {
    cwd,
    encoding: 'utf8',
    env: { PATH: process.env['PATH'] ?? '', HOME: '/nonexistent', DUTO_PARAM_API_TOKEN: SECRET, DUTO_PARAM_DSN: DSN },
  });
  expect(r.stderr).toBe('');
  return r.stdout.split('\0').slice(0, -1);
}

function setup(): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'duto export $ "q" '));
  mkdirSync(join(dir, 'sub dir'));
  return { dir, file: `sub dir/${pipeline(join(dir, 'sub dir'), `${NASTY.replace(/[/\\]/g, '_')}.duto.json`, NASTY)}` };
}

describe('export quoting', () => {
  it('quoters round-trip through their readers (sh, python3, PyYAML)', () => {
    const texts = [NASTY, '', "'", '"', '$$', '%%', 'ünïcødé ✓ 𝄞', '\t\u0007'];
    for (const t of texts) expect(argsFrom('sh', `duto ${shellQuote(t)}`, tmpdir())).toEqual([t]);
    // One python3 for all (it starts slowly here): each literal and each YAML scalar read back.
    const script =
      'import ast,json,sys,yaml\nq = json.load(sys.stdin)\nprint(json.dumps([[ast.literal_eval(p), yaml.safe_load("k: " + y)["k"]] for p, y in q]))';
    const py = spawnSync('python3', ['-c', script], {
      input: JSON.stringify(texts.map((t) => [pyString(t), yamlString(t)])),
      encoding: 'utf8',
    });
    expect(py.stderr).toBe('');
    expect(JSON.parse(py.stdout)).toEqual(texts.map((t) => [t, t]));
    // systemd: quotes and backslashes escaped, $ and % doubled (no expansion, no specifier).
    expect(systemdQuote('a "b" \\ $X %n')).toBe('"a \\"b\\" \\\\ $$X %%n"');
  });

  it('cron: the line, as cron and sh read it, passes the exact path and values; the secret comes from the environment', async () => {
    const { dir, file } = setup();
    const text = [...(await exportTo('cron', dir, file)).values()][0] ?? '';
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain('Sup3rS3cretPw');
    const line = text.split('\n').find((l) => l.startsWith('*/15 ')) ?? '';
    // cron turns `\%` into `%` and hands the rest to sh.
    const args = argsFrom('sh', line.slice('*/15 * * * * '.length).replace(/\\%/g, '%'), dir);
    expect(args).toEqual([
      'run',
      file,
      '-p',
      `api_token=${SECRET}`,
      '-p',
      `dsn=${DSN}`,
      '-p',
      `label=${NASTY}`,
      '-p',
      'warehouse_url=${secret:WAREHOUSE}',
    ]);
  });

  it('github-actions: the run step, as YAML and bash read it, passes the exact values; the secret is ${{ secrets.… }}', async () => {
    const { dir, file } = setup();
    const text = [...(await exportTo('github-actions', dir, file)).values()][0] ?? '';
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain('Sup3rS3cretPw');
    expect(text).toContain('DUTO_PARAM_API_TOKEN: ${{ secrets.DUTO_PARAM_API_TOKEN }}');
    expect(text).toContain('DUTO_SECRET_WAREHOUSE: ${{ secrets.DUTO_SECRET_WAREHOUSE }}');
    const y = spawnSync(
      'python3',
      [
        '-c',
        'import yaml,sys,json; print(json.dumps(yaml.safe_load(sys.stdin.read())["jobs"]["duto"]["steps"][1]["run"]))',
      ],
      { input: text, encoding: 'utf8' },
    );
    const run: unknown = JSON.parse(y.stdout);
    expect(typeof run).toBe('string');
    expect(argsFrom('bash', String(run), dir)).toEqual([
      'run',
      file,
      '-p',
      `api_token=${SECRET}`,
      '-p',
      `dsn=${DSN}`,
      '-p',
      `label=${NASTY}`,
      '-p',
      'warehouse_url=${secret:WAREHOUSE}',
    ]);
  });

  it('airflow and dagster: the arguments are Python literals of the exact values; the secret is an environment variable name', async () => {
    const { dir, file } = setup();
    const plan = await exportPlan([file], { workdir: dir, param: { api_token: SECRET } }, dir);
    const job = plan.jobs[0];
    if (job === undefined) throw new Error('no job');
    const py = spawnSync(
      'python3',
      ['-c', 'import ast,sys,json; print(json.dumps(ast.literal_eval("(" + sys.stdin.read() + ")")))'],
      { input: pythonRunArgs(job), encoding: 'utf8' },
    );
    expect(JSON.parse(py.stdout)).toEqual([
      file,
      [
        ['label', NASTY],
        ['warehouse_url', '${secret:WAREHOUSE}'],
      ],
      [
        ['api_token', 'DUTO_PARAM_API_TOKEN'],
        ['dsn', 'DUTO_PARAM_DSN'],
      ],
    ]);
    for (const target of ['airflow', 'dagster']) {
      const text = [...(await exportTo(target, dir, file)).values()][0] ?? '';
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain('Sup3rS3cretPw');
      expect(spawnSync('python3', ['-c', 'import ast,sys; ast.parse(sys.stdin.read())'], { input: text }).status).toBe(
        0,
      );
    }
  });

  it.skipIf(spawnSync('systemd-analyze', ['--version']).status !== 0)(
    'systemd: the unit passes systemd-analyze verify, with $ and % escaped and the secret as ${DUTO_PARAM_…}',
    async () => {
      const { dir, file } = setup();
      const files = await exportTo('systemd', dir, file);
      const service = [...files.entries()].find(([n]) => n.endsWith('.service'))?.[1] ?? '';
      expect(service).not.toContain(SECRET);
      expect(service).not.toContain('Sup3rS3cretPw');
      expect(service).toContain('-p "api_token=${DUTO_PARAM_API_TOKEN}"');
      expect(service).toContain(`-p ${systemdQuote(`label=${NASTY}`)}`);
      expect(service).toContain('$$HOME');
      const unitDir = mkdtempSync(join(tmpdir(), 'units-'));
      for (const [n, t] of files) writeFileSync(join(unitDir, n), t);
      const r = spawnSync('systemd-analyze', ['verify', ...[...files.keys()].map((n) => join(unitDir, n))], {
        encoding: 'utf8',
      });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
    },
  );

  it('refuses line breaks in a pipeline path or a value, for every target', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'duto-nl-'));
    const file = pipeline(dir, 'two\nlines.duto.json', 'x');
    await expect(exportTo('airflow', dir, file)).rejects.toThrow(/line break/);
    const ok = pipeline(dir, 'ok.duto.json', 'x');
    await expect(exportTo('cron', dir, ok, { param: { label: 'a\nb' } })).rejects.toThrow(/line break/);
  });

  it('github-actions refuses ${{ in a path, which GitHub would evaluate', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'duto-gh-'));
    const file = pipeline(dir, 'x ${{ github.token }}.duto.json', 'x');
    await expect(exportTo('github-actions', dir, file)).rejects.toThrow(/expression/);
  });
});
