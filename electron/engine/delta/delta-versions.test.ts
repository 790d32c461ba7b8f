import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { JsonValue } from '../../../shared/format/json';
import { openPipeline } from '../session';
import { freshDir, pipeline } from '../test-support';
import type { TrustMode } from '../trust/trust-report';

/** The inspector's list of a Delta source's versions (pipeline.deltaVersions), from real tables. */

async function land(dir: string, table: string, csv: string, mode: string): Promise<void> {
  const doc = pipeline(
    { id: 'rows', type: 'source.csv', params: { path: csv } },
    { id: 'lake', type: 'sink.delta', inputs: { in: 'rows' }, params: { path: table, mode } },
  );
  const s = await openPipeline(doc, { trust: 'trusted', baseDir: dir, threads: 1 });
  try {
    expect((await s.run()).diagnostics).toEqual([]);
  } finally {
    s.close();
  }
}

async function versionsOf(dir: string, params: Record<string, JsonValue>, trust: TrustMode = 'trusted') {
  const s = await openPipeline(
    pipeline(
      { id: 'src', type: 'source.delta', params },
      { id: 'f', type: 'transform.limit', inputs: { in: 'src' }, params: { count: 1 } },
    ),
    { trust, baseDir: dir, threads: 1 },
  );
  try {
    return { src: (await s.deltaVersions('src')).versions, other: (await s.deltaVersions('f')).versions };
  } finally {
    s.close();
  }
}

describe('pipeline.deltaVersions', () => {
  it("lists the table's versions newest first, with their operation and rows, whichever version the node reads", async () => {
    const dir = freshDir('duto-delta-versions-');
    writeFileSync(join(dir, 'a.csv'), 'id\n1\n2\n');
    writeFileSync(join(dir, 'b.csv'), 'id\n3\n');
    await land(dir, 't', 'a.csv', 'create');
    await land(dir, 't', 'b.csv', 'append');
    await land(dir, 't', 'b.csv', 'overwrite');
    const before = Date.now();
    const r = await versionsOf(dir, { path: 't', version: 0 });
    expect(r.src.map((v) => [v.version, v.operation, v.rowsAdded])).toEqual([
      [2, 'WRITE', 1],
      [1, 'WRITE', 1],
      [0, 'CREATE TABLE AS SELECT', 2],
    ]);
    expect(r.src.every((v) => v.timestamp > before - 120_000 && v.timestamp <= before)).toBe(true);
    // Another node has none.
    expect(r.other).toEqual([]);
  });

  it('lists nothing for a table a restricted pipeline may not read, or a folder that is not a table', async () => {
    const home = freshDir('duto-delta-versions-');
    const elsewhere = freshDir('duto-delta-versions-');
    writeFileSync(join(elsewhere, 'a.csv'), 'id\n1\n');
    await land(elsewhere, 't', 'a.csv', 'create');
    expect((await versionsOf(home, { path: join(elsewhere, 't') }, 'restricted')).src).toEqual([]);
    expect((await versionsOf(home, { path: join(elsewhere, 't') }, 'trusted')).src.map((v) => v.version)).toEqual([0]);
    expect((await versionsOf(home, { path: 'nothing' })).src).toEqual([]);
  });
});
