import { describe, expect, it } from 'vitest';
import { catalog } from '../catalog/index';
import type { PipelineDocument, PipelineNode } from '../format/document';
import { compilePipeline } from './compile';
import type { AnalyzeOptions } from './analyze';

/*
 * The compiler is pure: a document and the schemas of its sources go in,
 * a plan or a list of errors comes out. Graphs are drawn in comments.
 */

const files = new Set(['/data/orders.csv', '/data/customers.csv']);
const opts: AnalyzeOptions = {
  catalog,
  resolvePath: (p) => (p.startsWith('/') ? p : `/data/${p}`),
  statPath: (p) => (files.has(p) ? 'file' : p === '/data' ? 'dir' : 'missing'),
  glob: (p) => (p === '/data/*.csv' ? { files: [...files].sort() } : { problem: `no file matches ${p}` }),
};
const doc = (...nodes: PipelineNode[]): PipelineDocument => ({ format: 'duto.pipeline', version: 2, nodes });
const csv = (id: string, path = 'orders.csv'): PipelineNode => ({ id, type: 'source.csv', params: { path } });
const filter = (id: string, input: string | string[], condition = 'true'): PipelineNode => ({
  id,
  type: 'transform.filter',
  inputs: { in: input },
  params: { condition },
});
const sink = (id: string, input: string, path = 'out.parquet'): PipelineNode => ({
  id,
  type: 'sink.parquet',
  inputs: { in: input },
  params: { path },
});
const ordersSchema = [
  { name: 'order_id', type: 'BIGINT' },
  { name: 'status', type: 'VARCHAR' },
];

const messages = (d: PipelineDocument, o: Partial<AnalyzeOptions> = {}): string[] =>
  compilePipeline(d, { ...opts, ...o }, (id) => (id === 'orders' ? ordersSchema : undefined))
    .diagnostics.filter((x) => x.severity === 'error')
    .map((x) => `${x.nodeId ?? '-'}${x.param === undefined ? '' : `.${x.param}`}: ${x.message}`);

describe('compiler', () => {
  it('compiles orders → paid → out into views and a sink, in order', () => {
    const plan = compilePipeline(
      doc(sink('out', 'paid'), filter('paid', 'orders', "status = 'paid'"), csv('orders')),
      opts,
      () => ordersSchema,
    );
    expect(plan.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(plan.steps.map((s) => s.nodeId)).toEqual(['orders', 'paid', 'out']);
    expect(plan.steps[1]?.view?.sql).toBe(`SELECT * FROM "orders" WHERE (status = 'paid')`);
    expect(plan.steps[2]?.sink).toMatchObject({ format: 'parquet', path: '/data/out.parquet', input: '"paid"' });
    expect(plan.steps[0]?.reads).toEqual([{ path: '/data/orders.csv', kind: 'file' }]);
  });

  it('reports an unknown node type', () => {
    expect(messages(doc({ id: 'x', type: 'transform.teleport' }))).toEqual([
      'x: unknown node type "transform.teleport"',
    ]);
  });

  it('reports missing and extra inputs', () => {
    expect(messages(doc(csv('orders'), { id: 'f', type: 'transform.filter', params: { condition: 'true' } }))).toEqual([
      'f: input "Rows" is not connected',
    ]);
    expect(messages(doc(csv('orders'), csv('b'), filter('f', ['orders', 'b'])))).toEqual([
      'f: input "Rows" takes one connection, not 2',
    ]);
    expect(
      messages(doc(csv('orders'), { ...filter('f', 'orders'), inputs: { in: 'orders', other: 'orders' } })),
    ).toEqual(['f: Filter has no input "other": its inputs are "in"']);
    expect(messages(doc(filter('f', 'ghost')))).toEqual([
      'f: input "Rows" refers to "ghost", which is not a node of this pipeline',
    ]);
    expect(messages(doc(csv('orders'), sink('s', 'orders'), filter('f', 's')))).toEqual([
      'f: input "Rows" reads "s", but Parquet file has no output',
    ]);
  });

  it('reports every node on a cycle', () => {
    //   a → b → c → a
    expect(messages(doc(filter('a', 'c'), filter('b', 'a'), filter('c', 'b')))).toEqual([
      'a: this node is on a cycle: a → c → b → a',
      'b: this node is on a cycle: a → c → b → a',
      'c: this node is on a cycle: a → c → b → a',
    ]);
    expect(messages(doc(filter('a', 'a')))).toEqual(['a: a node cannot read its own output']);
  });

  it('reports bad params by name, and unknown params', () => {
    expect(
      messages(doc({ id: 'orders', type: 'source.csv', params: { path: 'orders.csv', delimiter: 'ab', colour: 1 } })),
    ).toEqual(['orders.delimiter: expected one character', 'orders: unknown param "colour"']);
    expect(messages(doc({ id: 'orders', type: 'source.csv', params: {} }))).toEqual(['orders.path: required']);
  });

  it('reports a missing file on the path param', () => {
    expect(messages(doc(csv('orders', 'nope.csv')))).toEqual(['orders.path: file not found: /data/nope.csv']);
  });

  it('substitutes ${params}, from defaults or overrides, and reports unknown ones', () => {
    const d: PipelineDocument = {
      ...doc(csv('orders', '${dir}/orders.csv'), filter('f', 'orders', "status = '${status}'")),
      params: { dir: { default: '/data' }, status: { default: 'paid' } },
    };
    const plan = compilePipeline(d, { ...opts, params: { status: 'refunded' } }, () => ordersSchema);
    expect(plan.steps[1]?.view?.sql).toContain(`status = 'refunded'`);
    expect(plan.steps[0]?.reads[0]?.path).toBe('/data/orders.csv');
    expect(messages(doc(csv('orders', '${nowhere}/x.csv')))).toEqual([
      'orders.path: ${nowhere} is not a parameter of this pipeline',
    ]);
    expect(messages(d, { params: { colour: 'red' } })).toEqual([
      '-: --param colour: this pipeline declares no parameter "colour" (it declares dir, status)',
    ]);
    // A name every object inherits is no declared parameter either.
    for (const name of ['__proto__', 'constructor', 'toString'])
      expect(messages(d, { params: { [name]: 'x' } })).toEqual([
        `-: --param ${name}: this pipeline declares no parameter "${name}" (it declares dir, status)`,
      ]);
  });

  it('skips nodes downstream of a failed one instead of repeating the error', () => {
    const plan = compilePipeline(doc(csv('orders', 'nope.csv'), filter('f', 'orders'), sink('s', 'f')), opts);
    expect(plan.steps).toEqual([]);
    expect(plan.diagnostics.filter((d) => d.severity === 'error')).toHaveLength(1);
  });

  it('reports an unknown column in a column param, with a suggestion', () => {
    const d = doc(csv('orders'), {
      id: 'out',
      type: 'sink.parquet',
      inputs: { in: 'orders' },
      params: { path: 'o', partitionBy: ['Status'] },
    });
    expect(messages(d)).toEqual(['out.partitionBy: unknown column "Status" in input "in" (did you mean "status"?)']);
  });
});

describe('secrets', () => {
  it('refuses a pipeline holding a secret, naming the place', () => {
    const d = doc({ id: 'orders', type: 'source.csv', params: { path: 'https://bob:hunter2@example.com/orders.csv' } });
    expect(messages(d)[0]).toBe(
      'orders: nodes[0].params.path: a URL with a user name and password. Pipeline files never hold secrets: reference a named connection, or a ${param} given at run time',
    );
  });
});
