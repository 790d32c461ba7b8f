import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pgQuery, pgSchema, testConnectionsFile } from '../electron/engine/connectors/test-databases';
import { duto, requireBuiltCli, tmp } from './support';

/**
 * `duto run` pushes by default, as the app does; `--no-pushdown` and the
 * pipeline's `"pushdown": false` keep everything in DuckDB, with the same
 * output; a run up to a node inside a chain still finds it; `--json` reports
 * the nodes a chain folded away.
 */

let dir = '';
let pg: { name: string; drop: () => Promise<void> };

beforeAll(async () => {
  requireBuiltCli();
  dir = tmp('pushdown-cli');
  pg = await pgSchema();
  await pgQuery(`CREATE TABLE ${pg.name}.orders (id integer, status text, qty integer)`);
  await pgQuery(
    `INSERT INTO ${pg.name}.orders SELECT i, CASE WHEN i % 3 = 0 THEN 'paid' ELSE 'open' END, i % 7 FROM generate_series(1, 90) i`,
  );
  writeFileSync(join(dir, 'c.json'), JSON.stringify(testConnectionsFile()));
});
afterAll(async () => {
  await pg.drop();
});

function pipeline(name: string, extra: Record<string, unknown> = {}): string {
  const file = join(dir, `${name}.duto.json`);
  const doc = {
    format: 'duto.pipeline',
    version: 2,
    ...extra,
    nodes: [
      { id: 'src', type: 'source.postgres', params: { connection: 'warehouse', table: `${pg.name}.orders` } },
      { id: 'kept', type: 'transform.filter', inputs: { in: 'src' }, params: { condition: "status = 'paid'" } },
      {
        id: 'calc',
        type: 'transform.derive',
        inputs: { in: 'kept' },
        params: { columns: [{ name: 'twice', expression: 'qty * 2' }] },
      },
      { id: 'out', type: 'sink.csv', inputs: { in: 'calc' }, params: { path: `${name}.csv` } },
    ],
    layout: { src: { x: 0, y: 0 }, kept: { x: 300, y: 0 }, calc: { x: 600, y: 0 }, out: { x: 900, y: 0 } },
  };
  writeFileSync(file, JSON.stringify(doc, null, 2));
  return file;
}

const run = (file: string, ...args: string[]) =>
  duto(['run', '--trust', '--connections', join(dir, 'c.json'), '--json', file, ...args], dir);

describe('duto run and pushdown', () => {
  it('pushes by default, reports the folded nodes, and writes what --no-pushdown writes', () => {
    const file = pipeline('default');
    const pushed = run(file);
    expect(pushed.stderr).toBe('');
    expect(pushed.code).toBe(0);
    const result = JSON.parse(pushed.stdout) as { nodes: Record<string, { status: string; streamed?: boolean }> };
    expect(result.nodes['src']).toMatchObject({ status: 'done', streamed: true });
    expect(result.nodes['kept']).toMatchObject({ status: 'done', streamed: true });
    const rows = readFileSync(join(dir, 'default.csv'), 'utf8');
    expect(rows.trim().split('\n')).toHaveLength(31);

    const pulled = run(file, '--no-pushdown', '--force');
    expect(pulled.code).toBe(0);
    const plain = JSON.parse(pulled.stdout) as { nodes: Record<string, { streamed?: boolean }> };
    expect(plain.nodes['src']?.streamed).toBeUndefined();
    expect(readFileSync(join(dir, 'default.csv'), 'utf8')).toBe(rows);
  });

  it('the pipeline switched off runs in DuckDB, says so in explain, and --pushdown forces it for one run', () => {
    const file = pipeline('off', { pushdown: false });
    const pulled = run(file);
    expect(pulled.code).toBe(0);
    expect(
      (JSON.parse(pulled.stdout) as { nodes: Record<string, { streamed?: boolean }> }).nodes['src']?.streamed,
    ).toBe(undefined);
    const explained = duto(['explain', '--trust', '--connections', join(dir, 'c.json'), file], dir);
    expect(explained.code).toBe(0);
    expect(explained.stdout.split('\n')[0]).toBe('pushdown is off for this pipeline ("pushdown": false)');
    const forced = run(file, '--pushdown', '--force');
    expect(forced.code).toBe(0);
    expect(
      (JSON.parse(forced.stdout) as { nodes: Record<string, { streamed?: boolean }> }).nodes['src']?.streamed,
    ).toBe(true);
  });

  it('a run up to a node inside a chain stops there', () => {
    const file = pipeline('until');
    const r = run(file, '--until', 'kept');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { nodes: Record<string, { status: string }> }).nodes['kept']?.status).toBe('done');
  });
});
