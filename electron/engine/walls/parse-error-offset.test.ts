import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseErrorOffset } from './parse-error-offset';
import { freshDir, pipeline, sessionOpener } from '../test-support';

/**
 * A refused expression says where in the user's own text DuckDB's parser
 * stopped (`args.offset`), through a real session on a real file.
 */

const open = sessionOpener();

async function offsetOf(type: string, params: Record<string, string>): Promise<{ offset: unknown; message: string }> {
  const dir = freshDir('duto-parse-offset-');
  writeFileSync(join(dir, 'in.csv'), 'id,amount,status\n1,10,paid\n2,-5,void\n');
  const doc = pipeline(
    { id: 'src', type: 'source.csv', params: { path: 'in.csv' } },
    { id: 'n', type, inputs: { in: 'src' }, params },
  );
  const s = await open(doc, dir);
  const d = (await s.validate()).diagnostics.find((x) => x.nodeId === 'n' && x.code === 'sql.refused');
  if (d === undefined) throw new Error(`no sql.refused for ${JSON.stringify(params)}`);
  return { offset: d.args?.['offset'], message: d.message };
}

describe('where a broken expression fails', () => {
  const cases: Array<[string, string, number]> = [
    ['a doubled operator', "status = = 'paid'", 'status = '.length],
    ['an unknown token after a column', 'amount foo', 'amount '.length],
    ['a trailing operator', 'amount +', 'amount +'.length],
    ['an unbalanced parenthesis', 'upper(status', 'upper(status'.length],
    [
      'a doubled operator on the second line',
      "amount > 0\n  and status = = 'paid'",
      'amount > 0\n  and status = '.length,
    ],
    ['after accented and astral characters', "status = 'ção😀' and and", "status = 'ção😀' and ".length],
  ];
  for (const [what, text, at] of cases) {
    it(`points at ${what}`, async () => {
      const r = await offsetOf('transform.filter', { condition: text });
      expect(r.offset, r.message).toBe(at);
    });
  }

  it('points into a custom query too, counted from its first character', async () => {
    const text = 'SELECT id,\n  amount * FROM in';
    const r = await offsetOf('transform.sql', { query: text });
    expect(r.offset, r.message).toBe(text.indexOf('FROM'));
  });
});

describe('without a position, the message itself', () => {
  it("is read for its caret under LINE n (DuckDB's own error text)", async () => {
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const instance = await DuckDBInstance.create(':memory:');
    const conn = await instance.connect();
    const sql = 'SELECT (a\n  and b c\n)';
    const message = await conn.extractStatements(sql).then(
      () => '',
      (e: unknown) => String(e),
    );
    conn.closeSync();
    instance.closeSync();
    expect(message).toMatch(/LINE 2/);
    expect(parseErrorOffset('a\n  and b c', sql, 'SELECT ('.length, message, undefined)).toBe('a\n  and b '.length);
  });

  it('is read for the token it names, or the end of the text', () => {
    expect(parseErrorOffset('x = = 1', 'SELECT (x = = 1)', 8, 'syntax error at or near "= 1"', undefined)).toBe(4);
    expect(parseErrorOffset('f(x  ', 'SELECT (f(x  )', 8, 'syntax error at end of input', undefined)).toBe(3);
    expect(parseErrorOffset('x', 'SELECT (x)', 8, 'something else', undefined)).toBeUndefined();
  });
});
