import { describe, expect, it } from 'vitest';
import { compilePipeline } from '../../compiler/compile';
import type { PipelineDocument, PipelineNode } from '../../format/document';
import { catalog } from '../index';

/* The database nodes compile to external specs a connector reads or writes; nothing here touches a database. */

const opts = { catalog, resolvePath: (p: string) => (p.startsWith('/') ? p : `/data/${p}`), statPath: (p: string) => (p === '/data/shop.sqlite' ? ('file' as const) : ('missing' as const)), glob: () => ({ problem: 'no globs in this test' }) };
const doc = (...nodes: PipelineNode[]): PipelineDocument => ({ format: 'duto.pipeline', version: 2, nodes });
const errors = (d: PipelineDocument): string[] =>
  compilePipeline(d, opts, () => [{ name: 'id', type: 'BIGINT' }]).diagnostics.filter((x) => x.severity === 'error').map((x) => `${x.nodeId ?? '-'}.${x.param ?? ''}: ${x.message}`);

describe('database nodes', () => {
  it('a PostgreSQL table read compiles to an external source and a view over its table', () => {
    const plan = compilePipeline(doc({ id: 'orders', type: 'source.postgres', params: { connection: 'warehouse', schema: 'public', table: 'orders', columns: ['id'], filters: [{ column: 'id', op: '>', value: '5' }], incremental: 'id', incrementalColumn: 'id' } }), opts);
    const step = plan.steps[0];
    expect(step?.view?.sql).toBe('SELECT * FROM "duto_ext"."main"."orders"');
    expect(step?.externalSource).toEqual({
      kind: 'postgres',
      config: { read: { mode: 'table', schema: 'public', table: 'orders', columns: ['id'], filters: [{ column: 'id', op: '>', value: '5' }], where: '' }, path: '' },
      connection: { name: 'warehouse', param: 'connection' },
      incremental: { column: 'id', kind: 'id', param: 'incrementalColumn' },
      param: 'table',
      describe: 'warehouse: public.orders',
    });
  });

  it('a SQLite read names its file, for the sandbox and for errors', () => {
    const plan = compilePipeline(doc({ id: 'c', type: 'source.sqlite', params: { path: 'shop.sqlite', mode: 'query', query: 'SELECT 1' } }), opts);
    expect(plan.steps[0]?.reads).toEqual([{ path: '/data/shop.sqlite', kind: 'file' }]);
    expect(errors(doc({ id: 'c', type: 'source.sqlite', params: { path: 'nope.sqlite', table: 't' } }))).toEqual(['c.path: file not found: /data/nope.sqlite']);
  });

  it('reports what is missing, by param', () => {
    expect(errors(doc({ id: 'a', type: 'source.mysql', params: { connection: 'shop' } }))).toEqual(['a.table: name the table to read']);
    expect(errors(doc({ id: 'a', type: 'source.mysql', params: { connection: 'shop', mode: 'query' } }))).toEqual(['a.query: a query is required']);
    expect(errors(doc({ id: 'a', type: 'source.mysql', params: { connection: 'shop', table: 't', incremental: 'timestamp' } }))).toEqual([
      'a.incrementalColumn: name the column whose highest value is remembered between runs',
    ]);
    expect(errors(doc({ id: 'a', type: 'source.postgres', params: { connection: 'Warehouse DB', table: 't' } }))).toEqual([
      'a.connection: expected the name of a connection (lowercase letters, digits and _), never a URL or a password',
    ]);
  });

  it('a sink compiles to an external sink; an upsert needs its key columns, which must exist', () => {
    const src: PipelineNode = { id: 'src', type: 'source.postgres', params: { connection: 'warehouse', table: 'orders' } };
    const plan = compilePipeline(doc(src, { id: 'out', type: 'sink.mysql', inputs: { in: 'src' }, params: { connection: 'shop', table: 'orders', mode: 'append' } }), opts, () => [{ name: 'id', type: 'BIGINT' }]);
    expect(plan.steps[1]?.externalSink).toMatchObject({ kind: 'mysql', input: '"src"', describe: 'shop: orders', config: { mode: 'append', keyColumns: [] } });
    expect(errors(doc(src, { id: 'out', type: 'sink.postgres', inputs: { in: 'src' }, params: { connection: 'warehouse', table: 't', mode: 'upsert' } }))).toEqual([
      'out.keyColumns: an upsert needs the key columns that identify a row',
    ]);
    expect(errors(doc(src, { id: 'out', type: 'sink.postgres', inputs: { in: 'src' }, params: { connection: 'warehouse', table: 't', mode: 'upsert', keyColumns: ['ID'] } }))).toEqual([
      'out.keyColumns: unknown column "ID" in input "in" (did you mean "id"?)',
    ]);
  });
});
