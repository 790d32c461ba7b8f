import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DutoError } from '../../../shared/diagnostics';
import { csvFilterParquet, freshDir, sessionOpener } from '../test-support';

const open = sessionOpener();

describe('profile', () => {
  it("gives each column's empty share, distinct count, range and mean over the node's whole output", async () => {
    const dir = freshDir('duto-profile-');
    writeFileSync(
      join(dir, 'in.csv'),
      `id,name,v\n${Array.from({ length: 1000 }, (_, i) => `${String(i + 1)},${i % 4 === 0 ? '' : `n${String(i % 10)}`},${String(i % 100)}`).join('\n')}\n`,
    );
    const s = await open(csvFilterParquet('in.csv', 'v >= 50', 'out.parquet'), dir);
    const p = await s.profile('kept');
    expect(p.rows).toBe(500);
    expect(p.columns.map((c) => [c.name, c.type, c.min, c.max, c.nullPercent])).toEqual([
      ['id', 'BIGINT', '51', '1000', 0],
      ['name', 'VARCHAR', 'n0', 'n9', 24],
      ['v', 'BIGINT', '50', '99', 0],
    ]);
    expect(p.columns[2]?.avg).toBe('74.5');
    expect(p.columns[2]?.distinct).toBeGreaterThanOrEqual(45);
    expect(p.columns[2]?.distinct).toBeLessThanOrEqual(55);
    // A sink profiles what it writes.
    expect((await s.profile('out')).rows).toBe(500);
    await expect(s.profile('nope')).rejects.toBeInstanceOf(DutoError);
  });

  it('of a node that failed to check (or below one) answers with that error, not "no rows"', async () => {
    const dir = freshDir('duto-profile-broken-');
    writeFileSync(join(dir, 'in.csv'), 'id,v\n1,2\n');
    const s = await open(csvFilterParquet('in.csv', 'nope > 1', 'out.parquet'), dir);
    for (const node of ['kept', 'out']) {
      const e: unknown = await s.profile(node).then(
        () => undefined,
        (x: unknown) => x,
      );
      expect(e).toBeInstanceOf(DutoError);
      const d = e instanceof DutoError ? e.diagnostics : [];
      expect(d.map((x) => [x.nodeId, x.code])).toEqual([['kept', expect.stringMatching(/column/)]]);
      expect(d[0]?.message).toContain('nope');
      await expect(s.preview(node, 10)).rejects.toThrow(/nope/);
    }
  });
});
