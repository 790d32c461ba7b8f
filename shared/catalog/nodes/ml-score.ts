import { scoreSql, signatureProblem } from '../../ml/score-sql';
import { defineNode } from '../node-type';
import { p } from '../params';

export const mlScore = defineNode({
  type: 'ml.score',
  version: 1,
  category: 'transform',
  label: 'Score with a model',
  description:
    'Adds the predictions of a model trained by "Train a model" to each row (e.g. predicted price, class probabilities, cluster), computed in SQL as the rows stream.',
  keywords: ['machine learning', 'ml', 'model', 'score', 'predict', 'inference', 'probability', 'cluster'],
  inputs: [{ name: 'in', label: 'Rows' }],
  outputs: [{ name: 'out', label: 'Rows with predictions' }],
  params: {
    path: p.path({ label: 'Model file', access: 'read', accepts: 'file', extensions: ['json'] }),
  },
  compile(ctx) {
    const file = ctx.resolvePath(ctx.params.path);
    if (ctx.statPath(file) !== 'file')
      return {
        issues: [
          { param: 'path', message: `model file ${file} does not exist (run the pipeline that trains it first)` },
        ],
      };
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
