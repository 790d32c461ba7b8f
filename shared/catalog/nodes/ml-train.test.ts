import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileDir, compileType, ordersInput } from '../../../test/compile-kit';
import { mlTrain } from './ml-train';

/* Compiles to the spec the engine's trainer runs (electron/engine/connectors/ml/ml-train.test.ts trains on real rows). */

const compile = (params: Record<string, unknown>) => compileType(mlTrain, params, { in: [ordersInput] });

describe('ml.train', () => {
  it('compiles to a model-file sink with every setting, the file made absolute', () => {
    const file = path.join(compileDir, 'price.json');
    expect(
      compile({ path: 'price.json', target: 'price', numeric: ['area'], categorical: ['district'] }),
    ).toMatchObject({
      externalSink: {
        kind: 'ml',
        input: '"orders"',
        file,
        config: {
          task: 'regression',
          algorithm: 'linear',
          target: 'price',
          numeric: ['area'],
          categorical: ['district'],
          seed: 42,
          testFraction: 0.2,
          rowCap: 200000,
          file,
        },
      },
    });
  });

  it('asks for a target (except for clustering), for features, and a file name', () => {
    expect(compile({ path: 'm.json', numeric: ['area'] })).toEqual({
      issues: [{ param: 'target', message: 'pick the column to predict' }],
    });
    expect(compile({ path: 'm.json', task: 'clustering', algorithm: 'kmeans' })).toEqual({
      issues: [{ param: 'numeric', message: 'pick at least one feature column' }],
    });
    expect(compile({ path: '.', task: 'clustering', numeric: ['a'] })).toEqual({
      issues: [{ param: 'path', message: `${compileDir} is a folder; give a file name` }],
    });
    expect(compile({ path: 'm.json', task: 'forecast', numeric: ['a'] })).toEqual([
      expect.objectContaining({ param: 'task' }),
    ]);
  });
});
