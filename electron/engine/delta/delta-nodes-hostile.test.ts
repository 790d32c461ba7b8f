import { appendFileSync, copyFileSync, existsSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { JsonValue } from '../../../shared/format/json';
import { openPipeline } from '../session';
import { freshDir, pipeline } from '../test-support';
import type { TrustMode } from '../trust/trust-report';

/** The Delta nodes against hostile tables and untrusted pipelines: refused, naming the node, the param and what is wrong. */

async function seed(dir: string, table: string): Promise<void> {
  writeFileSync(join(dir, 'seed.csv'), 'id\n1\n2\n');
  const doc = pipeline(
    { id: 'rows', type: 'source.csv', params: { path: join(dir, 'seed.csv') } },
    { id: 'lake', type: 'sink.delta', inputs: { in: 'rows' }, params: { path: table } },
  );
  const s = await openPipeline(doc, { trust: 'trusted', baseDir: dir, threads: 1 });
  try {
    expect((await s.run()).diagnostics).toEqual([]);
  } finally {
    s.close();
  }
}

async function validate(dir: string, params: Record<string, JsonValue>, trust: TrustMode) {
  const s = await openPipeline(pipeline({ id: 'src', type: 'source.delta', params }), {
    trust,
    baseDir: dir,
    threads: 1,
  });
  try {
    return await s.validate();
  } finally {
    s.close();
  }
}

describe('source.delta and sink.delta, hostile', () => {
  it('restricted: a table outside the pipeline folder is not read; one inside is', async () => {
    const home = freshDir('duto-delta-home-');
    const elsewhere = freshDir('duto-delta-elsewhere-');
    await seed(elsewhere, join(elsewhere, 't'));
    // Its log is broken on purpose: were it read, the error would say so.
    appendFileSync(join(elsewhere, 't', '_delta_log', '00000000000000000000.json'), '{ not json\n');
    const outside = await validate(home, { path: join(elsewhere, 't') }, 'restricted');
    expect(outside.ok).toBe(false);
    expect(outside.diagnostics[0]).toMatchObject({ code: 'node.check', variant: 'delta-restricted' });
    expect(outside.diagnostics).toEqual([
      expect.objectContaining({
        nodeId: 'src',
        param: 'path',
        message: expect.stringContaining(
          'is not read here (a restricted pipeline reads tables only inside its folder)',
        ),
      }),
    ]);
    // Through a link inside the folder, the same.
    symlinkSync(join(elsewhere, 't'), join(home, 'link'));
    expect((await validate(home, { path: 'link' }, 'restricted')).diagnostics).toEqual([
      expect.objectContaining({ nodeId: 'src', param: 'path', message: expect.stringContaining('is not read here') }),
    ]);
    await seed(home, join(home, 'mine'));
    const inside = await validate(home, { path: 'mine' }, 'restricted');
    expect(inside.diagnostics).toEqual([]);
    expect(inside.schemas['src']).toEqual([{ name: 'id', type: 'BIGINT' }]);
  });

  it('restricted: a sink.delta is not run, and says it would write the table', async () => {
    const home = freshDir('duto-delta-home-');
    writeFileSync(join(home, 'a.csv'), 'id\n1\n');
    const doc = pipeline(
      { id: 'rows', type: 'source.csv', params: { path: 'a.csv' } },
      { id: 'lake', type: 'sink.delta', inputs: { in: 'rows' }, params: { path: 't' } },
    );
    const s = await openPipeline(doc, { trust: 'restricted', baseDir: home, threads: 1 });
    try {
      await expect(s.run()).rejects.toThrow(`it would write ${join(home, 't')}`);
    } finally {
      s.close();
    }
    expect(existsSync(join(home, 't'))).toBe(false);
  });

  it('a log whose add names ../x.parquet is refused, naming the path, on the node and its param', async () => {
    const dir = freshDir('duto-delta-hostile-');
    await seed(dir, join(dir, 'lake', 't'));
    const data = readdirSync(join(dir, 'lake', 't')).find((f) => f.endsWith('.parquet')) ?? '';
    copyFileSync(join(dir, 'lake', 't', data), join(dir, 'lake', 'x.parquet'));
    mkdirSync(join(dir, 'lake', 't', '_delta_log'), { recursive: true });
    const add = { add: { path: '../x.parquet', partitionValues: {}, size: 1, modificationTime: 0, dataChange: true } };
    writeFileSync(
      join(dir, 'lake', 't', '_delta_log', '00000000000000000001.json'),
      `${JSON.stringify({ commitInfo: { timestamp: Date.now() } })}\n${JSON.stringify(add)}\n`,
    );
    for (const trust of ['trusted', 'restricted'] as const) {
      const v = await validate(dir, { path: 'lake/t' }, trust);
      expect(v.ok).toBe(false);
      expect(v.diagnostics).toEqual([
        expect.objectContaining({
          nodeId: 'src',
          param: 'path',
          message: expect.stringContaining('names the file "../x.parquet", outside the table folder'),
        }),
      ]);
    }
    // Version 0, before the hostile commit, still reads.
    expect((await validate(dir, { path: 'lake/t', version: 0 }, 'trusted')).diagnostics).toEqual([]);
  });
});
