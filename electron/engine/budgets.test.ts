import { totalmem } from 'node:os';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openPipeline } from './index';
import { openSandbox } from './sandbox/sandbox';
import { bigCsv, freshDir, pipeline } from './test-support';

/** Budgets (ARCHITECTURE.md, wall 7): every engine has a memory and a spill limit, and opening a pipeline can be stopped. */

describe('budgets', () => {
  it('a sandbox has a memory limit under half the machine and a spill cap, by default and as given', async () => {
    const sb = await openSandbox({ files: [], dirs: [] }, { threads: 2 });
    try {
      const [[memory, spill]] = (
        await sb.connection.runAndReadAll(
          "SELECT current_setting('memory_limit'), current_setting('max_temp_directory_size')",
        )
      ).getRowsJson() as [[string, string]];
      const gib = (s: string): number =>
        Number(/([\d.]+)/.exec(s)?.[1]) *
        (s.includes('TiB') ? 1024 : s.includes('GiB') ? 1 : s.includes('MiB') ? 1 / 1024 : NaN);
      expect(gib(memory)).toBeLessThanOrEqual(totalmem() / 2 / 2 ** 30);
      expect(gib(spill)).toBeGreaterThan(0.9);
    } finally {
      sb.close();
    }
    const given = await openSandbox({ files: [], dirs: [] }, { threads: 1, memoryLimit: '2GiB', spillLimit: '3GiB' });
    try {
      expect(
        (await given.connection.runAndReadAll("SELECT current_setting('max_temp_directory_size')")).getRowsJson(),
      ).toEqual([['3.0 GiB']]);
    } finally {
      given.close();
    }
  });

  it('opening a pipeline stops at its time limit, with an error saying so', async () => {
    const dir = freshDir();
    await bigCsv(join(dir, 'big.csv'), 200_000);
    writeFileSync(join(dir, 'small.csv'), 'a\n1\n');
    const nodes = Array.from({ length: 40 }, (_, i) => ({
      id: `s${i}`,
      type: 'source.csv',
      params: { path: 'big.csv', autoDetect: true },
    }));
    await expect(
      openPipeline(pipeline(...nodes), { trust: 'trusted', baseDir: dir, threads: 1, signal: AbortSignal.timeout(1) }),
    ).rejects.toThrow(/took too long and was stopped/);
    const controller = new AbortController();
    controller.abort();
    await expect(
      openPipeline(pipeline({ id: 's', type: 'source.csv', params: { path: 'small.csv' } }), {
        trust: 'trusted',
        baseDir: dir,
        signal: controller.signal,
      }),
    ).rejects.toThrow(/was cancelled/);
  });
});
