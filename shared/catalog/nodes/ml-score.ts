import { scoreSql, signatureProblem } from '../../ml/score-sql';
import { defineNode } from '../node-type';
import { p } from '../params';
import type { Compiled } from '../node-type';
import type { OnnxScoreConfig } from '../../external/onnx';

export const mlScore = defineNode({
  type: 'ml.score',
  version: 1,
  category: 'transform',
  label: 'Score with a model',
  description:
    'Adds the predictions of a model to each row (e.g. predicted price, class probabilities, cluster): a model trained by "Train a model", computed in SQL as the rows stream, or an ONNX model trained elsewhere (scikit-learn, XGBoost, LightGBM), run in batches.',
  keywords: ['machine learning', 'ml', 'model', 'score', 'predict', 'inference', 'probability', 'cluster', 'onnx'],
  inputs: [{ name: 'in', label: 'Rows' }],
  outputs: [{ name: 'out', label: 'Rows with predictions' }],
  params: {
    path: p.path({ label: 'Model file', access: 'read', accepts: 'file', extensions: ['json', 'onnx'] }),
    features: p.columns({
      label: 'Feature columns (ONNX)',
      description:
        "For an ONNX model whose one input is a table of all features: its columns, in the model's order. Leave empty when the model has one input per column.",
    }),
  },
  compile(ctx) {
    const file = ctx.resolvePath(ctx.params.path);
    if (ctx.statPath(file) !== 'file')
      return {
        issues: [
          { param: 'path', message: `model file ${file} does not exist (run the pipeline that trains it first)` },
        ],
      };
    if (file.toLowerCase().endsWith('.onnx')) return onnxScore(file, ctx.params.features, ctx.inputs.in[0].sql);
    const read = ctx.readModel?.(file);
    if (read === undefined)
      return {
        issues: [
          {
            param: 'path',
            message: `model file ${file} is not read here (a restricted pipeline reads models only inside its folder)`,
          },
        ],
      };
    if ('problem' in read) return { issues: [{ param: 'path', message: read.problem }] };
    const input = ctx.inputs.in[0];
    const problem = signatureProblem(read.model, input.schema);
    if (problem !== undefined) return { issues: [{ param: 'path', message: problem.message }] };
    return { sql: scoreSql(read.model, input.sql), reads: [{ path: file, kind: 'file' }] };
  },
});

/**
 * An ONNX model is run by the engine's ONNX connector (it reads the model,
 * checks the input's columns against it and scores the rows in batches);
 * the node's view reads the table it fills.
 */
function onnxScore(file: string, features: readonly string[], input: string): Compiled {
  const config: OnnxScoreConfig = { file, features: [...features], input };
  return {
    externalSource: { kind: 'onnx', config, param: 'path', describe: file },
    reads: [{ path: file, kind: 'file' }],
  };
}
