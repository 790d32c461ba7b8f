import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { JsonValue } from '../../../shared/format/json';
import { freshDir, pipeline, sessionOpener } from '../test-support';
import { folderSnapshot } from '../../../test/folder-snapshot';

/**
 * The first two walls against stacked and smuggled SQL: every payload is
 * refused on its node and param at design time, and nothing is written.
 */

const open = sessionOpener();
const CSV = 'id,amount,status\n1,10,paid\n2,-5,void\n';

function setup(): { dir: string; target: string } {
  const dir = freshDir('duto-walls-');
  writeFileSync(join(dir, 'in.csv'), CSV);
  return { dir, target: join(dir, 'pwned.csv') };
}

/** `params` may name files in the test's folder: TARGET is the path a payload tries to write. */
async function refusal(node: {
  type: string;
  params: Record<string, JsonValue> | ((target: string) => Record<string, JsonValue>);
}) {
  const { dir, target } = setup();
  const before = folderSnapshot(dir);
  const params = typeof node.params === 'function' ? node.params(target) : node.params;
  const doc = pipeline(
    { id: 'src', type: 'source.csv', params: { path: 'in.csv' } },
    { id: 'evil', type: node.type, inputs: { in: 'src' }, params },
  );
  const s = await open(doc, dir);
  const v = await s.validate();
  const d = v.diagnostics.find((x) => x.nodeId === 'evil' && x.severity === 'error');
  await expect(s.preview('evil', 10)).rejects.toThrow();
  expect(folderSnapshot(dir)).toEqual(before);
  expect(readFileSync(join(dir, 'in.csv'), 'utf8')).toBe(CSV);
  return { d, target };
}

const STACKED = [
  "amount > 0); COPY (SELECT 1) TO 'TARGET'; SELECT (1",
  "amount > 0 /* ; */); COPY (SELECT 1) TO 'TARGET' --",
  "amount > 0)\n;COPY (SELECT 1) TO 'TARGET';\nSELECT (1",
  '1) UNION SELECT (2',
  '1), (2',
  '1) FROM src WHERE (1',
  'amount > 0) LIMIT (1',
  "$$x$$ = 'x'); COPY (SELECT 1) TO 'TARGET'; SELECT ($$",
  "E'\\'' = 'x'); COPY (SELECT 1) TO 'TARGET'; SELECT (1",
  '((((1)))) = 1)))) ; DROP VIEW src; SELECT ((((1',
  "amount > 0\u2028); COPY (SELECT 1) TO 'TARGET'; SELECT (1",
  '"amount" > 0); ATTACH \'TARGET\' AS x; SELECT (1',
  'amount > 0); SET threads = 1; SELECT (1',
  'amount > 0)); PRAGMA version; SELECT ((1',
];

const SMUGGLED = [
  ["(SELECT count(*) FROM read_text('in.csv')) > 0", 'read_text()'],
  ["(SELECT count(*) FROM enable_logging(storage = 'file', storage_path = '.')) >= 0", 'enable_logging()'],
  ["(SELECT count(*) FROM query('SELECT 1')) > 0", 'query()'],
  ["(SELECT count(*) FROM glob('/*')) > 0", 'glob()'],
  ["(SELECT count(*) FROM main.read_csv('in.csv')) > 0", 'read_csv()'],
  ["(SELECT count(*) FROM 'in.csv') > 0", 'as a file'],
  ['amount > $1', 'placeholders'],
] as const;

describe('the first wall: an expression is one expression', () => {
  it('refuses unparsed an expression longer than the parser can take in time (3 MB of AND took minutes)', async () => {
    const condition = Array.from({ length: 20_000 }, () => 'amount > 1').join(' AND ');
    const { d } = await refusal({ type: 'transform.filter', params: { condition } });
    expect(d).toMatchObject({ code: 'sql.refused', param: 'condition' });
    expect(d?.message).toContain(`is ${String(condition.length)} characters long, more than 200000`);
  });

  for (const payload of STACKED) {
    it(`refuses ${JSON.stringify(payload).slice(0, 70)}`, async () => {
      const { d, target } = await refusal({
        type: 'transform.filter',
        params: (t) => ({ condition: payload.replaceAll('TARGET', t) }),
      });
      expect(d).toMatchObject({ code: 'sql.refused', param: 'condition' });
      expect(existsSync(target)).toBe(false);
    });
  }

  for (const [payload, named] of SMUGGLED) {
    it(`refuses ${payload.slice(0, 60)}`, async () => {
      const { d } = await refusal({ type: 'transform.filter', params: { condition: payload } });
      expect(d).toMatchObject({ code: 'sql.refused', param: 'condition' });
      expect(d?.message).toContain(named);
    });
  }

  it('checks every expression param, in lists too, and dormant ones', async () => {
    const payload = "1); COPY (SELECT 1) TO 'x.csv'; SELECT (1";
    const derive = await refusal({
      type: 'transform.derive',
      params: {
        columns: [
          { name: 'ok', expression: 'amount * 2' },
          { name: 'bad', expression: payload },
        ],
      },
    });
    expect(derive.d).toMatchObject({ code: 'sql.refused', param: 'columns[1].expression' });
    // A condition kept on a check whose rule does not use it still never reaches DuckDB.
    const check = await refusal({
      type: 'quality.checks',
      params: { checks: [{ rule: 'not_null', column: 'id', condition: payload }] },
    });
    expect(check.d).toMatchObject({ code: 'sql.refused', param: 'checks[0].condition' });
  });

  it('says where a broken expression breaks', async () => {
    const { d } = await refusal({ type: 'transform.filter', params: { condition: ['amount >', '  AND status = '] } });
    expect(d?.message).toMatch(/^not a valid expression: syntax error .*\(line 2, column \d+\)$/);
  });

  it('keeps what legitimate expressions hold: semicolons in strings and identifiers, comments, dollar quotes', async () => {
    const { dir } = setup();
    const doc = pipeline(
      { id: 'src', type: 'source.csv', params: { path: 'in.csv' } },
      {
        id: 'kept',
        type: 'transform.filter',
        inputs: { in: 'src' },
        params: { condition: 'status IN (\'a;b\', $$paid$$) AND "amount" > 0 -- ; not a statement' },
      },
      {
        id: 'named',
        type: 'transform.derive',
        inputs: { in: 'kept' },
        params: { columns: [{ name: 'x;y', expression: "E'it\\'s' || ';' /* ) ; ( */" }] },
      },
    );
    const s = await open(doc, dir);
    const p = await s.preview('named', 10);
    expect(p.rows).toEqual([[1, 10, 'paid', "it's;"]]);
  });
});

describe('the first wall: a query is one SELECT', () => {
  const query = (q: string | string[]) => ({ type: 'transform.sql', params: { query: q } });

  for (const q of [
    'SELECT * FROM src; DROP VIEW src',
    "SELECT 1; COPY (SELECT 1) TO 'x.csv'",
    ['SELECT 1 -- first', ';', "ATTACH 'x.db'"],
    "COPY (SELECT 1) TO 'x.csv'",
    'CREATE TABLE t AS SELECT 1',
    'PIVOT src ON status USING sum(amount)',
    'SELECT * FROM (PIVOT src ON status USING sum(amount))',
    'SELECT $t$ ; $t$; INSTALL httpfs',
    "SELECT 'x'''; SET threads = 1",
  ]) {
    it(`refuses ${JSON.stringify(q).slice(0, 70)}`, async () => {
      const { d } = await refusal(query(q));
      expect(d).toMatchObject({ code: 'sql.refused', param: 'query' });
    });
  }

  it('refuses file readers inside a query', async () => {
    const { d } = await refusal(query("SELECT * FROM src, read_csv('in.csv')"));
    expect(d?.message).toContain('read_csv()');
  });

  it('takes one SELECT, a WITH, a trailing semicolon, and PIVOT inside a SELECT', async () => {
    const { dir } = setup();
    const doc = pipeline(
      { id: 'src', type: 'source.csv', params: { path: 'in.csv' } },
      {
        id: 'q',
        type: 'transform.sql',
        inputs: { in: 'src' },
        params: { query: ["WITH p AS (SELECT * FROM src WHERE status = 'paid')", 'SELECT id, amount FROM p;;', ''] },
      },
      {
        id: 'pv',
        type: 'transform.sql',
        inputs: { in: 'src' },
        params: {
          query: "SELECT * FROM (PIVOT src ON status IN ('paid', 'void') USING sum(amount) GROUP BY id) ORDER BY id",
        },
      },
    );
    const s = await open(doc, dir);
    expect((await s.preview('q', 10)).rows).toEqual([[1, 10]]);
    expect((await s.preview('pv', 10)).columns.map((c) => c.name)).toEqual(['id', 'paid', 'void']);
  });
});

describe('pipeline parameters stand for values in SQL, never for SQL', () => {
  it('a --param payload is compared with, not executed', async () => {
    const { dir } = setup();
    const before = folderSnapshot(dir);
    const doc = {
      ...pipeline(
        { id: 'src', type: 'source.csv', params: { path: 'in.csv' } },
        {
          id: 'kept',
          type: 'transform.filter',
          inputs: { in: 'src' },
          params: { condition: 'status = ${status} OR status = \'${status}\' OR "status" = ${status}' },
        },
      ),
      params: { status: { default: 'paid' } },
    };
    const s = await open(doc, dir, 2, { status: "x') OR 1=1; COPY (SELECT 1) TO 'pwned.csv'; SELECT ('" });
    expect((await s.validate()).ok).toBe(true);
    expect((await s.preview('kept', 10)).rows).toEqual([]);
    expect(folderSnapshot(dir)).toEqual(before);
  });

  it('a number parameter must be a number', async () => {
    const { dir } = setup();
    const doc = {
      ...pipeline(
        { id: 'src', type: 'source.csv', params: { path: 'in.csv' } },
        { id: 'kept', type: 'transform.filter', inputs: { in: 'src' }, params: { condition: 'amount > ${min}' } },
      ),
      params: { min: { default: 0 } },
    };
    expect((await (await open(doc, dir, 2, { min: '5' })).preview('kept', 10)).rows).toEqual([[1, 10, 'paid']]);
    const v = await (await open(doc, dir, 2, { min: '0 OR 1=1' })).validate();
    expect(v.diagnostics.find((d) => d.nodeId === 'kept')).toMatchObject({
      code: 'param.value',
      param: 'condition',
      message: 'parameter "min" is a number, not "0 OR 1=1"',
    });
  });
});
