import { DuckDBInstance } from '@duckdb/node-api';
import { readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalog } from '../../../shared/catalog';
import { analyze } from '../../../shared/compiler/analyze';
import { compileNode } from '../../../shared/compiler/compile';
import type { PlanStep } from '../../../shared/compiler/plan';
import { boundedSniffer } from '../csv-dialect/bounded-sniffer';
import { freshDir, pipeline } from '../test-support';
import { expandGlob, statPath } from '../walls/file-boundary';
import { PinsOnDisk } from './pins-on-disk';
import { SourcePins } from './source-pins';

/** A CSV sniffed by one process is not sniffed again by the next (a re-run), until the file changes; a damaged file on disk is ignored. */
describe('pinned CSV descriptions on disk', () => {
  function sourceStep(dir: string): PlanStep {
    const doc = pipeline({ id: 'orders', type: 'source.csv', params: { path: 'orders.csv' } });
    const analysis = analyze(doc, {
      catalog,
      resolvePath: (p) => resolve(dir, p),
      statPath,
      glob: expandGlob,
      csvDialect: boundedSniffer(dir, 'trusted'),
    });
    const step = compileNode(analysis, 'orders', () => undefined).step;
    if (step === null) throw new Error('no step');
    return step;
  }

  it('a second process finds the description without touching DuckDB; an edit of the file, or a damaged record, makes it sniff again', async () => {
    const dir = freshDir();
    const pinsDir = join(dir, 'pins');
    writeFileSync(join(dir, 'orders.csv'), 'id,code,amount\n1,007,10.5\n2,010,3\n');
    const instance = await DuckDBInstance.create(':memory:');
    const live = await instance.connect();
    const closed = await instance.connect();
    closed.closeSync();
    try {
      const first = await new SourcePins(new PinsOnDisk(pinsDir)).pin(live, sourceStep(dir));
      expect(first?.columns.map((c) => `${c.name} ${c.type}`)).toEqual(['id BIGINT', 'code VARCHAR', 'amount DOUBLE']);
      // Another process: a new SourcePins over the same folder, on a connection that can run nothing.
      expect(await new SourcePins(new PinsOnDisk(pinsDir)).pin(closed, sourceStep(dir))).toEqual(first);

      writeFileSync(join(dir, 'orders.csv'), 'id,code,amount\n1,7,10.5\n2,10,3\n');
      expect(await new SourcePins(new PinsOnDisk(pinsDir)).pin(closed, sourceStep(dir))).toBeUndefined();
      const edited = await new SourcePins(new PinsOnDisk(pinsDir)).pin(live, sourceStep(dir));
      expect(edited?.columns.map((c) => c.type)).toEqual(['BIGINT', 'BIGINT', 'DOUBLE']);

      for (const name of readdirSync(pinsDir)) writeFileSync(join(pinsDir, name), '{"columns": "not a list"}');
      expect(await new SourcePins(new PinsOnDisk(pinsDir)).pin(closed, sourceStep(dir))).toBeUndefined();
    } finally {
      live.closeSync();
      instance.closeSync();
    }
  });
});
