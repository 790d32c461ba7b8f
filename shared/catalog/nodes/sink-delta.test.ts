import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileDir, compileType, ordersInput } from '../../../test/compile-kit';
import { recognize } from '../../messages/recognize';
import { paramMeta } from '../params';
import { sinkDelta } from './sink-delta';

/* sink.delta compiles to a Delta write the engine commits (electron/engine/delta/delta-sink-node.test.ts writes real tables). */

describe('sink.delta', () => {
  it('writes its input to the table folder, appending by default', () => {
    expect(compileType(sinkDelta, { path: 'lake/t' }, { in: [ordersInput] })).toEqual({
      deltaSink: {
        path: path.join(compileDir, 'lake', 't'),
        mode: 'append',
        keys: [],
        partitionBy: [],
        addColumns: false,
        input: '"orders"',
      },
    });
    expect(compileType(sinkDelta, { path: 'lake/t', mode: 'create' }, { in: [ordersInput] })).toMatchObject({
      deltaSink: { mode: 'create' },
    });
  });

  it('adds new columns to the table only when asked', () => {
    expect(compileType(sinkDelta, { path: 't', addColumns: true }, { in: [ordersInput] })).toMatchObject({
      deltaSink: { mode: 'append', addColumns: true },
    });
    expect(
      compileType(sinkDelta, { path: 't', mode: 'merge', keys: ['id'], addColumns: true }, { in: [ordersInput] }),
    ).toMatchObject({ deltaSink: { mode: 'merge', addColumns: true } });
    const param = sinkDelta.params.addColumns;
    expect(param && paramMeta(param)).toMatchObject({ kind: 'boolean', label: 'Add new columns' });
  });

  it('merges on key columns, which a merge requires', () => {
    expect(compileType(sinkDelta, { path: 't', mode: 'merge', keys: ['id'] }, { in: [ordersInput] })).toMatchObject({
      deltaSink: { mode: 'merge', keys: ['id'] },
    });
    expect(compileType(sinkDelta, { path: 't', mode: 'merge' }, { in: [ordersInput] })).toEqual({
      issues: [{ param: 'keys', message: 'a merge needs the key columns that identify a row' }],
    });
    // Keys only mean something to a merge.
    expect(compileType(sinkDelta, { path: 't', keys: ['id'] }, { in: [ordersInput] })).toMatchObject({
      deltaSink: { mode: 'append', keys: [] },
    });
  });

  it('partitions a table it creates by columns, not by all of them', () => {
    expect(compileType(sinkDelta, { path: 't', partitionBy: ['status'] }, { in: [ordersInput] })).toMatchObject({
      deltaSink: { partitionBy: ['status'] },
    });
    const typed = {
      ...ordersInput,
      schema: [
        { name: 'id', type: 'BIGINT' },
        { name: 'status', type: 'VARCHAR' },
      ],
    };
    expect(compileType(sinkDelta, { path: 't', partitionBy: ['id', 'status'] }, { in: [typed] })).toEqual({
      issues: [{ param: 'partitionBy', message: 'a table needs at least one column that is not a partition column' }],
    });
  });

  it('refuses a file as the table, and an unknown mode', () => {
    fs.writeFileSync(path.join(compileDir, 'file.txt'), 'x');
    expect(compileType(sinkDelta, { path: 'file.txt' }, { in: [ordersInput] })).toEqual({
      issues: [
        { param: 'path', message: `${path.join(compileDir, 'file.txt')} is not a folder: a Delta table is a folder` },
      ],
    });
    expect(compileType(sinkDelta, { path: 't', mode: 'upsert' }, { in: [ordersInput] })).toEqual([
      { param: 'mode', message: expect.stringContaining('merge') },
    ]);
  });

  it('says its checks in Portuguese too (each is a template)', () => {
    expect(recognize('node.check', 'a merge needs the key columns that identify a row')?.key).toBe(
      'node.check/merge-keys',
    );
    expect(recognize('node.check', 'a table needs at least one column that is not a partition column')?.key).toBe(
      'node.check/partition-all',
    );
    expect(recognize('node.check', '/x/f.txt is not a folder: a Delta table is a folder')).toEqual({
      key: 'node.check/delta-folder',
      args: { path: '/x/f.txt' },
    });
  });
});
