import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { execFileSync } from 'node:child_process';
import { readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Column } from '../../../../shared/catalog/node-type';
import { ConnectorError } from '../../external/types';
import { freshDir } from '../../test-support';
import { loadOnnxModel, ONNX_MAX_BYTES, readOnnxFile, type OnnxModel } from './onnx-file';
import { planOnnx, type OnnxPlan } from './onnx-plan';
import { createScoredTable, scoreOnnx } from './onnx-score';
import {
  customOpModel,
  externalDataModel,
  linearModel,
  sklearnLogisticModel,
  softmaxModel,
  zipMapModel,
} from './onnx-test-models';

/*
 * ONNX scoring on real DuckDB and the real runtime, with models written by
 * hand (onnx-test-models.ts) so every expected score is computed here.
 */

let conn: DuckDBConnection;
let writer: DuckDBConnection;
const dir = freshDir('duto-onnx-');
let tables = 0;

beforeAll(async () => {
  const db = await DuckDBInstance.create(':memory:');
  conn = await db.connect();
  writer = await db.connect();
});
afterAll(() => {
  conn.closeSync();
  writer.closeSync();
});

function file(name: string, bytes: Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

async function columnsOf(input: string): Promise<Column[]> {
  const r = await conn.runAndReadAll(`DESCRIBE SELECT * FROM ${input}`);
  return r.getRowObjectsJS().map((row) => ({ name: String(row['column_name']), type: String(row['column_type']) }));
}

async function score(
  model: OnnxModel,
  input: string,
  features: string[],
  batchRows?: number,
): Promise<{ rows: Array<Record<string, unknown>>; plan: OnnxPlan; table: string }> {
  const plan = planOnnx(model.file, model.graph, await columnsOf(input), features);
  const table = `scored_${tables++}`;
  const target = {
    conn,
    writer,
    input,
    table,
    signal: new AbortController().signal,
    ...(batchRows === undefined ? {} : { batchRows }),
  };
  await createScoredTable(conn, plan, target);
  const n = await scoreOnnx(model, plan, target);
  const rows = (await conn.runAndReadAll(`SELECT * FROM ${table} LIMIT 20`)).getRowObjectsJS();
  expect(n).toBeGreaterThanOrEqual(rows.length);
  return { rows, plan, table };
}

function refusal(f: () => unknown): ConnectorError {
  try {
    f();
  } catch (e) {
    if (e instanceof ConnectorError) return e;
    throw e;
  }
  throw new Error('not refused');
}

async function refusalAsync(p: Promise<unknown>): Promise<ConnectorError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ConnectorError) return e;
    throw e;
  }
  throw new Error('not refused');
}

const ROWS = `(SELECT * FROM (VALUES (1, 1.0, 2.0), (2, 3.0, -1.0), (3, NULL, 0.5)) t(id, a, b))`;

describe('ONNX scoring', () => {
  it('a linear model y = 2a - 3b + 0.5 scores each row, NULL as NaN, input columns kept as they were', async () => {
    const m = await loadOnnxModel(file('linear.onnx', linearModel([2, -3], 0.5)), 'trusted', 1);
    const { rows, table } = await score(m, ROWS, ['a', 'b']);
    expect(rows.map((r) => r['id'])).toEqual([1, 2, 3]);
    expect(rows.map((r) => r['a'])).toEqual([1, 3, null]);
    expect(await columnsOf(table)).toEqual([...(await columnsOf(ROWS)), { name: 'prediction', type: 'DOUBLE' }]);
    expect(rows[0]?.['prediction']).toBeCloseTo(2 * 1 - 3 * 2 + 0.5, 5);
    expect(rows[1]?.['prediction']).toBeCloseTo(2 * 3 - 3 * -1 + 0.5, 5);
    expect(rows[2]?.['prediction']).toBeNaN();
    await m.session.release();
  });

  it('features are fed in the order listed, not the order of the input', async () => {
    const m = await loadOnnxModel(file('linear2.onnx', linearModel([2, -3], 0.5)), 'trusted', 1);
    const { rows } = await score(m, ROWS, ['b', 'a']);
    expect(rows[0]?.['prediction']).toBeCloseTo(2 * 2 - 3 * 1 + 0.5, 5);
    await m.session.release();
  });

  it('a softmax classifier gives its label and one probability per class, computed by hand', async () => {
    // logits = [a, b, 0] (W = identity on the first two classes)
    const m = await loadOnnxModel(file('softmax.onnx', softmaxModel([1, 0, 0, 0, 1, 0], [0, 0, 0])), 'trusted', 1);
    const { rows } = await score(m, ROWS, ['a', 'b']);
    const expected = (a: number, b: number): number[] => {
      const e = [Math.exp(a), Math.exp(b), 1];
      const s = e[0]! + e[1]! + e[2]!;
      return e.map((x) => x / s);
    };
    expect(rows[0]?.['prediction']).toBe(1n);
    expect(rows[1]?.['prediction']).toBe(0n);
    const p0 = expected(1, 2);
    expect([rows[0]?.['probability_0'], rows[0]?.['probability_1'], rows[0]?.['probability_2']]).toEqual(
      p0.map((p) => expect.closeTo(p, 6)),
    );
    await m.session.release();
  });

  it('an sklearn-style export (one input per column, ZipMap probabilities) is read by name, with its class labels', async () => {
    const bytes = zipMapModel(['petal', 'sepal'], [1, 0, 0, 1], [0, 0], ['setosa', 'virginica']);
    const m = await loadOnnxModel(file('zip.onnx', bytes), 'trusted', 1);
    const input = `(SELECT * FROM (VALUES (2.0::FLOAT, 1.0::DOUBLE), (0.0, 3.0)) t(sepal, petal))`;
    const { rows } = await score(m, input, []);
    // logits = [petal, sepal] (Concat in the model's input order)
    const p = 1 / (1 + Math.exp(2 - 1));
    expect(rows[0]?.['probability_setosa']).toBeCloseTo(p, 6);
    expect(rows[0]?.['probability_virginica']).toBeCloseTo(1 - p, 6);
    expect(rows.map((r) => r['prediction'])).toEqual([1n, 0n]);
    await m.session.release();
  });

  it('100,000 rows stream through in batches, every row once, in order', async () => {
    const m = await loadOnnxModel(file('big.onnx', linearModel([1, 1000], 0)), 'trusted', 1);
    const input = `(SELECT i AS id, i::DOUBLE AS x, (i % 7)::DOUBLE AS y FROM range(100000) r(i))`;
    const { table } = await score(m, input, ['x', 'y'], 7_777);
    const check = await conn.runAndReadAll(
      `SELECT count(*) AS n, count(DISTINCT id) AS d,
              bool_and(prediction = x + 1000 * y) AS right,
              bool_and(id = rn - 1) AS ordered
       FROM (SELECT *, row_number() OVER () AS rn FROM ${table})`,
    );
    expect(check.getRowObjectsJS()[0]).toEqual({ n: 100000n, d: 100000n, right: true, ordered: true });
    await m.session.release();
  });
});

describe('ONNX scoring refuses, naming what is wrong', () => {
  it('a missing feature column, by name', async () => {
    const m = await loadOnnxModel(file('m1.onnx', linearModel([1, 1], 0)), 'trusted', 1);
    const e = refusal(() => planOnnx(m.file, m.graph, [{ name: 'a', type: 'DOUBLE' }], ['a', 'weight']));
    expect(e.code).toBe('ml.input');
    expect(e.message).toContain('"weight"');
    await m.session.release();
  });

  it('a feature column that is not a number, by name and type', async () => {
    const m = await loadOnnxModel(file('m2.onnx', linearModel([1, 1], 0)), 'trusted', 1);
    const cols = [
      { name: 'a', type: 'DOUBLE' },
      { name: 'city', type: 'VARCHAR' },
    ];
    const e = refusal(() => planOnnx(m.file, m.graph, cols, ['a', 'city']));
    expect(e.message).toBe('model input column "city" must be a number; the input\'s is VARCHAR');
    await m.session.release();
  });

  it('a feature count that does not match the model input, or none listed', async () => {
    const m = await loadOnnxModel(file('m3.onnx', linearModel([1, 1], 0)), 'trusted', 1);
    const cols = [{ name: 'a', type: 'DOUBLE' }];
    expect(refusal(() => planOnnx(m.file, m.graph, cols, ['a'])).message).toContain('takes 2 features per row; 1');
    expect(refusal(() => planOnnx(m.file, m.graph, cols, [])).message).toContain('list the feature columns');
    await m.session.release();
  });

  it('an output column the input already has', async () => {
    const m = await loadOnnxModel(file('m4.onnx', linearModel([1], 0)), 'trusted', 1);
    const cols = [
      { name: 'a', type: 'DOUBLE' },
      { name: 'prediction', type: 'DOUBLE' },
    ];
    expect(refusal(() => planOnnx(m.file, m.graph, cols, ['a'])).message).toContain('column "prediction"');
    await m.session.release();
  });

  it('a restricted pipeline: nothing is read', () => {
    const e = refusal(() => readOnnxFile(join(dir, 'not-even-there.onnx'), 'restricted'));
    expect(e.code).toBe('ml.model');
    expect(e.message).toContain('a restricted pipeline does not run ONNX models');
  });

  it('a truncated model, at every length, and files that are not ONNX: a clear error, never a crash', async () => {
    const whole = softmaxModel([1, 0, 0, 0, 1, 0], [0, 0, 0]);
    for (let n = 0; n < whole.length; n += 7) {
      const path = file('cut.onnx', whole.subarray(0, n));
      const e = await refusalAsync(loadOnnxModel(path, 'trusted', 1));
      expect(e.code).toBe('ml.model');
      expect(e.message).toContain(path);
    }
    for (const [name, bytes] of [
      ['model.json', new TextEncoder().encode('{"format": "duto.model"}')],
      ['random.onnx', Uint8Array.from({ length: 4096 }, (_, i) => (i * 2654435761) >>> 24)],
      ['empty.onnx', new Uint8Array(0)],
    ] as const) {
      const e = await refusalAsync(loadOnnxModel(file(name, bytes), 'trusted', 1));
      expect(e.message).toMatch(/is not an ONNX model|cannot load/);
      expect(e.message).toContain(name);
    }
  });

  it('custom operators and external data, before the runtime sees the file', () => {
    expect(refusal(() => readOnnxFile(file('evil.onnx', customOpModel()), 'trusted')).message).toContain(
      'operator Evil of domain "com.example.custom"',
    );
    expect(refusal(() => readOnnxFile(file('ext.onnx', externalDataModel()), 'trusted')).message).toContain(
      'keeps tensor "W" in another file',
    );
  });

  it('a folder, a pipe, a missing file, a file over the cap', () => {
    expect(refusal(() => readOnnxFile(dir, 'trusted')).message).toContain('not a regular file');
    expect(refusal(() => readOnnxFile(join(dir, 'absent.onnx'), 'trusted')).message).toContain('cannot read');
    if (process.platform !== 'win32') {
      const fifo = join(dir, 'fifo.onnx');
      execFileSync('mkfifo', [fifo]);
      expect(refusal(() => readOnnxFile(fifo, 'trusted')).message).toContain('not a regular file');
    }
    const big = join(dir, 'big-sparse.onnx');
    writeFileSync(big, '');
    // A sparse file: its size is over the cap, its disk use nothing.
    truncateSync(big, ONNX_MAX_BYTES + 1);
    expect(refusal(() => readOnnxFile(big, 'trusted')).message).toContain(`at most 268,435,456 are read`);
  });

  it('an integer input with a NULL, by column and row', async () => {
    const m = await loadOnnxModel(file('m5.onnx', linearModel([1], 0)), 'trusted', 1);
    // Make the plan feed int64: only the runtime's check would otherwise catch it.
    const plan = planOnnx(m.file, m.graph, [{ name: 'a', type: 'DOUBLE' }], ['a']);
    const int64: OnnxPlan = { ...plan, feeds: plan.feeds.map((f) => ({ ...f, type: 'int64' })) };
    const target = {
      conn,
      writer,
      input: `(SELECT * FROM (VALUES (1), (NULL)) t(a))`,
      table: 'half_scored',
      signal: new AbortController().signal,
    };
    await createScoredTable(conn, plan, target);
    const e = await refusalAsync(scoreOnnx(m, int64, target));
    expect(e.message).toContain('column "a" is NULL in row 2');
    // Rolled back: not even the row before the NULL is in the table.
    const left = await conn.runAndReadAll(`SELECT count(*) AS n FROM half_scored`);
    expect(left.getRowObjectsJS()[0]).toEqual({ n: 0n });
    await m.session.release();
  });
});

describe('a scikit-learn model', () => {
  it("LogisticRegression on iris, as skl2onnx exports it: scikit-learn's own predictions and probabilities", async () => {
    const fixture = JSON.parse(
      readFileSync(join(__dirname, '..', 'test-data', 'sklearn-iris-logistic.json'), 'utf8'),
    ) as {
      features: string[];
      classes: string[];
      coefficients: number[];
      intercepts: number[];
      predicted: string[];
      probabilities: number[][];
    };
    const bytes = sklearnLogisticModel(fixture.coefficients, fixture.intercepts, fixture.classes);
    const m = await loadOnnxModel(file('iris.onnx', bytes), 'trusted', 1);
    const iris = `read_csv('${join(__dirname, '..', 'test-data', 'iris.csv')}')`;
    const plan = planOnnx(m.file, m.graph, await columnsOf(iris), fixture.features);
    const target = { conn, writer, input: iris, table: 'iris_scored', signal: new AbortController().signal };
    await createScoredTable(conn, plan, target);
    expect(await scoreOnnx(m, plan, target)).toBe(150);
    const rows = (await conn.runAndReadAll('SELECT * FROM iris_scored')).getRowObjectsJS();
    expect(rows.map((r) => r['prediction'])).toEqual(fixture.predicted);
    for (const [i, row] of rows.entries())
      for (const [c, cls] of fixture.classes.entries())
        expect(row[`probability_${cls}`]).toBeCloseTo(fixture.probabilities[i]?.[c] ?? NaN, 5);
    await m.session.release();
  });
});
