import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { duto, hasNoStack, requireBuiltCli, tmp } from '../support';

/**
 * Quarantine end to end through the built CLI (issue #9): a CSV with broken
 * rows runs at a new node's defaults, the good rows reach their sink, the
 * broken ones reach a sink of their own with file, line, text and reason,
 * and the counts are in the run's --json, the human output, the run
 * history and the JUnit report.
 */

const GOOD = ['id,name,amount', '1,Ana,10.5', '2,Bia,7'];
const BROKEN = ['3,Caio,1,extra,fields', '4,"Davi,2'];
const DATA = [...GOOD, BROKEN[0], '5,Eva,3', BROKEN[1], ''].join('\n');

function project(): { dir: string; file: string } {
  const dir = tmp('quarantine');
  writeFileSync(join(dir, 'orders.csv'), DATA);
  const file = join(dir, 'orders.duto.json');
  writeFileSync(
    file,
    JSON.stringify({
      format: 'duto.pipeline',
      version: 2,
      name: 'orders',
      nodes: [
        {
          id: 'orders',
          type: 'source.csv',
          params: { path: 'orders.csv', delimiter: ',', quote: '"', escape: '"', header: true, skipRows: 0 },
        },
        { id: 'clean', type: 'sink.csv', inputs: { in: 'orders' }, params: { path: 'clean.csv' } },
        { id: 'rejects', type: 'sink.csv', inputs: { in: 'orders.rejected' }, params: { path: 'rejects.csv' } },
      ],
    }),
  );
  return { dir, file };
}

describe('quarantine through the CLI', () => {
  beforeAll(requireBuiltCli);

  it('writes the good rows and the rejected ones to their own sinks, and counts them everywhere', () => {
    const { dir, file } = project();
    const junit = join(dir, 'report.xml');
    const r = duto(['run', file, '--json', '--junit', junit], dir);
    expect(r.code, r.stderr).toBe(0);
    expect(hasNoStack(r.stderr)).toBe(true);
    const result: unknown = JSON.parse(r.stdout);
    expect(result).toMatchObject({ ok: true, rejected: [{ nodeId: 'orders', rows: 2 }] });

    const clean = readFileSync(join(dir, 'clean.csv'), 'utf8').trim().split('\n');
    expect(clean).toEqual(['id,name,amount', '1,Ana,10.5', '2,Bia,7.0', '5,Eva,3.0']);
    const rejects = readFileSync(join(dir, 'rejects.csv'), 'utf8').trim().split('\n');
    expect(rejects).toHaveLength(3);
    expect(rejects[0]).toMatch(/^file,line,/);
    expect(rejects.slice(1).map((l) => l.match(/orders\.csv,(\d+),/)?.[1])).toEqual(['4', '6']);
    expect(rejects[1]).toContain('extra');

    const history = duto(['history', file, '--json'], dir);
    expect(history.code, history.stderr).toBe(0);
    expect(JSON.parse(history.stdout)).toMatchObject({
      runs: [{ outcome: 'succeeded', rejected: [{ nodeId: 'orders', rows: 2 }] }],
    });

    const xml = readFileSync(junit, 'utf8');
    expect(xml).toContain('name="bad rows: 2 rows set aside on Rejected rows"');

    const human = duto(['run', file, '--force'], dir);
    expect(human.code, human.stderr).toBe(0);
    expect(`${human.stdout}${human.stderr}`).toMatch(/nodes done; bad rows: orders set aside 2 rows\n/);
  });

  it('fails above the limit, leaving the previous output in place', () => {
    const { dir, file } = project();
    const doc: { nodes: Array<{ id: string; params: Record<string, unknown> }> } = JSON.parse(
      readFileSync(file, 'utf8'),
    );
    const source = doc.nodes.find((n) => n.id === 'orders');
    if (source === undefined) throw new Error('fixture has no source');
    source.params['maxRejected'] = 1;
    writeFileSync(file, JSON.stringify(doc));
    writeFileSync(join(dir, 'clean.csv'), 'previous\n');
    const r = duto(['run', file, '--json'], dir);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({
      ok: false,
      diagnostics: expect.arrayContaining([
        expect.objectContaining({ code: 'source.rejected', nodeId: 'orders', severity: 'error' }),
      ]),
    });
    expect(readFileSync(join(dir, 'clean.csv'), 'utf8')).toBe('previous\n');
  });
});
