import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import type { Analysis } from '../../../shared/compiler/plan';
import type { ModelCardData } from '../../../shared/ipc/results';
import { SCORING_MODEL } from '../../../shared/ml/scoring-model';
import type { TrustMode } from '../trust/trust-report';
import { isInside, realPath } from '../walls/file-boundary';
import { readModelJson } from './model-reader';

/**
 * The model card of an ml.train node (the file it writes) or an ml.score
 * node (the file it reads): the model file read within the scorer's bounds
 * (size cap, regular files only, the scoring schema, a restricted pipeline
 * only inside its folder), then its evaluation. A file not written yet is
 * `untrained`, a file that is no model `unreadable`: states the card says in
 * the user's language, never an error.
 */

const finite = z.number().refine(Number.isFinite, 'not a finite number');
const numbers = z.array(finite);

/** The evaluation part of a model file (model-file.ts); `curves` is absent in files written before it. */
const EVALUATION = z.object({
  target: z.string(),
  metrics: z.array(z.object({ metric: z.string(), value: finite })),
  confusion: z.object({ classes: z.array(z.string()), counts: z.array(numbers) }).optional(),
  importance: z.array(z.object({ feature: z.string(), importance: finite })),
  training: z.object({
    inputRows: finite,
    trainRows: finite,
    testRows: finite,
    sampled: z.boolean(),
  }),
  curves: z
    .object({
      roc: z.object({ fpr: numbers, tpr: numbers }).optional(),
      fit: z.object({ actual: numbers, predicted: numbers }).optional(),
    })
    .optional(),
});

export function modelCardOf(analysis: Analysis, nodeId: string, folder: string, trust: TrustMode): ModelCardData {
  const a = analysis.nodes.get(nodeId);
  const type = a?.def.type;
  const param = type === 'ml.train' || type === 'ml.score' ? a?.params?.['path'] : undefined;
  // An ONNX model carries no evaluation Duto made: no card (README "Models").
  if (typeof param !== 'string' || param.toLowerCase().endsWith('.onnx')) return { state: 'none' };
  const path = resolve(folder, param);
  if (trust === 'restricted') {
    const home = realPath(folder);
    const real = realPath(path);
    if (real !== home && !isInside(real, home)) return { state: 'outside', path };
  }
  if (!existsSync(path)) return { state: 'untrained', path };
  const read = readModelJson(path);
  if ('problem' in read) return { state: 'unreadable', path, problem: read.problem };
  const model = SCORING_MODEL.safeParse(read.json);
  const evaluation = EVALUATION.safeParse(read.json);
  if (!model.success || !evaluation.success) {
    const first = (model.error ?? evaluation.error)?.issues[0];
    const where = first === undefined ? 'invalid' : `${first.path.join('.') || 'file'}: ${first.message}`;
    return { state: 'unreadable', path, problem: `model file ${path} is not a Duto model: ${where}` };
  }
  const m = model.data;
  const e = evaluation.data;
  return {
    state: 'ready',
    path,
    task: m.task,
    algorithm: m.fitted.algorithm,
    target: e.target,
    training: e.training,
    metrics: e.metrics,
    ...(e.confusion === undefined ? {} : { confusion: e.confusion }),
    importance: e.importance,
    signature: m.signature,
    ...(e.curves?.roc === undefined ? {} : { roc: e.curves.roc }),
    ...(e.curves?.fit === undefined ? {} : { fit: e.curves.fit }),
  };
}
