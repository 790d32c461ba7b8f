import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { duto, dutoAwait, query, requireBuiltCli, tmp } from './support';

/**
 * The node cache through the built CLI: two processes running at once share
 * one cache folder and both write correct outputs; a re-run after editing
 * the last node takes its inputs from the cache (origin in --json);
 * `duto cache ls|clear` and `--no-cache`.
 */

beforeAll(requireBuiltCli);

function pipelineFile(dir: string, name: string, direction: 'asc' | 'desc', out: string): string {
  const file = join(dir, name);
  const nodes = [
    { id: 'orders', type: 'source.csv', params: { path: 'orders.csv' } },
    { id: 'customers', type: 'source.csv', params: { path: 'customers.csv' } },
    {
      id: 'joined',
      type: 'transform.join',
      inputs: { left: 'orders', right: 'customers' },
      params: { keys: [{ left: 'customer_id', right: 'customer_id' }] },
    },
    {
      id: 'by_customer',
      type: 'transform.aggregate',
      inputs: { in: 'joined' },
      params: { groupBy: ['name'], measures: [{ function: 'sum', column: 'amount', as: 'total' }] },
    },
    {
      id: 'sorted',
      type: 'transform.sort',
      inputs: { in: 'by_customer' },
      params: { keys: [{ column: 'total', direction }] },
    },
    { id: 'out', type: 'sink.csv', inputs: { in: 'sorted' }, params: { path: out } },
  ];
  writeFileSync(file, `${JSON.stringify({ format: 'duto.pipeline', version: 2, nodes }, null, 2)}\n`);
  return file;
}

function data(dir: string): void {
  const orders = [
    'id,customer_id,amount',
    ...Array.from({ length: 5000 }, (_, i) => `${String(i)},${String(i % 7)},${String(i % 100)}`),
  ];
  writeFileSync(join(dir, 'orders.csv'), `${orders.join('\n')}\n`);
  writeFileSync(
    join(dir, 'customers.csv'),
    `customer_id,name\n${Array.from({ length: 7 }, (_, i) => `${String(i)},c${String(i)}`).join('\n')}\n`,
  );
}

const expected = async (dir: string, direction: 'ASC' | 'DESC') =>
  query(
    `SELECT name, sum(amount)::BIGINT AS total FROM read_csv('${join(dir, 'orders.csv')}') o JOIN read_csv('${join(dir, 'customers.csv')}') c USING (customer_id) GROUP BY name ORDER BY total ${direction}`,
  );
const written = async (file: string) => query(`SELECT name, total::BIGINT AS total FROM read_csv('${file}')`);

describe('node cache (CLI)', () => {
  it('two concurrent runs sharing the cache both write correct outputs; a re-run after editing the last node reuses upstream', async () => {
    const dir = tmp('node-cache');
    data(dir);
    const env = { DUTO_CACHE_DIR: join(dir, 'cache'), XDG_CACHE_HOME: join(dir, 'xdg') };
    const a = pipelineFile(dir, 'a.duto.json', 'desc', 'a.csv');
    const b = pipelineFile(dir, 'b.duto.json', 'desc', 'b.csv');
    // Everything kept at once, so both runs write every entry at the same time.
    const [ra, rb] = await Promise.all([
      dutoAwait(['run', a, '--trust', '--json', '--cache-keep', 'first-run'], dir, env),
      dutoAwait(['run', b, '--trust', '--json', '--cache-keep', 'first-run'], dir, env),
    ]);
    expect(ra.code, ra.stderr).toBe(0);
    expect(rb.code, rb.stderr).toBe(0);
    const want = await expected(dir, 'DESC');
    expect(await written(join(dir, 'a.csv'))).toEqual(want);
    expect(await written(join(dir, 'b.csv'))).toEqual(want);

    const ls = duto(['cache', 'ls', '--json'], dir, env);
    expect(ls.code).toBe(0);
    const listed: { entries: unknown[]; bytes: number } = JSON.parse(ls.stdout);
    expect(listed.entries.length).toBeGreaterThanOrEqual(5);
    expect(listed.bytes).toBeGreaterThan(0);

    pipelineFile(dir, 'a.duto.json', 'asc', 'a.csv');
    const edited = duto(['run', a, '--trust', '--json'], dir, env);
    expect(edited.code, edited.stderr).toBe(0);
    const result: { nodes: Record<string, { origin?: string }> } = JSON.parse(edited.stdout);
    expect(result.nodes['by_customer']?.origin).toBe('cache');
    expect(result.nodes['sorted']?.origin).toBe('computed');
    expect(await written(join(dir, 'a.csv'))).toEqual(await expected(dir, 'ASC'));

    const uncached = duto(['run', b, '--trust', '--json', '--no-cache', '--force'], dir, env);
    const plain: { nodes: Record<string, { origin?: string }> } = JSON.parse(uncached.stdout);
    expect(plain.nodes['by_customer']?.origin).toBe('computed');

    const cleared = duto(['cache', 'clear'], dir, env);
    expect(cleared.stdout).toMatch(/^removed \d+ entries/);
    expect(JSON.parse(duto(['cache', 'ls', '--json'], dir, env).stdout)).toMatchObject({ entries: [], bytes: 0 });
  });
});
