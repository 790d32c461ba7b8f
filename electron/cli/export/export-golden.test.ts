import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportCommand, type ExportOpts } from '../commands/export';
import type { Io } from '../io';

/**
 * The example of two dependent pipelines (examples/orchestration: ingest
 * writes out/orders-staged.csv, report reads it) exported for every target
 * and compared with the golden files beside it. Regenerate them with
 * DUTO_UPDATE_GOLDEN=1. Each file is also checked by its tool's own parser
 * where one is installed here (named in each test).
 */

const ROOT = join(import.meta.dirname, '..', '..', '..');
const EXAMPLE = join(ROOT, 'examples', 'orchestration');
const GOLDEN = join(EXAMPLE, 'exported');
const FILES = ['examples/orchestration/report.duto.json', 'examples/orchestration/ingest.duto.json'];
const OPTS: ExportOpts = {
  retries: 2,
  retryDelay: 30,
  schedule: '0 6 * * 1-5',
  timezone: 'Europe/Lisbon',
  workdir: '/srv/pipelines',
};

function bufferIo(): Io & { text: () => string } {
  let out = '';
  return { out: (t) => void (out += t), err: (t) => void (out += t), tty: false, columns: 100, text: () => out };
}

async function exported(
  target: string,
  files: readonly string[] = FILES,
  opts: ExportOpts = OPTS,
  cwd = ROOT,
): Promise<Map<string, string>> {
  const dir = mkdtempSync(join(tmpdir(), 'duto-export-'));
  // The pipelines are given reader first: lineage, not the order given, puts ingest before report.
  await exportCommand(target, files, { ...opts, output: dir }, bufferIo(), cwd);
  return new Map(
    readdirSync(dir)
      .sort()
      .map((n) => [n, readFileSync(join(dir, n), 'utf8')]),
  );
}

function matchGolden(files: Map<string, string>): void {
  for (const [name, text] of files) {
    if (process.env['DUTO_UPDATE_GOLDEN'] === '1') writeFileSync(join(GOLDEN, name), text);
    expect(text, name).toBe(readFileSync(join(GOLDEN, name), 'utf8'));
  }
}

/** YAML as a YAML 1.1 loader reads it (PyYAML, as installed here), returned as JSON. */
function parseYaml(text: string): unknown {
  const r = spawnSync('python3', ['-c', 'import json,sys,yaml; print(json.dumps(yaml.safe_load(sys.stdin.read())))'], {
    input: text,
    encoding: 'utf8',
  });
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout);
}

function pythonParses(text: string): void {
  // Validator: CPython's own parser (ast.parse); Airflow and Dagster are not installed here.
  const r = spawnSync('python3', ['-c', 'import ast,sys; ast.parse(sys.stdin.read())'], {
    input: text,
    encoding: 'utf8',
  });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
}

describe('duto export, on two dependent pipelines', () => {
  it('airflow: ingest >> report, retries with exponential backoff, the schedule in its zone (validator: python3 ast.parse)', async () => {
    const files = await exported('airflow');
    matchGolden(files);
    const text = files.get('orchestration.py') ?? '';
    expect(text).toContain('task_ingest >> task_report');
    expect(text).toContain("'retry_exponential_backoff': True");
    expect(text).toContain("[('min_amount', '10'), ('out_dir', 'out')]");
    pythonParses(text);
  });

  it('dagster: report waits on ingest through a Nothing input (validator: python3 ast.parse)', async () => {
    const files = await exported('dagster');
    matchGolden(files);
    const text = files.get('orchestration_dagster.py') ?? '';
    expect(text).toContain('done_report = op_report(after_ingest=done_ingest)');
    expect(text).toContain("execution_timezone='Europe/Lisbon'");
    pythonParses(text);
  });

  it("github-actions: ingest's step before report's, on one runner (validator: PyYAML safe_load; no YAML library is a dependency of ours)", async () => {
    const files = await exported('github-actions', FILES, { ...OPTS, timezone: 'UTC' });
    matchGolden(files);
    const wf = parseYaml(files.get('orchestration.yml') ?? '') as {
      on: unknown;
      jobs: { duto: { steps: Array<{ id?: string; run?: string }> } };
    };
    expect(wf.on).toEqual({ schedule: [{ cron: '0 6 * * 1-5' }], workflow_dispatch: {} });
    expect(wf.jobs.duto.steps.map((s) => s.id)).toEqual([undefined, 'ingest', 'report']);
    expect(wf.jobs.duto.steps[2]?.run).toContain(
      'retry duto run examples/orchestration/report.duto.json -p out_dir=out',
    );
  });

  it('github-actions refuses a time zone: its schedules are UTC', async () => {
    await expect(exported('github-actions')).rejects.toThrow(/UTC/);
  });

  it('systemd: ExecStart= lines in dependency order, a timer on the same schedule (validator: systemd-analyze verify and calendar)', async () => {
    const files = await exported('systemd');
    matchGolden(files);
    const service = files.get('duto-orchestration.service') ?? '';
    const execs = service.split('\n').filter((l) => l.startsWith('ExecStart='));
    expect(execs.map((l) => /"([^"]+\.duto\.json)"/.exec(l)?.[1])).toEqual([
      'examples/orchestration/ingest.duto.json',
      'examples/orchestration/report.duto.json',
    ]);
    const timer = files.get('duto-orchestration.timer') ?? '';
    expect(timer).toContain('OnCalendar=Mon..Fri *-*-* 06:00:00 Europe/Lisbon');
    // Where systemd is installed (this project's Debian machines), its own verifier checks both units.
    if (spawnSync('systemd-analyze', ['--version']).status === 0) verifyUnits(files);
  });

  it('cron: one line, ingest then report, each retried (validator: sh -n)', async () => {
    const files = await exported('cron');
    matchGolden(files);
    const text = files.get('orchestration.crontab') ?? '';
    const line = text.split('\n').find((l) => l.startsWith('0 6 * * 1-5 ')) ?? '';
    expect(line.indexOf('ingest.duto.json')).toBeLessThan(line.indexOf('report.duto.json'));
    expect(text).toContain('CRON_TZ=Europe/Lisbon');
    const sh = spawnSync('sh', ['-n', '-c', line.slice('0 6 * * 1-5 '.length)], { encoding: 'utf8' });
    expect(sh.stderr).toBe('');
    expect(sh.status).toBe(0);
  });

  it('--deps order chains the pipelines in the order given, whatever they read', async () => {
    const files = await exported('airflow', FILES, { ...OPTS, deps: 'order' });
    expect(files.get('orchestration.py')).toContain('task_report >> task_ingest');
  });

  it('-p on export overrides a default, for the pipelines that declare it; an unknown name is refused', async () => {
    const files = await exported('cron', FILES, { ...OPTS, param: { min_amount: '50' } });
    expect(files.get('orchestration.crontab')).toContain('-p min_amount=50');
    await expect(exported('cron', FILES, { ...OPTS, param: { nope: '1' } })).rejects.toThrow(
      /declares a parameter "nope"/,
    );
  });
});

/** systemd-analyze verify: unit syntax, known keys, and that ExecStart='s program exists. */
function verifyUnits(files: Map<string, string>): void {
  const dir = mkdtempSync(join(tmpdir(), 'duto-units-'));
  for (const [name, text] of files) writeFileSync(join(dir, name), text);
  const units = [...files.keys()].map((n) => join(dir, n));
  const r = spawnSync('systemd-analyze', ['verify', ...units], { encoding: 'utf8' });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
}
