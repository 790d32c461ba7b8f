import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { duto, requireBuiltCli, tmp } from './support';

/** `duto validate` checks a pipeline's schedule as `duto serve` would take it, not only its nodes. */

beforeAll(requireBuiltCli);

function pipelineWith(dir: string, triggers: unknown[]): string {
  writeFileSync(join(dir, 'in.csv'), 'id\n1\n');
  const file = join(dir, 's.duto.json');
  writeFileSync(
    file,
    JSON.stringify({
      format: 'duto.pipeline',
      version: 2,
      name: 's',
      schedule: { triggers },
      nodes: [
        { id: 'src', type: 'source.csv', params: { path: 'in.csv' } },
        { id: 'out', type: 'sink.csv', inputs: { in: 'src' }, params: { path: 'out.csv' } },
      ],
    }),
  );
  return file;
}

describe('duto validate of a schedule', () => {
  it('a cron expression, time zone, files glob or upstream pipeline serve would refuse is an error', () => {
    const dir = tmp('duto-validate-schedule-');
    const file = pipelineWith(dir, [
      { cron: '99 99 * * *', timezone: 'UTC' },
      { cron: '0 6 * * *', timezone: 'Mars/Olympus' },
      { files: '../../*' },
      { after: 'missing.duto.json' },
    ]);
    const r = duto(['validate', file], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('schedule.triggers[0]: "99 99 * * *" is not a cron expression');
    expect(r.stderr).toContain('schedule.triggers[1]: "Mars/Olympus" is not an IANA time zone');
    expect(r.stderr).toContain('schedule.triggers[2]: "../../*" must stay inside the pipeline\'s folder');
    expect(r.stderr).toContain('schedule.triggers[3]: "missing.duto.json" is not a pipeline being served');
    expect(r.stdout).toContain('invalid:');
  });

  it('a good schedule is valid', () => {
    const dir = tmp('duto-validate-schedule-');
    const file = pipelineWith(dir, [{ cron: '0 6 * * *', timezone: 'America/Sao_Paulo' }, { files: 'in/*.csv' }]);
    const r = duto(['validate', file], dir);
    expect(r.stdout).toContain('valid: 2 nodes');
    expect(r.code).toBe(0);
  });
});
