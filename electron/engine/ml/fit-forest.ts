import type { ForestTree } from '../../../shared/ml/scoring-model';
import { between, binFeatures, MAX_BINS, type Binned } from './bin-features';
import { seededRandom, unitHash } from './seeded-hash';

/**
 * Random forest (Breiman): each tree is a CART tree grown on a bootstrap
 * sample (drawn as per-row counts, used as weights), choosing at every
 * split the best of a random subset of features — Gini for classification,
 * variance for regression. Features are binned once (bin-features.ts: one
 * bin per distinct value up to 256 of them, else equal-count bins); a
 * threshold is a cut between two bins (the shortest decimal strictly
 * between two training values, so the SQL literal is short and exact);
 * `x <= threshold` goes left.
 *
 * Speed: each tree keeps its in-bag rows in one Int32Array; a node is a
 * range [start, end) of it, split by one stable partition. A feature tried
 * at a node is one pass over the node's rows into a per-bin histogram
 * (weight and class counts, or weight and sum), then a scan of the bins the
 * node's rows fill — no sort, no per-feature row order to keep.
 *
 * Deterministic: tree t draws from its own generator seeded by (seed, t),
 * ties keep the first split found; the same data and seed give the same forest.
 */

export interface ForestSettings {
  trees: number;
  maxDepth: number;
  minSamplesLeaf: number;
  /** Features tried per split. */
  maxFeatures: number;
  seed: number;
  /** Nodes over all trees at most: growing stops once past it (the caller refuses such a forest). */
  maxNodes: number;
}

export interface Forest {
  trees: ForestTree[];
  /** Mean decrease in impurity per feature, as shares of 1. */
  importance: number[];
  /** Nodes over all trees (past `maxNodes`: growing stopped there). */
  nodes: number;
}

/** `x`: n rows × p features, column-major (x[j * n + i]); `y`: the target, or the class index (0..classes-1); `classes` 0 for regression. */
export function fitForest(
  x: Float64Array,
  y: Float64Array,
  n: number,
  p: number,
  classes: number,
  s: ForestSettings,
): Forest {
  const binned = binFeatures(x, n, p);
  const importance = new Float64Array(p);
  const trees: ForestTree[] = [];
  let nodes = 0;
  for (let t = 0; t < s.trees && nodes <= s.maxNodes; t++) {
    const rng = seededRandom(Math.floor(unitHash(`forest/${t}`, s.seed) * 4294967296));
    const weight = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const r = Math.floor(rng() * n);
      weight[r] = (weight[r] ?? 0) + 1;
    }
    const grown = growTree({ binned, y, n, p, classes, weight, rng, s });
    trees.push(grown.tree);
    nodes += grown.tree.feature.length;
    // Each tree's importances count equally (as scikit-learn): normalized per tree, then averaged.
    const total = grown.importance.reduce((a, b) => a + b, 0);
    if (total > 0)
      for (let j = 0; j < p; j++) importance[j] = (importance[j] ?? 0) + (grown.importance[j] ?? 0) / total;
  }
  const sum = importance.reduce((a, b) => a + b, 0);
  return { trees, importance: Array.from(importance, (v) => (sum > 0 ? v / sum : 0)), nodes };
}

interface GrowInput {
  binned: Binned;
  y: Float64Array;
  n: number;
  p: number;
  classes: number;
  weight: Float64Array;
  rng: () => number;
  s: ForestSettings;
}

interface Pending {
  start: number;
  end: number;
  depth: number;
  /** The node whose `right` this node is (-1: the root or a left child). */
  parentOfRight: number;
}

function growTree(g: GrowInput): { tree: ForestTree; importance: Float64Array } {
  const { binned, y, n, p, classes, weight, rng, s } = g;
  const { bins, lows, highs } = binned;
  // The in-bag rows, in row order; every node is a range of it.
  let m = 0;
  for (let i = 0; i < n; i++) if ((weight[i] ?? 0) > 0) m++;
  const rows = new Int32Array(m);
  for (let i = 0, k = 0; i < n; i++) if ((weight[i] ?? 0) > 0) rows[k++] = i;
  const buffer = new Int32Array(m);
  const perm = Int32Array.from({ length: p }, (_, j) => j);
  const width = Math.max(classes, 1);
  // Per bin: [weight, then per class counts | sum]; zeroed after each use over the bins touched.
  const stride = classes === 0 ? 2 : classes + 1;
  const hist = new Float64Array(MAX_BINS * stride);
  const nodeStats = new Float64Array(width + 2);
  const leftStats = new Float64Array(width + 2);
  const importance = new Float64Array(p);
  const tree: ForestTree = { feature: [], threshold: [], right: [], value: [] };
  const stack: Pending[] = [{ start: 0, end: m, depth: 0, parentOfRight: -1 }];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === undefined) break;
    const id = tree.feature.length;
    if (node.parentOfRight >= 0) tree.right[node.parentOfRight] = id;
    // Node totals: [weight, then per class counts | sum, sum of squares].
    nodeStats.fill(0);
    for (let k = node.start; k < node.end; k++) addRow(nodeStats, rows[k] ?? 0, weight, y, classes, 1);
    const total = nodeStats[0] ?? 0;
    const parentScore = score(nodeStats, classes);
    const best = { feature: -1, bin: -1, gain: 0, threshold: 0 };
    if (node.depth < s.maxDepth && total >= 2 * s.minSamplesLeaf && !pure(nodeStats, classes)) {
      let tried = 0;
      for (let f = 0; f < p && (tried < s.maxFeatures || best.feature < 0); f++) {
        // Partial Fisher–Yates: the next random feature not yet tried at this node.
        const pick = f + Math.floor(rng() * (p - f));
        const j = perm[pick] ?? 0;
        perm[pick] = perm[f] ?? 0;
        perm[f] = j;
        let low = MAX_BINS;
        let high = -1;
        for (let k = node.start; k < node.end; k++) {
          const r = rows[k] ?? 0;
          const b = bins[r * p + j] ?? 0;
          if (b < low) low = b;
          if (b > high) high = b;
          const w = weight[r] ?? 0;
          const at = b * stride;
          hist[at] = (hist[at] ?? 0) + w;
          if (classes === 0) hist[at + 1] = (hist[at + 1] ?? 0) + w * (y[r] ?? 0);
          else {
            const c = at + 1 + (y[r] ?? 0);
            hist[c] = (hist[c] ?? 0) + w;
          }
        }
        if (low === high) {
          hist.fill(0, low * stride, (low + 1) * stride);
          continue; // constant here: does not count as tried
        }
        tried++;
        leftStats.fill(0);
        // Splits between the node's filled bins: left = bins up to `prev`, the next filled one is b.
        let prev = -1;
        for (let b = low; b <= high; b++) {
          const at = b * stride;
          const wb = hist[at] ?? 0;
          if (wb === 0) continue;
          const wl = leftStats[0] ?? 0;
          if (prev >= 0 && wl >= s.minSamplesLeaf && total - wl >= s.minSamplesLeaf) {
            const gain = splitScore(leftStats, nodeStats, classes) - parentScore;
            if (gain > best.gain + 1e-12 * Math.abs(parentScore)) {
              best.feature = j;
              best.bin = prev;
              best.gain = gain;
              best.threshold = between(highs[j]?.[prev] ?? 0, lows[j]?.[b] ?? 0);
            }
          }
          leftStats[0] = wl + wb;
          for (let c = 1; c < stride; c++) leftStats[c] = (leftStats[c] ?? 0) + (hist[at + c] ?? 0);
          prev = b;
        }
        hist.fill(0, low * stride, (high + 1) * stride);
      }
    }
    if (best.feature < 0) {
      tree.feature.push(-1);
      tree.threshold.push(0);
      tree.right.push(-1);
      if (classes === 0) tree.value.push((nodeStats[1] ?? 0) / total);
      else for (let c = 0; c < classes; c++) tree.value.push((nodeStats[c + 1] ?? 0) / total);
      continue;
    }
    tree.feature.push(best.feature);
    tree.threshold.push(best.threshold);
    tree.right.push(-1);
    importance[best.feature] = (importance[best.feature] ?? 0) + best.gain;
    const mid = partition(rows, buffer, node.start, node.end, (r) => (bins[r * p + best.feature] ?? 0) <= best.bin);
    stack.push({ start: mid, end: node.end, depth: node.depth + 1, parentOfRight: id });
    stack.push({ start: node.start, end: mid, depth: node.depth + 1, parentOfRight: -1 });
  }
  return { tree, importance };
}

function addRow(
  stats: Float64Array,
  r: number,
  weight: Float64Array,
  y: Float64Array,
  classes: number,
  sign: number,
): void {
  const w = (weight[r] ?? 0) * sign;
  const v = y[r] ?? 0;
  stats[0] = (stats[0] ?? 0) + w;
  if (classes === 0) {
    stats[1] = (stats[1] ?? 0) + w * v;
    stats[2] = (stats[2] ?? 0) + w * v * v;
  } else stats[v + 1] = (stats[v + 1] ?? 0) + w;
}

/**
 * The part of a node's weighted impurity a split can lower, negated:
 * regression sum²/W (SSE = Σy² − sum²/W), classification Σ count²/W
 * (W·Gini = W − Σ count²/W). A split's gain is the children's minus the parent's.
 */
function score(stats: Float64Array, classes: number): number {
  const w = stats[0] ?? 0;
  if (w <= 0) return 0;
  if (classes === 0) return (stats[1] ?? 0) ** 2 / w;
  let sq = 0;
  for (let c = 1; c <= classes; c++) sq += (stats[c] ?? 0) ** 2;
  return sq / w;
}

function splitScore(left: Float64Array, node: Float64Array, classes: number): number {
  const wl = left[0] ?? 0;
  const wr = (node[0] ?? 0) - wl;
  if (classes === 0) {
    const sl = left[1] ?? 0;
    const sr = (node[1] ?? 0) - sl;
    return (sl * sl) / wl + (sr * sr) / wr;
  }
  let ql = 0;
  let qr = 0;
  for (let c = 1; c <= classes; c++) {
    const l = left[c] ?? 0;
    const r = (node[c] ?? 0) - l;
    ql += l * l;
    qr += r * r;
  }
  return ql / wl + qr / wr;
}

function pure(stats: Float64Array, classes: number): boolean {
  const w = stats[0] ?? 0;
  if (classes === 0) return (stats[2] ?? 0) - (stats[1] ?? 0) ** 2 / w <= 1e-12 * Math.max(1, stats[2] ?? 0);
  for (let c = 1; c <= classes; c++) if ((stats[c] ?? 0) === w) return true;
  return false;
}

/** Stable partition of rows[start, end) into the rows going left, then the rest; the boundary. */
function partition(
  rows: Int32Array,
  buffer: Int32Array,
  start: number,
  end: number,
  goesLeft: (r: number) => boolean,
): number {
  let l = start;
  let k = 0;
  for (let a = start; a < end; a++) {
    const r = rows[a] ?? 0;
    if (goesLeft(r)) rows[l++] = r;
    else buffer[k++] = r;
  }
  rows.set(buffer.subarray(0, k), l);
  return l;
}

/** The leaf a row (features at x[j * n + i]) lands in: its node index. */
export function leafOf(tree: ForestTree, x: Float64Array, n: number, i: number): number {
  let node = 0;
  for (;;) {
    const f = tree.feature[node] ?? -1;
    if (f < 0) return node;
    node = (x[f * n + i] ?? 0) <= (tree.threshold[node] ?? 0) ? node + 1 : (tree.right[node] ?? 0);
  }
}

/** Per node, its leaf's number in preorder (-1 for a split): where its values start in `value` (times the classes). */
export function leafNumbers(tree: ForestTree): Int32Array {
  const out = new Int32Array(tree.feature.length).fill(-1);
  let leaves = 0;
  tree.feature.forEach((f, i) => {
    if (f < 0) out[i] = leaves++;
  });
  return out;
}

/**
 * The forest's prediction per row: the mean of the trees' values (regression,
 * width 1) or of their class probabilities, summed in tree order as
 * forest-sql.ts sums them, so TypeScript and SQL give the same doubles.
 */
export function predictForest(trees: readonly ForestTree[], x: Float64Array, n: number, width: number): number[][] {
  const total = new Float64Array(n * width);
  for (const tree of trees) {
    const leaf = leafNumbers(tree);
    for (let i = 0; i < n; i++) {
      const at = (leaf[leafOf(tree, x, n, i)] ?? 0) * width;
      for (let c = 0; c < width; c++) total[i * width + c] = (total[i * width + c] ?? 0) + (tree.value[at + c] ?? 0);
    }
  }
  return Array.from({ length: n }, (_, i) =>
    Array.from(total.subarray(i * width, (i + 1) * width), (v) => v / trees.length),
  );
}

/** Rows × features as one column-major Float64Array. */
export function columnMajor(rows: readonly (readonly number[])[], p: number): Float64Array {
  const n = rows.length;
  const x = new Float64Array(n * p);
  rows.forEach((r, i) => {
    for (let j = 0; j < p; j++) x[j * n + i] = r[j] ?? 0;
  });
  return x;
}
