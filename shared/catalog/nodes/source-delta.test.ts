import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileDir } from '../../../test/compile-kit';
import type { DeltaTableRead, DeltaVersionChoice } from '../delta-table';
import { sourceDelta } from './source-delta';

/* source.delta compiles what the engine read of the table (electron/engine/delta/delta-source-node.test.ts reads real tables). */

const read: DeltaTableRead = {
  table: path.join(compileDir, 't'),
  version: 3,
  columns: [{ name: 'id', type: 'BIGINT' }],
  sql: 'SELECT 1 AS id',
  files: [path.join(compileDir, 't', 'a.parquet')],
};

function compile(
  params: Record<string, unknown>,
  answer: (choice: DeltaVersionChoice) => { read: DeltaTableRead } | { problem: string } | undefined,
) {
  const asked: DeltaVersionChoice[] = [];
  const parsed = sourceDelta.parseParams(params);
  if (!parsed.ok) return { issues: parsed.issues, asked };
  const out = parsed.compile({
    nodeId: 'src',
    inputs: {},
    resolvePath: (p) => path.resolve(compileDir, p),
    statPath: () => 'dir',
    glob: () => ({ files: [] }),
    readDelta: (table, choice) => {
      expect(table).toBe(path.join(compileDir, 't'));
      asked.push(choice);
      return answer(choice);
    },
  });
  return { ...out, asked };
}

describe('source.delta', () => {
  it('reads the version asked for: latest, a number, or a time; its files are what DuckDB may read', () => {
    const latest = compile({ path: 't' }, () => ({ read }));
    expect(latest).toMatchObject({
      sql: 'SELECT 1 AS id',
      deltaSource: { table: path.join(compileDir, 't'), version: 3 },
      reads: [{ path: path.join(compileDir, 't', 'a.parquet'), kind: 'file' }],
      asked: [{ kind: 'latest' }],
    });
    expect(compile({ path: 't', version: 2 }, () => ({ read })).asked).toEqual([{ kind: 'version', version: 2 }]);
    expect(compile({ path: 't', timestamp: '2024-05-01T12:00:00Z' }, () => ({ read })).asked).toEqual([
      { kind: 'timestamp', at: Date.UTC(2024, 4, 1, 12) },
    ]);
    expect(compile({ path: 't', timestamp: '2024-05-01' }, () => ({ read })).asked).toEqual([
      { kind: 'timestamp', at: Date.UTC(2024, 4, 1) },
    ]);
  });

  it('blames the param at fault: both a version and a time, a time without a zone, a negative version, what the engine could not read', () => {
    const never = () => ({ read });
    expect(compile({ path: 't', version: 1, timestamp: '2024-05-01' }, never)).toMatchObject({
      issues: [{ param: 'timestamp', message: 'give a version or a timestamp, not both' }],
      asked: [],
    });
    expect(compile({ path: 't', timestamp: '2024-05-01 12:00' }, never).issues).toEqual([
      { param: 'timestamp', message: expect.stringContaining('is not a timestamp') },
    ]);
    expect(compile({ path: 't', version: -1 }, never).issues).toEqual([
      { param: 'version', message: 'must be at least 0' },
    ]);
    expect(compile({ path: 't', version: 9 }, () => ({ problem: 'no version 9' })).issues).toEqual([
      { param: 'version', message: 'no version 9' },
    ]);
    expect(compile({ path: 't' }, () => ({ problem: 'not a Delta table' })).issues).toEqual([
      { param: 'path', message: 'not a Delta table' },
    ]);
    expect(compile({ path: 't' }, () => undefined).issues).toEqual([
      { param: 'path', message: expect.stringContaining('is not read here') },
    ]);
  });
});
