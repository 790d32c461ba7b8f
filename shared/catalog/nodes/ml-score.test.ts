import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { compileDir, ordersInput } from '../../../test/compile-kit';
import type { ScoringModel } from '../../ml/scoring-model';
import { mlScore } from './ml-score';

/* ml.score compiles a model into SQL (the engine reads the file: electron/engine/ml/ml-score.test.ts scores real rows). */

const logistic: ScoringModel = {
  format: 'duto.model',
  version: 1,
  fingerprint: 'f',
  task: 'classification',
  signature: [
    { column: 'x', kind: 'numeric', type: 'DOUBLE' },
    { column: 'c', kind: 'categorical', type: 'VARCHAR' },
  ],
  features: [
    { kind: 'numeric', column: 'x', mean: 1, scale: 2 },
    { kind: 'category', column: 'c', value: 'b' },
  ],
  fitted: {
    algorithm: 'logistic',
    classes: ['no', 'yes'],
    intercepts: [0, 0.5],
    weights: [
      [0, 0],
      [2, -1],
    ],
  },
};

function compile(
  model: ScoringModel | { problem: string },
  schema = [
    { name: 'x', type: 'DOUBLE' },
    { name: 'c', type: 'VARCHAR' },
  ],
) {
  const parsed = mlScore.parseParams({ path: 'm.json' });
  if (!parsed.ok) throw new Error('params');
  return parsed.compile({
    nodeId: 'score',
    inputs: { in: [{ ...ordersInput, schema }] },
    resolvePath: (p) => path.resolve(compileDir, p),
    statPath: () => 'file',
    glob: () => ({ files: [] }),
    readModel: () => ('problem' in model ? model : { model }),
  });
}

describe('ml.score', () => {
  it('adds a prediction and per-class probabilities computed in SQL (NULL → the training mean, one-hot by text)', async () => {
    const sql = compile(logistic).sql ?? '';
    const db = await DuckDBInstance.create(':memory:');
    const c = await db.connect();
    const rows = (
      await c.runAndReadAll(
        `WITH orders AS (SELECT * FROM (VALUES (3.0, 'b'), (NULL, 'a')) t(x, c)) ${sql.replace('"orders"', 'orders')}`,
      )
    ).getRowObjectsJson();
    c.closeSync();
    // Row 1: z = 0.5 + 2·(3−1)/2 − 1 = 1.5; row 2: z = 0.5 (x is the mean, c is not b).
    const p1 = 1 / (1 + Math.exp(-1.5));
    const p2 = 1 / (1 + Math.exp(-0.5));
    expect(rows.map((r) => [r['prediction'], Number(r['probability_yes']).toFixed(12)])).toEqual([
      ['yes', p1.toFixed(12)],
      ['yes', p2.toFixed(12)],
    ]);
  });

  it('refuses an input without a model column, a text column for a numeric one, and a bad file', () => {
    expect(compile(logistic, [{ name: 'c', type: 'VARCHAR' }]).issues).toEqual([
      { param: 'path', message: 'the model needs column "x" (numeric); the input has no such column' },
    ]);
    expect(
      compile(logistic, [
        { name: 'x', type: 'VARCHAR' },
        { name: 'c', type: 'VARCHAR' },
      ]).issues,
    ).toEqual([{ param: 'path', message: 'the model needs column "x" as a number; the input\'s is VARCHAR' }]);
    expect(compile({ problem: 'model file m.json is not a Duto model: not JSON' }).issues).toEqual([
      { param: 'path', message: 'model file m.json is not a Duto model: not JSON' },
    ]);
  });
});
