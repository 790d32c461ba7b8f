import { z } from 'zod';

/**
 * The part of a model file (written by ml.train, electron/engine/ml/) that
 * scoring needs: the signature the input must match, the features, and the
 * fitted numbers. Parsed with this schema wherever a model file is read, so
 * a file that is not a Duto model is refused before any SQL is built.
 */

const finite = z.number().refine(Number.isFinite, 'not a finite number');

export const FEATURE = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('numeric'),
    column: z.string().min(1),
    mean: finite,
    scale: finite.refine((v) => v !== 0, 'scale 0'),
  }),
  z.strictObject({ kind: z.literal('category'), column: z.string().min(1), value: z.string() }),
]);

export const SIGNATURE_COLUMN = z.strictObject({
  column: z.string().min(1),
  kind: z.enum(['numeric', 'categorical']),
  type: z.string(),
});

export const FITTED = z.discriminatedUnion('algorithm', [
  z.strictObject({ algorithm: z.enum(['linear', 'ridge']), intercept: finite, weights: z.array(finite) }),
  z.strictObject({
    algorithm: z.literal('logistic'),
    classes: z.array(z.string()).min(2),
    intercepts: z.array(finite),
    weights: z.array(z.array(finite)),
  }),
  z.strictObject({ algorithm: z.literal('kmeans'), centroids: z.array(z.array(finite)).min(1) }),
]);

export const SCORING_MODEL = z
  .object({
    format: z.literal('duto.model'),
    version: z.literal(1),
    fingerprint: z.string(),
    task: z.enum(['regression', 'classification', 'clustering']),
    signature: z.array(SIGNATURE_COLUMN).min(1),
    features: z.array(FEATURE),
    fitted: FITTED,
  })
  .refine((m) => sizesAgree(m.features.length, m.fitted), 'the fitted numbers do not match the features');

export type Feature = z.infer<typeof FEATURE>;
export type SignatureColumn = z.infer<typeof SIGNATURE_COLUMN>;
export type Fitted = z.infer<typeof FITTED>;
export type ScoringModel = z.infer<typeof SCORING_MODEL>;

function sizesAgree(p: number, f: Fitted): boolean {
  if (f.algorithm === 'kmeans') return f.centroids.every((c) => c.length === p);
  if (f.algorithm === 'logistic')
    return (
      f.intercepts.length === f.classes.length &&
      f.weights.length === f.classes.length &&
      f.weights.every((w) => w.length === p)
    );
  return f.weights.length === p;
}
