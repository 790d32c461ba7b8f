import { describe, expect, it } from 'vitest';
import { catalog } from './index';
import { migrateParams } from './node-migrations';
import { defineNode, type NodeType } from './node-type';
import { p } from './params';
import { parseDocument } from '../format/parse';
import { serializeDocument } from '../format/serialize';
import { compilePipeline } from '../compiler/compile';

/**
 * A fixture node type at version 3: v1 called its param `where`, v2 renamed
 * it `condition`, v3 split a `keepNulls` flag out of it.
 */
const keepRows = defineNode({
  type: 'transform.keep_rows',
  version: 3,
  migrations: [
    {
      from: 1,
      to: 2,
      up: ({ where, ...rest }) => (where === undefined ? rest : { ...rest, condition: where }),
    },
    {
      from: 2,
      to: 3,
      up: (params) => ({ ...params, keepNulls: false }),
    },
  ],
  category: 'transform',
  label: 'Keep rows',
  description: 'Keeps rows, e.g. amount > 0.',
  inputs: [{ name: 'in', label: 'Rows' }],
  outputs: [{ name: 'out', label: 'Rows' }],
  params: {
    condition: p.expression({ label: 'Condition' }),
    keepNulls: p.boolean({ label: 'Keep nulls', default: false }),
  },
  compile: (ctx) => ({ sql: `SELECT * FROM ${ctx.inputs.in[0].sql} WHERE (${ctx.params.condition})` }),
});

const fixtures: ReadonlyMap<string, NodeType> = new Map([...catalog, [keepRows.type, keepRows]]);

function docWith(node: Record<string, unknown>): unknown {
  return {
    format: 'duto.pipeline',
    version: 2,
    nodes: [
      { id: 'orders', type: 'source.csv', params: { path: 'orders.csv' } },
      { id: 'big', type: 'transform.keep_rows', inputs: { in: 'orders' }, ...node },
    ],
  };
}

describe('node type migrations', () => {
  it('chains every step from the stored version up to the current one', () => {
    expect(migrateParams(keepRows, { where: 'amount > 0' }, 1)).toEqual({
      ok: true,
      params: { condition: 'amount > 0', keepNulls: false },
    });
    expect(migrateParams(keepRows, { condition: 'amount > 0' }, 2)).toEqual({
      ok: true,
      params: { condition: 'amount > 0', keepNulls: false },
    });
    expect(migrateParams(keepRows, { condition: 'x', keepNulls: true }, 3)).toEqual({
      ok: true,
      params: { condition: 'x', keepNulls: true },
    });
  });

  it('loads a node saved at version 1 (no typeVersion) with its param renamed, and saves the current version', () => {
    const r = parseDocument(docWith({ params: { where: 'amount > 0' } }), fixtures);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.document.nodes[1]).toEqual({
      id: 'big',
      type: 'transform.keep_rows',
      typeVersion: 3,
      inputs: { in: 'orders' },
      params: { condition: 'amount > 0', keepNulls: false },
    });
    expect(serializeDocument(r.document)).toContain('"type": "transform.keep_rows",\n      "typeVersion": 3,');
    // The migrated node compiles with the new param name.
    const plan = compilePipeline(r.document, {
      catalog: fixtures,
      resolvePath: (x) => `/data/${x}`,
      statPath: () => 'file',
      glob: () => ({ files: [] }),
    });
    expect(plan.steps.find((s) => s.nodeId === 'big')?.view?.sql).toContain('WHERE (amount > 0)');
  });

  it('loads a node at its current version unchanged, and keeps version 1 out of the file', () => {
    const raw = docWith({ typeVersion: 3, params: { condition: 'x', keepNulls: true } });
    const r = parseDocument(raw, fixtures);
    expect(r.ok && r.document.nodes[1]?.params).toEqual({ condition: 'x', keepNulls: true });
    const one = parseDocument({
      format: 'duto.pipeline',
      version: 2,
      nodes: [{ id: 'f', type: 'transform.filter', typeVersion: 1, params: { condition: 'true' } }],
    });
    expect(one.ok && one.document.nodes[0]).toEqual({
      id: 'f',
      type: 'transform.filter',
      params: { condition: 'true' },
    });
  });

  it('refuses a node saved by a newer Duto, naming the node', () => {
    const r = parseDocument(docWith({ typeVersion: 4, params: { condition: 'x' } }), fixtures);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.diagnostics).toEqual([
      expect.objectContaining({
        code: 'node.version',
        nodeId: 'big',
        path: 'nodes[1].typeVersion',
        message:
          'node "big": saved by a newer Duto (version 4 of transform.keep_rows); this one knows transform.keep_rows up to version 3',
      }),
    ]);
  });

  it('the compiler refuses a newer node that did not come through loading (a paste)', () => {
    const plan = compilePipeline(
      {
        format: 'duto.pipeline',
        version: 2,
        nodes: [{ id: 'f', type: 'transform.filter', typeVersion: 2, params: { condition: 'true' } }],
      },
      { catalog, resolvePath: (x) => x, statPath: () => 'file', glob: () => ({ files: [] }) },
    );
    expect(plan.diagnostics).toContainEqual(expect.objectContaining({ code: 'node.version', nodeId: 'f' }));
  });

  it('a node type whose migrations do not climb one version at a time is refused when defined', () => {
    const base = {
      category: 'transform',
      label: 'X',
      description: 'X.',
      inputs: [],
      outputs: [],
      params: {},
      compile: () => ({}),
    } as const;
    expect(() =>
      defineNode({ ...base, type: 'transform.gap', version: 3, migrations: [{ from: 1, to: 2, up: (x) => x }] }),
    ).toThrow('transform.gap: version 3 needs the migrations [1→2, 2→3], it has [1→2]');
    expect(() => defineNode({ ...base, type: 'transform.zero', version: 0 })).toThrow(
      'version must be a whole number from 1',
    );
  });

  it('every node type of the catalog has a version and migrations that reach it', () => {
    for (const t of catalog.values()) expect(t.migrations.length).toBe(t.version - 1);
  });
});
