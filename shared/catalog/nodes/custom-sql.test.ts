import { describe, expect, it } from 'vitest';
import { runOk, tmpDir } from '../../../test/catalog-kit';
import { pipeline } from '../../../test/pipeline-builder';

const dir = tmpDir({ 'a.csv': 'id,name\n1,Ann\n2,Bob\n', 'b.csv': 'id,score\n2,9\n' });
const doc = (query: string | string[]) =>
  pipeline()
    .node('people', 'source.csv', { path: 'a.csv' })
    .node('scores', 'source.csv', { path: 'b.csv' })
    .node('q', 'transform.sql', { query }, { in: ['people', 'scores'] })
    .build();

describe('transform.sql', () => {
  it('runs a query over its inputs by node id, even ending in a line comment', async () => {
    const r = await runOk(
      doc(['SELECT p.name, s.score', 'FROM people p LEFT JOIN scores s USING (id) -- all people']),
      dir,
    );
    expect(await r.rows('q')).toEqual([
      { name: 'Ann', score: null },
      { name: 'Bob', score: 9 },
    ]);
    r.close();
  });

  it('accepts semicolons inside strings, identifiers and comments', async () => {
    const r = await runOk(doc(`SELECT 'a;b' AS "x;y", $$c;d$$ AS z /* ; */ FROM people WHERE id = 1`), dir);
    expect(await r.rows('q')).toEqual([{ 'x;y': 'a;b', z: 'c;d' }]);
    r.close();
  });

  it("drops the semicolon a query ends with (a second statement is the engine's to refuse: walls/user-sql.test.ts)", async () => {
    const r = await runOk(doc(['SELECT name FROM people WHERE id = 1;', '']), dir);
    expect(await r.rows('q')).toEqual([{ name: 'Ann' }]);
    r.close();
  });
});
