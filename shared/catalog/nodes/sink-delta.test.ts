import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileDir, compileType, ordersInput } from '../../../test/compile-kit';
import { sinkDelta } from './sink-delta';

/* sink.delta compiles to a Delta write the engine commits (electron/engine/delta/delta-sink-node.test.ts writes real tables). */

describe('sink.delta', () => {
  it('writes its input to the table folder, appending by default', () => {
    expect(compileType(sinkDelta, { path: 'lake/t' }, { in: [ordersInput] })).toEqual({
      deltaSink: { path: path.join(compileDir, 'lake', 't'), mode: 'append', input: '"orders"' },
    });
    expect(compileType(sinkDelta, { path: 'lake/t', mode: 'create' }, { in: [ordersInput] })).toMatchObject({
      deltaSink: { mode: 'create' },
    });
  });

  it('refuses a file as the table, and an unknown mode', () => {
    fs.writeFileSync(path.join(compileDir, 'file.txt'), 'x');
    expect(compileType(sinkDelta, { path: 'file.txt' }, { in: [ordersInput] })).toEqual({
      issues: [
        { param: 'path', message: `${path.join(compileDir, 'file.txt')} is not a folder: a Delta table is a folder` },
      ],
    });
    expect(compileType(sinkDelta, { path: 't', mode: 'merge' }, { in: [ordersInput] })).toEqual([
      { param: 'mode', message: expect.stringContaining('append') },
    ]);
  });
});
