import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chartResultSchema } from '../../shared/ipc/results';
import { csvFilterParquet, freshDir } from '../engine/test-support';
import { createHost, type Host } from './host';
import { hostsClosedAfterEach } from './test-hosts';

const track = hostsClosedAfterEach();

function makeHost(): Host {
  return track(
    createHost({
      userDataDir: freshDir('duto-host-user-'),
      threads: 1,
      emit: () => undefined,
      shell: {
        'app.info': async () => ({ shell: 'web', version: '0', platform: 'test', workDir: '/', examplesDir: null }),
        'app.pendingOpens': async () => ({ paths: [] }),
        'file.openDialog': async () => ({ path: null }),
        'file.saveDialog': async () => ({ path: null }),
      },
    }),
  );
}

describe('pipeline.chart through dispatch', () => {
  it("answers a node's chart in the shape the contract validates, the aggregate defaulting to a count", async () => {
    const dir = freshDir('duto-host-');
    writeFileSync(join(dir, 'in.csv'), 'id,kind,v\n1,a,10\n2,b,20\n3,a,30\n4,c,5\n');
    const host = makeHost();
    const document = csvFilterParquet('in.csv', 'v >= 10', 'out.parquet');
    const r = await host.dispatch('pipeline.chart', {
      document,
      baseDir: dir,
      nodeId: 'kept',
      requestId: 'c1',
      spec: { type: 'bar', x: 'kind' },
    });
    if (!r.ok) throw new Error(JSON.stringify(r));
    const chart = chartResultSchema.parse(r.value);
    expect(chart.points.map((p) => [p.x, p.y])).toEqual([
      ['a', 2],
      ['b', 1],
    ]);
    const summed = await host.dispatch('pipeline.chart', {
      document,
      baseDir: dir,
      nodeId: 'kept',
      requestId: 'c2',
      spec: { type: 'bar', x: 'kind', y: 'v', aggregate: 'sum' },
    });
    if (!summed.ok) throw new Error(JSON.stringify(summed));
    expect(chartResultSchema.parse(summed.value).points.map((p) => [p.x, p.y])).toEqual([
      ['a', 40],
      ['b', 20],
    ]);
  });

  it('refuses a bad spec naming the field, and an unknown column naming the node', async () => {
    const dir = freshDir('duto-host-');
    writeFileSync(join(dir, 'in.csv'), 'id,kind,v\n1,a,10\n');
    const host = makeHost();
    const document = csvFilterParquet('in.csv', 'true', 'out.parquet');
    const bad = await host.dispatch('pipeline.chart', {
      document,
      baseDir: dir,
      nodeId: 'kept',
      requestId: 'c3',
      spec: { type: 'pie', x: 'kind' },
    });
    expect(bad).toMatchObject({ ok: false, error: { code: 'request.invalid' } });
    if (!bad.ok) expect(bad.error.message).toMatch(/^pipeline\.chart: spec\.type: /);
    const unknown = await host.dispatch('pipeline.chart', {
      document,
      baseDir: dir,
      nodeId: 'kept',
      requestId: 'c4',
      spec: { type: 'bar', x: 'gone' },
    });
    expect(unknown.ok).toBe(false);
    if (!unknown.ok) {
      expect(unknown.error.nodeId).toBe('kept');
      expect(unknown.error.message).toContain('gone');
    }
  });
});
