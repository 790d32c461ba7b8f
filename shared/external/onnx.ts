import { z } from 'zod';

/**
 * What an `ml.score` node with an ONNX model asks of the engine's ONNX
 * connector (electron/engine/connectors/onnx/): the model file, the feature
 * columns of a model whose one input is a [N, k] tensor, and the relation
 * to score. Parsed back with this schema so neither side casts.
 */
export const ONNX_SCORE_CONFIG = z.strictObject({
  /** The model file (absolute). */
  file: z.string().min(1),
  /** In the model's order; empty when the model takes one input per column, by name. */
  features: z.array(z.string().min(1)),
  /** SQL naming the relation scored (the input node's view). */
  input: z.string().min(1),
});
export type OnnxScoreConfig = z.infer<typeof ONNX_SCORE_CONFIG>;
