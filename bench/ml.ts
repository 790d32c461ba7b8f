import { DuckDBInstance } from '@duckdb/node-api';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { linearModel } from '../electron/engine/ml/onnx/onnx-test-models';
import { scoreSql } from '../shared/ml/score-sql';
import { SCORING_MODEL } from '../shared/ml/scoring-model';
import { measureNode, type Measurement } from './child';
import { BIN, DATA_ROOT, ROOT } from './paths';
import { megabytes, seconds, table } from './report';

/**
 * The models section (`npm run bench -- --ml [--rows N]`, at most 1M rows):
 * N generated rows (four numeric features, a category, a numeric target
 * with noise) are trained on by `ml.train` (linear regression, on its
 * seeded 200k-row sample) and scored by `ml.score` into Parquet, each
 * through `duto run` in a child process: wall time, rows/s, peak RSS. Then
 * the same for a random forest (100 trees, depth 12, on the same sample) and
 * gradient-boosted trees (100 rounds, depth 6): their training time, model
 * file size and SQL size, and scoring the N rows.
 * Last, the N rows scored by an ONNX linear model (y = 3 + 2·x1 − x2 +
 * 0.5·x3, MatMul + Add) through the ONNX runtime in 10k-row batches.
 */

const MAX_ROWS = 1_000_000;

function pipeline(file: string, nodes: unknown[]): void {
  writeFileSync(file, `${JSON.stringify({ format: 'duto.pipeline', version: 1, nodes }, null, 2)}\n`);
}

async function generate(file: string, rows: number): Promise<void> {
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  try {
    // Deterministic values from hash(i): the same file every time.
    await con.run(`COPY (
      SELECT i, x1, x2, x3, x4, c, 3 + 2 * x1 - x2 + 0.5 * x3 + (CASE c WHEN 'b' THEN 1 WHEN 'c' THEN -1 ELSE 0 END) + (x4 - 0.5) * 0.1 AS y
      FROM (SELECT i, (hash(i, 1) % 1000000) / 1e6 AS x1, (hash(i, 2) % 1000000) / 1e6 AS x2, (hash(i, 3) % 1000000) / 1e6 AS x3, (hash(i, 4) % 1000000) / 1e6 AS x4,
        ['a', 'b', 'c'][(hash(i, 5) % 3)::INTEGER + 1] AS c FROM range(${rows}) t(i))
    ) TO '${file.replaceAll("'", "''")}' (FORMAT parquet)`);
  } finally {
    con.closeSync();
    db.closeSync();
  }
}

function metricsOf(model: unknown): unknown {
  return typeof model === 'object' && model !== null && 'metrics' in model && Array.isArray(model.metrics)
    ? model.metrics
    : '?';
}

export async function runMlBench(requested: number): Promise<void> {
  const rows = Math.min(requested, MAX_ROWS);
  const out = join(DATA_ROOT, 'out-ml');
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  try {
    await generate(join(out, 'rows.parquet'), rows);
    const train = join(out, 'train.duto.json');
    const score = join(out, 'score.duto.json');
    pipeline(train, [
      { id: 'rows', type: 'source.parquet', params: { path: 'rows.parquet' } },
      {
        id: 'fit',
        type: 'ml.train',
        inputs: { in: 'rows' },
        params: {
          path: 'linear.json',
          task: 'regression',
          algorithm: 'linear',
          target: 'y',
          numeric: ['x1', 'x2', 'x3', 'x4'],
          categorical: ['c'],
        },
      },
    ]);
    pipeline(score, [
      { id: 'rows', type: 'source.parquet', params: { path: 'rows.parquet' } },
      { id: 'score', type: 'ml.score', inputs: { in: 'rows' }, params: { path: 'linear.json' } },
      { id: 'out', type: 'sink.parquet', inputs: { in: 'score' }, params: { path: 'scored.parquet' } },
    ]);
    const forest = treePipelines(out, 'forest', { algorithm: 'forest', trees: 100, maxDepth: 12 });
    const gbt = treePipelines(out, 'gbt', { algorithm: 'gbt', trees: 100, maxDepth: 6 });
    const onnxScore = join(out, 'onnx-score.duto.json');
    writeFileSync(join(out, 'linear.onnx'), linearModel([2, -1, 0.5, 0], 3));
    pipeline(onnxScore, [
      { id: 'rows', type: 'source.parquet', params: { path: 'rows.parquet' } },
      {
        id: 'score',
        type: 'ml.score',
        inputs: { in: 'rows' },
        params: { path: 'linear.onnx', features: ['x1', 'x2', 'x3', 'x4'] },
      },
      { id: 'out', type: 'sink.parquet', inputs: { in: 'score' }, params: { path: 'onnx-scored.parquet' } },
    ]);
    console.log(`Models benchmark: ${rows.toLocaleString('en-US')} generated rows`);
    const trained = await measureNode([BIN, 'run', train, '--force', '--trust'], ROOT);
    const model: unknown = JSON.parse(readFileSync(join(out, 'linear.json'), 'utf8'));
    const r2 = JSON.stringify(metricsOf(model));
    const scored = await measureNode([BIN, 'run', score, '--force', '--trust'], ROOT);
    const forestRun = await measureTrees(out, forest);
    const gbtRun = await measureTrees(out, gbt);
    const onnxScored = await measureNode([BIN, 'run', onnxScore, '--force', '--trust'], ROOT);
    const rate = (ms: number): string => `${Math.round(rows / (ms / 1000)).toLocaleString('en-US')} rows/s`;
    console.log(
      table([
        ['', 'wall', 'rows/s', 'peak RSS'],
        [
          'train linear (ml.train, 200k sample)',
          seconds(trained.wallMs),
          rate(trained.wallMs),
          megabytes(trained.peakRss),
        ],
        ['score linear (ml.score → Parquet)', seconds(scored.wallMs), rate(scored.wallMs), megabytes(scored.peakRss)],
        ...[
          ['forest, 100 trees, depth 12', forestRun] as const,
          ['gradient-boosted trees, 100 rounds, depth 6', gbtRun] as const,
        ].flatMap(([name, run]) => [
          [
            `train ${name} (200k sample)`,
            seconds(run.trained.wallMs),
            rate(run.trained.wallMs),
            megabytes(run.trained.peakRss),
          ],
          [
            `score ${name} (→ Parquet)`,
            seconds(run.scored.wallMs),
            rate(run.scored.wallMs),
            megabytes(run.scored.peakRss),
          ],
        ]),
        [
          'score linear ONNX (ml.score .onnx → Parquet)',
          seconds(onnxScored.wallMs),
          rate(onnxScored.wallMs),
          megabytes(onnxScored.peakRss),
        ],
      ]),
    );
    console.log(`Test metrics of the trained model: ${r2}`);
    for (const [name, run] of [
      ['Forest', forestRun],
      ['Gradient-boosted trees', gbtRun],
    ] as const)
      console.log(
        `${name}: ${run.nodes.toLocaleString('en-US')} nodes, model file ${megabytes(run.fileBytes)}, scoring SQL ${megabytes(run.sqlBytes)}; test metrics ${run.metrics}`,
      );
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

interface TreePipelines {
  name: string;
  train: string;
  score: string;
}

/** Train and score pipelines for a tree model (`<name>.json`) on the bench's rows. */
function treePipelines(out: string, name: string, params: Record<string, unknown>): TreePipelines {
  const train = join(out, `${name}-train.duto.json`);
  const score = join(out, `${name}-score.duto.json`);
  pipeline(train, [
    { id: 'rows', type: 'source.parquet', params: { path: 'rows.parquet' } },
    {
      id: 'fit',
      type: 'ml.train',
      inputs: { in: 'rows' },
      params: {
        path: `${name}.json`,
        task: 'regression',
        target: 'y',
        numeric: ['x1', 'x2', 'x3', 'x4'],
        categorical: ['c'],
        ...params,
      },
    },
  ]);
  pipeline(score, [
    { id: 'rows', type: 'source.parquet', params: { path: 'rows.parquet' } },
    { id: 'score', type: 'ml.score', inputs: { in: 'rows' }, params: { path: `${name}.json` } },
    { id: 'out', type: 'sink.parquet', inputs: { in: 'score' }, params: { path: `${name}-scored.parquet` } },
  ]);
  return { name, train, score };
}

/** Trains then scores through `duto run`: both measurements, the model's nodes, file and SQL sizes, metrics. */
async function measureTrees(
  out: string,
  p: TreePipelines,
): Promise<{
  trained: Measurement;
  scored: Measurement;
  nodes: number;
  fileBytes: number;
  sqlBytes: number;
  metrics: string;
}> {
  const trained = await measureNode([BIN, 'run', p.train, '--force', '--trust'], ROOT);
  const text = readFileSync(join(out, `${p.name}.json`), 'utf8');
  const model = SCORING_MODEL.parse(JSON.parse(text));
  const fit = model.fitted;
  const nodes =
    fit.algorithm === 'forest' || fit.algorithm === 'gbt' ? fit.trees.reduce((a, t) => a + t.feature.length, 0) : 0;
  const sqlBytes = scoreSql(model, '"rows"').length;
  const metrics = JSON.stringify(metricsOf(JSON.parse(text)));
  const scored = await measureNode([BIN, 'run', p.score, '--force', '--trust'], ROOT);
  return { trained, scored, nodes, fileBytes: text.length, sqlBytes, metrics };
}
