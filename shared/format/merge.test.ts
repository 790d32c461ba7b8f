import { describe, expect, it } from 'vitest';
import type { PipelineDocument } from './document';
import { mergeDocuments } from './merge';
import { serializeDocument } from './serialize';

const base: PipelineDocument = {
  format: 'duto.pipeline',
  version: 2,
  name: 'orders',
  params: { min: { default: 10 } },
  nodes: [
    { id: 'src', type: 'source.csv', params: { path: 'in.csv' } },
    { id: 'big', type: 'transform.filter', inputs: { in: 'src' }, params: { condition: 'v > ${min}' } },
    { id: 'out', type: 'sink.parquet', inputs: { in: 'big' }, params: { path: 'out.parquet' } },
  ],
  layout: { src: { x: 0, y: 0 }, big: { x: 200, y: 0 }, out: { x: 400, y: 0 } },
};

const edit = (f: (d: PipelineDocument) => void): PipelineDocument => {
  const d = structuredClone(base);
  f(d);
  return d;
};
const nodeOf = (d: PipelineDocument, id: string) => d.nodes.find((n) => n.id === id);

describe('three-way merge of pipelines', () => {
  it('combines edits to different nodes, different params of one node, params and layout', () => {
    const ours = edit((d) => {
      const big = nodeOf(d, 'big');
      if (big?.params !== undefined) big.params['condition'] = 'v > ${min} AND v < 100';
      d.layout = { ...d.layout, src: { x: 10, y: 10 } };
      d.name = 'orders (ours)';
    });
    const theirs = edit((d) => {
      const out = nodeOf(d, 'out');
      if (out?.params !== undefined) out.params['compression'] = 'zstd';
      const big = nodeOf(d, 'big');
      if (big !== undefined) big.label = 'Big orders';
      d.params = { ...d.params, max: { default: 100, description: 'upper bound' } };
      d.layout = { ...d.layout, out: { x: 500, y: 50 } };
    });
    const r = mergeDocuments(base, ours, theirs);
    expect(r.conflicts).toEqual([]);
    expect(nodeOf(r.document, 'big')).toEqual({
      id: 'big',
      type: 'transform.filter',
      label: 'Big orders',
      inputs: { in: 'src' },
      params: { condition: 'v > ${min} AND v < 100' },
    });
    expect(nodeOf(r.document, 'out')?.params).toEqual({ path: 'out.parquet', compression: 'zstd' });
    expect(r.document.params).toEqual({ min: { default: 10 }, max: { default: 100, description: 'upper bound' } });
    expect(r.document.name).toBe('orders (ours)');
    expect(r.document.layout).toEqual({ src: { x: 10, y: 10 }, big: { x: 200, y: 0 }, out: { x: 500, y: 50 } });
    // Symmetric: merging the other way round gives the same document.
    expect(serializeDocument(mergeDocuments(base, theirs, ours).document)).toBe(serializeDocument(r.document));
  });

  it('adds nodes from both sides (ours first), and removes what one side removed and the other left alone', () => {
    const ours = edit((d) => {
      d.nodes.push({ id: 'csv_out', type: 'sink.csv', inputs: { in: 'big' }, params: { path: 'out.csv' } });
    });
    const theirs = edit((d) => {
      d.nodes = d.nodes.filter((n) => n.id !== 'out');
      d.nodes.push({ id: 'json_out', type: 'sink.json', inputs: { in: 'src' }, params: { path: 'out.json' } });
      if (d.layout !== undefined)
        d.layout = { src: d.layout['src'] ?? { x: 0, y: 0 }, big: d.layout['big'] ?? { x: 0, y: 0 } };
    });
    const r = mergeDocuments(base, ours, theirs);
    expect(r.conflicts).toEqual([]);
    expect(r.document.nodes.map((n) => n.id)).toEqual(['src', 'big', 'csv_out', 'json_out']);
    expect(Object.keys(r.document.layout ?? {})).toEqual(['src', 'big']);
  });

  it('reports a value both sides changed differently, keeping ours', () => {
    const ours = edit((d) => {
      const big = nodeOf(d, 'big');
      if (big?.params !== undefined) big.params['condition'] = 'v > 1';
    });
    const theirs = edit((d) => {
      const big = nodeOf(d, 'big');
      if (big?.params !== undefined) big.params['condition'] = 'v > 2';
    });
    const r = mergeDocuments(base, ours, theirs);
    expect(r.conflicts).toEqual([
      {
        path: 'nodes.big.params.condition',
        message: 'both sides changed it: ours "v > 1", theirs "v > 2" (base "v > ${min}"); ours is kept',
      },
    ]);
    expect(nodeOf(r.document, 'big')?.params?.['condition']).toBe('v > 1');
  });

  it('keeps a node one side removed and the other changed, and reports it; and a wire to a removed node', () => {
    const ours = edit((d) => {
      d.nodes = d.nodes.filter((n) => n.id !== 'big' && n.id !== 'out');
    });
    const theirs = edit((d) => {
      const big = nodeOf(d, 'big');
      if (big?.params !== undefined) big.params['condition'] = 'v > 5';
    });
    const r = mergeDocuments(base, ours, theirs);
    expect(r.document.nodes.map((n) => n.id)).toEqual(['src', 'big']);
    expect(r.conflicts).toEqual([
      { path: 'nodes.big', message: 'we removed it and they changed it; the changed one is kept' },
    ]);

    const theirs2 = edit((d) => {
      d.nodes.push({ id: 'extra', type: 'sink.csv', inputs: { in: 'big' }, params: { path: 'x.csv' } });
    });
    const r2 = mergeDocuments(base, ours, theirs2);
    expect(r2.conflicts).toEqual([
      { path: 'nodes.extra.inputs', message: 'reads from "big", which the other side removed' },
    ]);
  });

  it('moves never conflict: where both moved a node, ours wins', () => {
    const ours = edit((d) => (d.layout = { ...d.layout, big: { x: 1, y: 1 } }));
    const theirs = edit((d) => (d.layout = { ...d.layout, big: { x: 2, y: 2 } }));
    const r = mergeDocuments(base, ours, theirs);
    expect(r.conflicts).toEqual([]);
    expect(r.document.layout?.['big']).toEqual({ x: 1, y: 1 });
  });

  it('merges a file both sides added (no base)', () => {
    const a = edit((d) => (d.nodes = d.nodes.slice(0, 1)));
    const b = edit(
      (d) =>
        (d.nodes = [
          d.nodes[0] ?? { id: 'src', type: 'source.csv' },
          { id: 'lim', type: 'transform.limit', inputs: { in: 'src' }, params: { rows: 5 } },
        ]),
    );
    const r = mergeDocuments(null, a, b);
    expect(r.conflicts).toEqual([]);
    expect(r.document.nodes.map((n) => n.id)).toEqual(['src', 'lim']);
  });

  it('holds its laws on random edits: one side unchanged gives the other; disjoint edits commute', () => {
    // A small deterministic generator, so a failure reproduces.
    let seed = 7;
    const rnd = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    let fresh = 0;
    const randomEdit = (d: PipelineDocument, only: 'a' | 'b'): PipelineDocument => {
      const e = structuredClone(d);
      const own = e.nodes.filter((n) => n.id.startsWith(only));
      const pick = own[rnd(Math.max(1, own.length))];
      switch (rnd(4)) {
        case 0:
          e.nodes.push({
            id: `${only}_new${String(fresh++)}`,
            type: 'transform.limit',
            inputs: { in: 'src' },
            params: { rows: rnd(100) },
          });
          break;
        case 1:
          if (pick !== undefined) pick.params = { ...pick.params, condition: `v > ${String(rnd(100))}` };
          break;
        case 2:
          if (pick !== undefined) e.nodes = e.nodes.filter((n) => n.id !== pick.id);
          break;
        default:
          if (pick !== undefined) e.layout = { ...e.layout, [pick.id]: { x: rnd(999), y: rnd(999) } };
      }
      return e;
    };
    const start: PipelineDocument = {
      format: 'duto.pipeline',
      version: 2,
      nodes: [
        { id: 'src', type: 'source.csv', params: { path: 'in.csv' } },
        ...['a1', 'a2', 'b1', 'b2'].map((id) => ({
          id,
          type: 'transform.filter',
          inputs: { in: 'src' },
          params: { condition: 'true' },
        })),
      ],
    };
    for (let round = 0; round < 200; round++) {
      let ours = start;
      let theirs = start;
      for (let k = 0; k < 1 + rnd(3); k++) ours = randomEdit(ours, 'a');
      for (let k = 0; k < 1 + rnd(3); k++) theirs = randomEdit(theirs, 'b');
      expect(serializeDocument(mergeDocuments(start, ours, start).document)).toBe(serializeDocument(ours));
      expect(serializeDocument(mergeDocuments(start, start, theirs).document)).toBe(serializeDocument(theirs));
      const ab = mergeDocuments(start, ours, theirs);
      const ba = mergeDocuments(start, theirs, ours);
      expect(ab.conflicts).toEqual([]);
      expect(ba.conflicts).toEqual([]);
      // The same nodes with the same content, whichever side is "ours" (only their order may differ).
      const byId = (d: PipelineDocument) => Object.fromEntries(d.nodes.map((n) => [n.id, n]));
      expect(byId(ab.document)).toEqual(byId(ba.document));
      for (const n of [...ours.nodes, ...theirs.nodes]) {
        const removed = !ours.nodes.some((x) => x.id === n.id) || !theirs.nodes.some((x) => x.id === n.id);
        if (!removed || !start.nodes.some((x) => x.id === n.id)) expect(byId(ab.document)[n.id]).toBeDefined();
      }
    }
  });
});
