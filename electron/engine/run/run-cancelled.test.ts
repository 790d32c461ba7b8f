import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { diagnoseDuckDBError } from '../duck/duckdb-errors';
import { RunCancelled, isCancellation } from './run-cancelled';

describe('RunCancelled', () => {
  it('is a cancel by its type, and diagnosed as run.cancelled', () => {
    const e = new RunCancelled();
    expect(e).toBeInstanceOf(Error);
    expect(isCancellation(e)).toBe(true);
    expect(diagnoseDuckDBError(e, { nodeId: 'out' })).toMatchObject({ code: 'run.cancelled', nodeId: 'out' });
  });

  it('is not any error that happens to say "cancelled"', () => {
    expect(isCancellation(new Error('cancelled'))).toBe(false);
    expect(isCancellation(new Error('Conversion Error: Could not convert string "x" to INT32'))).toBe(false);
  });

  it("still recognises DuckDB's own interrupt, from connection.interrupt()", async () => {
    const instance = await DuckDBInstance.create(':memory:');
    const conn = await instance.connect();
    try {
      const slow = conn.run('SELECT count(*) FROM range(10000000000) a');
      setTimeout(() => conn.interrupt(), 50);
      const caught = await slow.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(caught).toBeInstanceOf(Error);
      expect(isCancellation(caught)).toBe(true);
      expect(diagnoseDuckDBError(caught).code).toBe('run.cancelled');
    } finally {
      conn.closeSync();
      instance.closeSync();
    }
  });
});
