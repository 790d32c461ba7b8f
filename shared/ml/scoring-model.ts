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

/** Bounds a model file's forest must keep (a hostile file beyond them is refused before any SQL is built). */
export const FOREST_MAX_TREES = 500;
export const FOREST_MAX_DEPTH = 20;
/** Nodes over all trees: the SQL of a larger forest is too large to compile quickly (ARCHITECTURE "Models"). */
export const FOREST_MAX_NODES = 1_000_000;
/** Gradient boosting: rounds × (classes past two) trees; the node bound above is the one that binds. */
export const BOOST_MAX_TREES = 10_000;

const nodeIndex = z.number().int().min(-1);

/**
 * One tree, nodes in preorder (a node's left child is the next node):
 * `feature` the feature index tested (-1: a leaf), `threshold` (x <= it goes
 * left), `right` the right child's index (-1 for a leaf); `value` per leaf in
 * preorder: its mean (regression) or one probability per class.
 */
export const FOREST_TREE = z.strictObject({
  feature: z.array(nodeIndex).min(1),
  threshold: z.array(finite),
  right: z.array(nodeIndex),
  value: z.array(finite),
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
  z.strictObject({
    algorithm: z.literal('forest'),
    /** Classification: the classes, in the order of each leaf's probabilities; absent for regression. */
    classes: z.array(z.string()).min(2).optional(),
    trees: z.array(FOREST_TREE).min(1).max(FOREST_MAX_TREES),
  }),
  z.strictObject({
    algorithm: z.literal('gbt'),
    /** Classification: the classes (two: one tree per round for the second's log-odds; more: one tree per class per round, softmax). */
    classes: z.array(z.string()).min(2).optional(),
    /** The shrinkage the trees were grown with (already applied to their leaf values; for the card). */
    learningRate: finite,
    /** The raw score before any tree: one value, or one per class past two. */
    base: z.array(finite).min(1),
    /** Round after round (class after class within a round); one value per leaf, summed onto `base`. */
    trees: z.array(FOREST_TREE).min(1).max(BOOST_MAX_TREES),
  }),
]);

export const SCORING_MODEL = z
  .object({
    format: z.literal('duto.model'),
    /** 1: linear, ridge, logistic, k-means; 2 adds forests, 3 gradient-boosted trees (an older reader refuses a newer file by its version). */
    version: z.union([z.literal(1), z.literal(2), z.literal(3)]),
    fingerprint: z.string(),
    task: z.enum(['regression', 'classification', 'clustering']),
    signature: z.array(SIGNATURE_COLUMN).min(1),
    features: z.array(FEATURE),
    fitted: FITTED,
  })
  .superRefine((m, ctx) => {
    if (m.version !== modelVersionOf(m.fitted))
      ctx.addIssue({
        code: 'custom',
        path: ['version'],
        message: `a ${m.fitted.algorithm} model is version ${modelVersionOf(m.fitted)}`,
      });
    const problem =
      m.fitted.algorithm === 'forest' || m.fitted.algorithm === 'gbt'
        ? forestProblem(m.fitted, m.features.length)
        : sizesAgree(m.features.length, m.fitted)
          ? undefined
          : 'the fitted numbers do not match the features';
    if (problem !== undefined) ctx.addIssue({ code: 'custom', path: ['fitted'], message: problem });
  });

export type Feature = z.infer<typeof FEATURE>;
export type SignatureColumn = z.infer<typeof SIGNATURE_COLUMN>;
export type Fitted = z.infer<typeof FITTED>;
export type ScoringModel = z.infer<typeof SCORING_MODEL>;
export type ForestTree = z.infer<typeof FOREST_TREE>;

/** The model file version an algorithm is written with. */
export function modelVersionOf(f: Fitted): 1 | 2 | 3 {
  return f.algorithm === 'gbt' ? 3 : f.algorithm === 'forest' ? 2 : 1;
}

/** Boosted trees: values per leaf (1) and trees per round (1, or one per class past two). */
function boostWidth(f: Extract<Fitted, { algorithm: 'gbt' }>): number {
  const k = f.classes?.length ?? 0;
  return k > 2 ? k : 1;
}

function sizesAgree(p: number, f: Fitted): boolean {
  if (f.algorithm === 'forest' || f.algorithm === 'gbt') return forestProblem(f, p) === undefined;
  if (f.algorithm === 'kmeans') return f.centroids.every((c) => c.length === p);
  if (f.algorithm === 'logistic')
    return (
      f.intercepts.length === f.classes.length &&
      f.weights.length === f.classes.length &&
      f.weights.every((w) => w.length === p)
    );
  return f.weights.length === p;
}

/**
 * Why a forest (or boosted trees) cannot be scored, or undefined: each tree
 * must be a tree in preorder (walked with an explicit stack, every node
 * visited exactly once — so no cycle, no shared subtree that would make its
 * SQL explode), no deeper than FOREST_MAX_DEPTH, testing existing features,
 * with one value (a forest's classifier: one per class) per leaf; all trees at
 * most FOREST_MAX_NODES nodes. Boosted trees: whole rounds, one base per class.
 */
export function forestProblem(f: Extract<Fitted, { algorithm: 'forest' | 'gbt' }>, p: number): string | undefined {
  const width = f.algorithm === 'forest' ? (f.classes?.length ?? 1) : 1;
  if (f.algorithm === 'gbt') {
    const perRound = boostWidth(f);
    if (f.base.length !== perRound) return `${perRound} base scores are needed, not ${f.base.length}`;
    if (f.trees.length % perRound !== 0) return `${f.trees.length} trees are not whole rounds of ${perRound}`;
  }
  let nodes = 0;
  for (const [t, tree] of f.trees.entries()) {
    const n = tree.feature.length;
    nodes += n;
    if (nodes > FOREST_MAX_NODES) return `the forest has over ${FOREST_MAX_NODES} nodes`;
    if (tree.threshold.length !== n || tree.right.length !== n) return `tree ${t}: arrays of different lengths`;
    let next = 0;
    let leaves = 0;
    const stack: Array<{ node: number; depth: number }> = [{ node: 0, depth: 0 }];
    while (stack.length > 0) {
      const top = stack.pop();
      if (top === undefined) break;
      if (top.node !== next || next >= n) return `tree ${t}: node ${top.node} is not where a tree in preorder has it`;
      next++;
      if (top.depth > FOREST_MAX_DEPTH) return `tree ${t} is deeper than ${FOREST_MAX_DEPTH}`;
      const feature = tree.feature[top.node] ?? -1;
      const right = tree.right[top.node] ?? -1;
      if (feature < 0) {
        if (right !== -1) return `tree ${t}: leaf ${top.node} has a child`;
        leaves++;
        continue;
      }
      if (feature >= p) return `tree ${t}: node ${top.node} tests feature ${feature}; the model has ${p}`;
      if (right <= top.node + 1) return `tree ${t}: node ${top.node} has no right child after its left one`;
      stack.push({ node: right, depth: top.depth + 1 }, { node: top.node + 1, depth: top.depth + 1 });
    }
    if (next !== n) return `tree ${t}: ${n - next} nodes are not reached from its root`;
    if (tree.value.length !== leaves * width) return `tree ${t}: ${leaves} leaves need ${leaves * width} values`;
  }
  return undefined;
}
