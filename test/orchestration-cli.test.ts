import { cpSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { duto, requireBuiltCli, ROOT, tmp } from './support';

/*
 * Issue #14 through the built CLI: `duto export` writes the golden files of
 * examples/orchestration (same options as export-golden.test.ts), and
 * `duto run --openlineage FILE` writes START and COMPLETE events.
 */

beforeAll(() => requireBuiltCli());

const FILES = ['examples/orchestration/report.duto.json', 'examples/orchestration/ingest.duto.json'];

describe('duto export and --openlineage', () => {
  it('duto export TARGET … -o DIR writes exactly the golden files', () => {
    for (const target of ['airflow', 'dagster', 'systemd', 'cron', 'github-actions']) {
      const out = tmp(`export-${target}`);
      const zone = target === 'github-actions' ? [] : ['--timezone', 'Europe/Lisbon'];
      const r = duto([
        'export',
        target,
        ...FILES,
        '-o',
        out,
        '--retries',
        '2',
        '--retry-delay',
        '30',
        '--schedule',
        '0 6 * * 1-5',
        ...zone,
        '--workdir',
        '/srv/pipelines',
      ]);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      for (const name of readdirSync(out))
        expect(readFileSync(join(out, name), 'utf8'), name).toBe(
          readFileSync(join(ROOT, 'examples', 'orchestration', 'exported', name), 'utf8'),
        );
    }
  });

  it('refuses an unknown target and a cron export without a schedule (exit 2)', () => {
    expect(duto(['export', 'jenkins', FILES[0] ?? '']).code).toBe(2);
    const r = duto(['export', 'cron', FILES[0] ?? '']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--schedule');
  });

  it('duto run --openlineage FILE appends START and COMPLETE lines', () => {
    const dir = tmp('openlineage');
    cpSync(join(ROOT, 'examples', 'orchestration'), dir, { recursive: true });
    const events = join(dir, 'events.jsonl');
    const env = { XDG_DATA_HOME: join(dir, 'data'), XDG_CACHE_HOME: join(dir, 'cache') };
    const r = duto(['run', '--trust', 'ingest.duto.json', 'report.duto.json', '--openlineage', events], dir, env);
    expect(r.code).toBe(0);
    const lines = readFileSync(events, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { eventType: string; job: { name: string } });
    expect(lines.map((e) => `${e.eventType} ${e.job.name.slice(dir.length + 1)}`)).toEqual([
      'START ingest.duto.json',
      'COMPLETE ingest.duto.json',
      'START report.duto.json',
      'COMPLETE report.duto.json',
    ]);
  });
});
