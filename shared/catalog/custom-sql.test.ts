import { describe, expect, it } from 'vitest';
import { errorsOf, runOk, tmpDir } from '../../test/catalog-kit';
import { pipeline } from '../../test/pipeline-builder';
import { statementEnd } from './custom-sql';

const dir = tmpDir({ 'a.csv': 'id,name\n1,Ann\n2,Bob\n', 'b.csv': 'id,score\n2,9\n' });
const doc = (query: string | string[]) =>
  pipeline()
    .node('people', 'source.csv', { path: 'a.csv' })
    .node('scores', 'source.csv', { path: 'b.csv' })
    .node('q', 'transform.sql', { query }, { in: ['people', 'scores'] })
    .build();

describe('transform.sql', () => {
  it('runs a query over its inputs by node id, even ending in a line comment', async () => {
    const r = await runOk(doc(['SELECT p.name, s.score', 'FROM people p LEFT JOIN scores s USING (id) -- all people']), dir);
    expect(await r.rows('q')).toEqual([{ name: 'Ann', score: null }, { name: 'Bob', score: 9 }]);
    r.close();
  });

  it('accepts semicolons inside strings, identifiers and comments', async () => {
    const r = await runOk(doc(`SELECT 'a;b' AS "x;y", $$c;d$$ AS z /* ; */ FROM people WHERE id = 1`), dir);
    expect(await r.rows('q')).toEqual([{ 'x;y': 'a;b', z: 'c;d' }]);
    r.close();
  });

  it('rejects a second statement, naming the line', async () => {
    expect(await errorsOf(doc(['SELECT 1;', 'DROP VIEW people']), dir)).toEqual(['q query: one statement only: remove the ";" on line 1']);
    expect(await errorsOf(doc("SELECT 'it''s'; SELECT 2"), dir)).toEqual(['q query: one statement only: remove the ";" on line 1']);
  });

  it('finds the end of a statement', () => {
    expect(statementEnd("SELECT 'x''; y'")).toBe(-1);
    expect(statementEnd('SELECT 1 -- ;\n; SELECT 2')).toBe(14);
    expect(statementEnd('SELECT $t$ ; $t$;')).toBe(16);
  });
});
