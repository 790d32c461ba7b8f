import { describe, expect, it } from 'vitest';
import { runOk, tmpDir } from '../../../test/catalog-kit';
import { pipeline } from '../../../test/pipeline-builder';

const dir = tmpDir({
  'a.csv': 'id,name\n1,Ann\n2,Bob\n',
  'b.csv': 'score,id\n9,2\n7,3\n',
  'c.csv': 'id,name\n1,Ann\n',
});

describe('transform.union', () => {
  it('appends by name, filling missing columns, with the source node id', async () => {
    const doc = pipeline()
      .node('a', 'source.csv', { path: 'a.csv' })
      .node('b', 'source.csv', { path: 'b.csv' })
      .node('u', 'transform.union', { sourceColumn: 'from' }, { in: ['a', 'b'] })
      .build();
    const r = await runOk(doc, dir);
    expect(await r.rows('u', 'id, "from"')).toEqual([
      { id: 1, name: 'Ann', from: 'a', score: null },
      { id: 2, name: 'Bob', from: 'a', score: null },
      { id: 2, name: null, from: 'b', score: 9 },
      { id: 3, name: null, from: 'b', score: 7 },
    ]);
    r.close();
  });

  it('removes duplicates when asked', async () => {
    const doc = (distinct: boolean) =>
      pipeline()
        .node('a', 'source.csv', { path: 'a.csv' })
        .node('c', 'source.csv', { path: 'c.csv' })
        .node('u', 'transform.union', { distinct }, { in: ['a', 'c'] })
        .build();
    const all = await runOk(doc(false), dir);
    expect(await all.rows('u')).toHaveLength(3);
    all.close();
    const d = await runOk(doc(true), dir);
    expect(await d.rows('u')).toEqual([
      { id: 1, name: 'Ann' },
      { id: 2, name: 'Bob' },
    ]);
    d.close();
  });
});
