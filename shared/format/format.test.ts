import { describe, expect, it } from 'vitest';
import { parseDocument, parseDocumentText } from './parse';
import { serializeDocument } from './serialize';
import type { PipelineDocument } from './document';

const doc: PipelineDocument = {
  format: 'duto.pipeline',
  version: 2,
  name: 'orders report',
  params: { data_dir: { default: 'data', description: 'where the CSVs are' } },
  nodes: [
    { id: 'orders', type: 'source.csv', params: { path: '${data_dir}/orders.csv' } },
    {
      id: 'paid',
      type: 'transform.filter',
      inputs: { in: 'orders' },
      params: { condition: "status = 'paid'\nAND quantity > 0" },
    },
  ],
  layout: { orders: { x: 0, y: 0 }, paid: { x: 240, y: 0 } },
};

describe('pipeline document', () => {
  it('a key named __proto__ is refused with its path (copying it would set a prototype, and lose it on save)', () => {
    const text = (params: string, node = '') =>
      `{"format":"duto.pipeline","version":2,"name":"x","params":${params},"nodes":[{"id":"a","type":"source.csv","params":{"path":"a.csv"${node}}}]}`;
    for (const [t, path] of [
      [text('{"__proto__":{"default":"y"}}'), 'params.__proto__'],
      [text('{}', ',"__proto__":{"polluted":true}'), 'nodes[0].params.__proto__'],
    ] as const) {
      const r = parseDocumentText(t);
      expect(r.ok).toBe(false);
      if (r.ok) continue;
      expect(r.diagnostics[0]).toMatchObject({ code: 'document.shape', path });
    }
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('nesting deeper than any pipeline is refused at its line, never a stack overflow', () => {
    const deep = `{"format":"duto.pipeline","version":2,"name":"x","nodes":[{"id":"a","type":"source.csv","params":{"path":${'['.repeat(2000)}${']'.repeat(2000)}}}]}`;
    const unterminated = `{"format":"duto.pipeline",\n"x":${'['.repeat(10000)}`;
    for (const text of [deep, unterminated]) {
      const r = parseDocumentText(text, 'deep.duto.json');
      expect(r.ok).toBe(false);
      if (r.ok) continue;
      expect(r.diagnostics[0]).toMatchObject({ code: 'document.json', file: 'deep.duto.json' });
      expect(r.diagnostics[0]?.message).toContain('arrays and objects nest deeper than 256 levels');
    }
    // A shallow document is untouched by the check.
    expect(parseDocumentText(serializeDocument(doc)).ok).toBe(true);
  });

  it('re-saving an unchanged document is byte-identical', () => {
    const text = serializeDocument(doc);
    const again = parseDocumentText(text);
    expect(again.ok).toBe(true);
    if (!again.ok) return;
    expect(serializeDocument(again.document)).toBe(text);
    expect(text.endsWith('}\n')).toBe(true);
  });

  it('moving a node changes exactly one line, in layout', () => {
    const before = serializeDocument(doc).split('\n');
    const after = serializeDocument({ ...doc, layout: { ...doc.layout, paid: { x: 300, y: 40 } } }).split('\n');
    expect(after.length).toBe(before.length);
    const changed = after.filter((l, i) => l !== before[i]);
    expect(changed).toEqual(['    "paid": { "x": 300, "y": 40 }']);
  });

  it('writes multi-line expressions as arrays of lines and reads them back', () => {
    const text = serializeDocument(doc);
    expect(text).toContain('"condition": [\n          "status = \'paid\'",\n          "AND quantity > 0"\n        ]');
  });

  it('keeps a stable key order whatever order keys were set in', () => {
    const shuffled: PipelineDocument = {
      nodes: [{ params: { path: 'x.csv' }, type: 'source.csv', id: 'a' }],
      version: 2,
      format: 'duto.pipeline',
    };
    expect(serializeDocument(shuffled)).toBe(
      '{\n  "format": "duto.pipeline",\n  "version": 2,\n  "nodes": [\n    {\n      "id": "a",\n      "type": "source.csv",\n      "params": {\n        "path": "x.csv"\n      }\n    }\n  ]\n}\n',
    );
  });

  it('names the path of a shape error', () => {
    const r = parseDocument({ ...doc, nodes: [{ id: 'Bad Id', type: 'source.csv' }] });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.diagnostics[0]?.path).toBe('nodes[0].id');
    expect(r.diagnostics[0]?.message).toMatch(/^nodes\[0\]\.id: expected a node id/);
  });

  it('reports unknown keys, duplicate ids and layout for missing nodes', () => {
    const r = parseDocument({
      ...doc,
      nodes: [doc.nodes[0], { ...doc.nodes[0], colour: 'red' }],
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.diagnostics.map((d) => d.message)).toContain('nodes[1]: unknown key "colour"');
    const r2 = parseDocument({ ...doc, nodes: [doc.nodes[0], doc.nodes[0]] });
    expect(r2.ok ? [] : r2.diagnostics.map((d) => d.message)).toEqual([
      'nodes[1].id: "orders" is already the id of nodes[0]',
      'layout.paid: no node has this id',
    ]);
  });

  it('gives line and column of a JSON syntax error', () => {
    const r = parseDocumentText('{\n  "format": "duto.pipeline",\n  "version": 1,\n  "nodes": [,]\n}\n', 'p.duto.json');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.diagnostics[0]).toMatchObject({ file: 'p.duto.json', line: 4, code: 'document.json' });
  });

  it('refuses other formats and newer versions with a reason', () => {
    const a = parseDocument({ format: 'something', version: 1, nodes: [] });
    expect(a.ok ? '' : a.diagnostics[0]?.message).toMatch(/is this a Duto pipeline/);
    const b = parseDocument({ format: 'duto.pipeline', version: 99, nodes: [] });
    expect(b.ok ? '' : b.diagnostics[0]?.message).toMatch(/newer Duto/);
  });

  it('migrates the version-0 draft (edges list, inline positions) forward', () => {
    const r = parseDocument({
      format: 'duto.pipeline',
      version: 0,
      nodes: [
        { id: 'a', type: 'source.csv', params: { path: 'a.csv' }, position: { x: 1, y: 2 } },
        { id: 'u', type: 'transform.union', position: { x: 5, y: 6 } },
        { id: 'b', type: 'source.csv', params: { path: 'b.csv' } },
      ],
      edges: [
        { from: 'a', to: 'u', port: 'in' },
        { from: 'b', to: 'u', port: 'in' },
      ],
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.migratedFrom).toBe(0);
    expect(r.document.version).toBe(2);
    expect(r.document.nodes[1]?.inputs).toEqual({ in: ['a', 'b'] });
    expect(r.document.layout).toEqual({ a: { x: 1, y: 2 }, u: { x: 5, y: 6 } });
  });

  it('migrates a version 1 CSV source to version 2 reading exactly as before', () => {
    const r = parseDocument({
      format: 'duto.pipeline',
      version: 1,
      nodes: [
        { id: 'plain', type: 'source.csv', params: { path: 'a.csv' } },
        {
          id: 'semi',
          type: 'source.csv',
          params: { path: 'b.csv', delimiter: ';', header: false, ignoreErrors: true },
        },
        { id: 'sniffed', type: 'source.csv', params: { path: 'c.csv', autoDetect: true, delimiter: ';', skipRows: 2 } },
        { id: 'other', type: 'source.json', params: { path: 'd.json' } },
        { id: 'book', type: 'source.excel', params: { path: 'e.xlsx', sheet: 'Data' } },
      ],
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.migratedFrom).toBe(1);
    expect(r.document.nodes.map((n) => n.params)).toEqual([
      // Every part of the dialect said: nothing is left to detect ('' formats: DuckDB's own date reading).
      {
        delimiter: ',',
        quote: '"',
        escape: '"',
        header: true,
        skipRows: 0,
        encoding: 'utf-8',
        decimal: '.',
        thousands: '',
        dateFormat: '',
        timestampFormat: '',
        comment: '',
        path: 'a.csv',
        badRows: 'fail',
      },
      {
        delimiter: ';',
        quote: '"',
        escape: '"',
        header: false,
        skipRows: 0,
        encoding: 'utf-8',
        decimal: '.',
        thousands: '',
        dateFormat: '',
        timestampFormat: '',
        comment: '',
        path: 'b.csv',
        badRows: 'skip',
      },
      // Asked to detect: what DuckDB detected then is left out, and so detected (by Duto's own detector now).
      { skipRows: 2, encoding: 'utf-8', decimal: '.', thousands: '', comment: '', path: 'c.csv', badRows: 'fail' },
      { path: 'd.json' },
      // A cell that did not fit its column failed the read: it still does.
      { path: 'e.xlsx', sheet: 'Data', badRows: 'fail' },
    ]);
  });

  it('accepts a BOM at the start of the file', () => {
    const r = parseDocumentText('\uFEFF' + serializeDocument(doc));
    expect(r.ok).toBe(true);
  });
});

describe('JSON syntax errors', () => {
  it.each([
    ['{"a": [1,]}', 1, 'trailing comma'],
    ['{\n"a": 1\n"b": 2}', 3, 'expected "}"'],
    ['{"a": "x', 1, 'unterminated string'],
    ['{"a": tru}', 1, 'unexpected "t"'],
  ])('%j → line %i, %s', (text, line, msg) => {
    const r = parseDocumentText(text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.diagnostics[0]?.line).toBe(line);
    expect(r.diagnostics[0]?.message).toContain(msg);
  });
});
