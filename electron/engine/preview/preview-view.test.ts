import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DutoError } from '../../../shared/diagnostics';
import { freshDir, pipeline, sessionOpener } from '../test-support';

const open = sessionOpener();

/** 1,000 rows: id 0..999, name "item <id>", v = (id × 37) mod 1,000 (every value once), some names missing. */
async function opened() {
  const dir = freshDir();
  const rows = Array.from(
    { length: 1000 },
    (_, i) => `${String(i)},${i % 100 === 7 ? '' : `item ${String(i)}`},${String((i * 37) % 1000)}`,
  );
  writeFileSync(join(dir, 'in.csv'), `id,name,v\n${rows.join('\n')}\n`);
  return open(
    pipeline(
      { id: 'src', type: 'source.csv', params: { path: 'in.csv' } },
      { id: 'kept', type: 'transform.filter', inputs: { in: 'src' }, params: { condition: 'id >= 0' } },
    ),
    dir,
  );
}

describe('a preview sorted and filtered by the user', () => {
  it('sorts the whole output, not the rows already shown, and says how many rows match', async () => {
    const s = await opened();
    const plain = await s.preview('kept', 5);
    expect(plain.matching).toBeUndefined();
    const top = await s.preview('kept', 5, 0, undefined, { sort: [{ column: 'v', descending: true }] });
    expect(top.rows.map((r) => r[2])).toEqual([999, 998, 997, 996, 995]);
    expect(top.matching).toBe(1000);
    // Numbers sort as numbers (not as the preview's text), and the next page continues the order.
    const low = await s.preview('kept', 3, 3, undefined, { sort: [{ column: 'v', descending: false }] });
    expect(low.rows.map((r) => r[2])).toEqual([3, 4, 5]);
    // Missing values go last either way.
    const byName = await s.preview('kept', 1000, 0, undefined, { sort: [{ column: 'name', descending: true }] });
    expect(byName.rows.slice(-10).every((r) => r[1] === null)).toBe(true);
  });

  it('filters with "contains" on text and with comparisons typed as the column, over every row', async () => {
    const s = await opened();
    const some = await s.preview('kept', 100, 0, undefined, { filters: [{ column: 'name', text: 'ITEM 99' }] });
    expect(some.matching).toBe(11);
    expect(some.rows.map((r) => r[0])).toEqual([99, 990, 991, 992, 993, 994, 995, 996, 997, 998, 999]);
    const big = await s.preview('kept', 3, 0, undefined, {
      filters: [{ column: 'v', text: '>= 990' }],
      sort: [{ column: 'v', descending: false }],
    });
    expect(big.matching).toBe(10);
    expect(big.rows.map((r) => r[2])).toEqual([990, 991, 992]);
    const empty = await s.preview('kept', 100, 0, undefined, { filters: [{ column: 'name', text: '=NULL' }] });
    expect(empty.matching).toBe(10);
    // Two filters: both hold.
    const both = await s.preview('kept', 100, 0, undefined, {
      filters: [
        { column: 'v', text: '<10' },
        { column: 'name', text: 'item' },
      ],
    });
    expect(both.matching).toBe(10);
    // A value that does not cast matches nothing; it is not an error.
    expect((await s.preview('kept', 10, 0, undefined, { filters: [{ column: 'v', text: '> lots' }] })).matching).toBe(
      0,
    );
  });

  it("takes a filter's text as a value, never SQL, and names an unknown column", async () => {
    const s = await opened();
    const hostile = await s.preview('kept', 10, 0, undefined, {
      filters: [
        { column: 'name', text: "x') OR true OR ('" },
        { column: 'v', text: '= 1; DROP TABLE x; --' },
      ],
    });
    expect(hostile.matching).toBe(0);
    const err = await s
      .preview('kept', 10, 0, undefined, { sort: [{ column: 'nope', descending: false }] })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DutoError);
    expect(err instanceof DutoError ? err.diagnostics[0] : undefined).toMatchObject({
      code: 'preview.column',
      nodeId: 'kept',
    });
  });
});
