import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkJsonFile } from './check-json-file';
import { MAX_DEPTH } from './json-grammar';

const corpus = join(__dirname, '../../../test/fixtures/json-test-suite/test_parsing');

describe('checkJsonFile on JSONTestSuite', () => {
  it('accepts every y_ file and refuses every n_ file', () => {
    const wrong: string[] = [];
    for (const f of readdirSync(corpus)) {
      const r = checkJsonFile(join(corpus, f), 'auto');
      if ((r.problem === null) !== f.startsWith('y_')) wrong.push(`${f}: ${r.problem?.message ?? 'accepted'}`);
    }
    expect(wrong).toEqual([]);
  });
});

function file(name: string, text: string | Buffer): string {
  const p = join(mkdtempSync(join(tmpdir(), 'duto-json-')), name);
  writeFileSync(p, text);
  return p;
}

describe('checkJsonFile', () => {
  it('accepts pretty-printed arrays, NDJSON, a BOM and lone surrogates', () => {
    expect(checkJsonFile(file('a.json', '[\n  {\n    "a": 1\n  },\n  {"a": 2}\n]\n\n'), 'auto').problem).toBeNull();
    expect(checkJsonFile(file('b.json', '\ufeff[{"a":1}]'), 'array').problem).toBeNull();
    expect(checkJsonFile(file('c.ndjson', '{"a":1}\n\n{"a":2}\r\n'), 'newline_delimited').problem).toBeNull();
    expect(checkJsonFile(file('d.json', '{\n "a": 1\n}\n{\n "a": 2\n}\n'), 'auto').problem).toBeNull();
    expect(checkJsonFile(file('e.json', '["\\uDEAD"]'), 'auto').problem).toBeNull();
  });

  it('refuses a blank, BOM-only or empty file', () => {
    for (const text of ['', '  \n\t\n', '\ufeff', '\ufeff\n ']) {
      expect(checkJsonFile(file('blank.json', text), 'auto').problem?.message).toContain('holds no JSON document');
    }
  });

  it('names the file, line and column of a truncated array', () => {
    const p = file('t.json', '[{"a":1},\n{"a":2},\n');
    expect(checkJsonFile(p, 'auto').problem).toEqual({
      message: `${p}:3:1: the file ends where a value should be: it is truncated`,
      line: 3,
      column: 1,
      truncated: true,
    });
    const q = file('t2.ndjson', '{"a":1}\n{"a":2}\n{"a":');
    expect(checkJsonFile(q, 'newline_delimited').problem).toMatchObject({ line: 3, column: 6, truncated: true });
  });

  it('refuses invalid UTF-8, counting columns in characters', () => {
    const p = file('u.json', Buffer.concat([Buffer.from('{"é": "'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]));
    expect(checkJsonFile(p, 'auto').problem).toMatchObject({ line: 1, column: 8, truncated: false });
    expect(checkJsonFile(p, 'auto').problem?.message).toContain('invalid UTF-8');
  });

  it('refuses a record over several lines in a newline-delimited file', () => {
    const p = file('m.ndjson', '{"a":1}\n{\n"a":2}\n');
    expect(checkJsonFile(p, 'newline_delimited').problem).toMatchObject({ line: 2, column: 2 });
    expect(checkJsonFile(p, 'auto').problem).toBeNull();
  });

  it('refuses a second document after an array, and a non-array for the array layout', () => {
    expect(checkJsonFile(file('x.json', '[1]\n[2]\n'), 'auto').problem?.message).toContain('more after the end');
    expect(checkJsonFile(file('y.json', '{"a":1}'), 'array').problem?.message).toContain('expected a JSON array');
    expect(checkJsonFile(file('z.json', '{"a":1} {"a":2}'), 'auto').problem?.message).toContain(
      "'{' after the end of the document",
    );
  });

  it('stops at the depth limit, naming where', () => {
    const ok = file('ok.json', `${'['.repeat(MAX_DEPTH)}${']'.repeat(MAX_DEPTH)}`);
    expect(checkJsonFile(ok, 'auto').problem).toBeNull();
    const deep = file('deep.json', `${'[{"a":'.repeat(20_000)}1`);
    expect(checkJsonFile(deep, 'auto').problem).toMatchObject({ line: 1, column: 500 * 6 + 1 });
    expect(checkJsonFile(deep, 'auto').problem?.message).toContain(`deeper than ${MAX_DEPTH} levels`);
  });

  it('reports the first repeated key', () => {
    expect(checkJsonFile(file('d.json', '[{"a":1},\n{"b":1,"b":2,"a":{"x":1,"x":2}}]'), 'auto').duplicate).toEqual({
      key: 'b',
      line: 2,
      column: 8,
    });
    expect(checkJsonFile(file('e.json', '[{"a":{"a":1}}]'), 'auto').duplicate).toBeUndefined();
  });

  it('reads files larger than its buffer', () => {
    const rows = Array.from({ length: 50_000 }, (_, i) => `{"id":${i},"s":"ünïcode ${i}"}`);
    const p = file('big.ndjson', `${rows.join('\n')}\n{"id":1,}`);
    expect(checkJsonFile(p, 'auto').problem).toMatchObject({ line: 50_001, column: 9 });
  });
});
