import type { ForestTree } from '../../../shared/ml/scoring-model';
import { softmax } from './fit-logistic';
import { leafNumbers, leafOf } from './fit-forest';
import { binFeatures } from './bin-features';
import { seededRandom, unitHash } from './seeded-hash';

/**
 * Gradient-boosted trees (XGBoost's second-order method): each round fits a
 * regression tree to the loss's gradients g and hessians h at the current
 * raw scores — a leaf's value is −G/(H + λ) times the learning rate, a
 * split's gain G_L²/(H_L+λ) + G_R²/(H_R+λ) − G²/(H+λ) — and adds it to them.
 * Squared error for regression (g = raw − y, h = 1), log loss for two
 * classes (raw: the second class's log-odds), softmax for more (one tree
 * per class per round, gradients taken once per round).
 *
 * Splits are searched on binned features (bin-features.ts): per node one
 * pass over its rows into a histogram of (g, h, rows) per bin; a child's
 * histogram is its parent's minus its sibling's, so only the smaller child
 * is scanned. Thresholds are the bins' cuts, so the SQL's `x <= threshold`
 * sends every training row where training did.
 *
 * Deterministic: round r draws its row subsample from a generator seeded by
 * (seed, r); ties keep the first split found.
 */

export interface BoostSettings {
  rounds: number;
  maxDepth: number;
  learningRate: number;
  /** L2 penalty on leaf values. */
  lambda: number;
  /** A child's hessian sum at least (rows, for squared error). */
  minChildWeight: number;
  /** Share of rows each round sees (1: all). */
  subsample: number;
  seed: number;
  /** Nodes over all trees at most: growing stops once past it (the caller refuses such a model). */
  maxNodes: number;
}

export interface Boosted {
  /** Round after round, class after class within a round (classes > 2). */
  trees: ForestTree[];
  /** The raw score before any tree, per class past two (else one). */
  base: number[];
  /** Total split gain per feature, as shares of 1. */
  importance: number[];
  nodes: number;
}

/** `x`: n rows × p features, column-major; `y`: the target, or the class index; `classes` 0 for regression. */
export function fitBoosted(
  x: Float64Array,
  y: Float64Array,
  n: number,
  p: number,
  classes: number,
  s: BoostSettings,
): Boosted {
  const binned = binFeatures(x, n, p);
  const width = classes > 2 ? classes : 1;
  const base = baseScores(y, n, classes);
  const raw = new Float64Array(n * width);
  for (let i = 0; i < n; i++) raw.set(base, i * width);
  const g = new Float64Array(n * width);
  const h = new Float64Array(n * width);
  const rows = new Int32Array(n);
  const importance = new Float64Array(p);
  const trees: ForestTree[] = [];
  let nodes = 0;
  const grower = new TreeGrower(binned.bins, binned.cuts, n, p, s);
  for (let r = 0; r < s.rounds && nodes <= s.maxNodes; r++) {
    gradients(raw, y, n, classes, g, h);
    const rng = seededRandom(Math.floor(unitHash(`boost/${r}`, s.seed) * 4294967296));
    let m = 0;
    for (let i = 0; i < n; i++) if (s.subsample >= 1 || rng() < s.subsample) rows[m++] = i;
    if (m < 2) for (m = 0; m < n; m++) rows[m] = m;
    for (let k = 0; k < width; k++) {
      const grown = grower.grow(rows.subarray(0, m), g.subarray(k * n, (k + 1) * n), h.subarray(k * n, (k + 1) * n));
      trees.push(grown.tree);
      nodes += grown.tree.feature.length;
      for (let j = 0; j < p; j++) importance[j] = (importance[j] ?? 0) + (grown.gain[j] ?? 0);
      grown.addTo(raw, width, k, m < n);
    }
  }
  const total = importance.reduce((a, b) => a + b, 0);
  return { trees, base, importance: Array.from(importance, (v) => (total > 0 ? v / total : 0)), nodes };
}

const TINY = 1e-15;

function baseScores(y: Float64Array, n: number, classes: number): number[] {
  if (classes === 0) return [y.reduce((a, b) => a + b, 0) / n];
  const counts = new Float64Array(classes);
  for (const v of y) counts[v] = (counts[v] ?? 0) + 1;
  const share = (k: number): number => Math.min(Math.max((counts[k] ?? 0) / n, TINY), 1 - TINY);
  if (classes === 2) return [Math.log(share(1) / (1 - share(1)))];
  return Array.from({ length: classes }, (_, k) => Math.log(share(k)));
}

/** g and h per class (class k at [k·n, (k+1)·n)) at the current raw scores. */
function gradients(
  raw: Float64Array,
  y: Float64Array,
  n: number,
  classes: number,
  g: Float64Array,
  h: Float64Array,
): void {
  if (classes === 0) {
    for (let i = 0; i < n; i++) {
      g[i] = (raw[i] ?? 0) - (y[i] ?? 0);
      h[i] = 1;
    }
    return;
  }
  if (classes === 2) {
    for (let i = 0; i < n; i++) {
      const q = 1 / (1 + Math.exp(-(raw[i] ?? 0)));
      g[i] = q - (y[i] ?? 0);
      h[i] = Math.max(q * (1 - q), TINY);
    }
    return;
  }
  for (let i = 0; i < n; i++) {
    const q = softmax(Array.from(raw.subarray(i * classes, (i + 1) * classes)));
    for (let k = 0; k < classes; k++) {
      const qk = q[k] ?? 0;
      g[k * n + i] = qk - (y[i] === k ? 1 : 0);
      h[k * n + i] = Math.max(qk * (1 - qk), TINY);
    }
  }
}

interface Pending {
  start: number;
  end: number;
  depth: number;
  /** The node whose `right` this node is (-1: the root or a left child). */
  parentOfRight: number;
  /** (g, h, rows) per bin of every feature, for this node's rows. */
  hist: Float64Array;
}

interface Grown {
  tree: ForestTree;
  gain: Float64Array;
  /** Adds each training row's leaf value to raw[i * width + k]: the grown rows by their leaf's range, the others (`all`: rows left out of the round) by walking their bins. */
  addTo: (raw: Float64Array, width: number, k: number, all: boolean) => void;
}

/** Grows one tree on binned features; buffers are reused from tree to tree. */
class TreeGrower {
  private readonly offset: Int32Array;
  private readonly totalBins: number;
  private readonly order: Int32Array;
  private readonly buffer: Int32Array;

  constructor(
    private readonly bins: Uint8Array,
    private readonly cuts: readonly Float64Array[],
    private readonly n: number,
    private readonly p: number,
    private readonly s: BoostSettings,
  ) {
    this.offset = new Int32Array(p + 1);
    for (let j = 0; j < p; j++) this.offset[j + 1] = (this.offset[j] ?? 0) + (cuts[j]?.length ?? 0) + 1;
    this.totalBins = this.offset[p] ?? 0;
    this.order = new Int32Array(n);
    this.buffer = new Int32Array(n);
  }

  grow(rows: Int32Array, g: Float64Array, h: Float64Array): Grown {
    const { s, order, bins, n, p } = this;
    order.set(rows);
    const tree: ForestTree = { feature: [], threshold: [], right: [], value: [] };
    const splitBin: number[] = [];
    const nodeValue: number[] = [];
    // Per leaf: its rows' range in `order` and its value.
    const leaves: Array<{ start: number; end: number; value: number }> = [];
    const gain = new Float64Array(p);
    const stack: Pending[] = [
      { start: 0, end: rows.length, depth: 0, parentOfRight: -1, hist: this.histogram(0, rows.length, g, h) },
    ];
    while (stack.length > 0) {
      const node = stack.pop();
      if (node === undefined) break;
      const id = tree.feature.length;
      if (node.parentOfRight >= 0) tree.right[node.parentOfRight] = id;
      const best = node.depth < s.maxDepth ? this.bestSplit(node.hist) : undefined;
      if (best === undefined) {
        const [G, H] = this.totals(node.hist);
        const v = (-G / (H + s.lambda)) * s.learningRate;
        tree.feature.push(-1);
        tree.threshold.push(0);
        tree.right.push(-1);
        tree.value.push(v);
        splitBin.push(-1);
        nodeValue.push(v);
        leaves.push({ start: node.start, end: node.end, value: v });
        continue;
      }
      tree.feature.push(best.feature);
      tree.threshold.push(this.cuts[best.feature]?.[best.bin] ?? 0);
      tree.right.push(-1);
      splitBin.push(best.bin);
      nodeValue.push(0);
      gain[best.feature] = (gain[best.feature] ?? 0) + best.gain;
      const mid = this.partition(node.start, node.end, best.feature, best.bin);
      // Scan the smaller child; the larger's histogram is the parent's minus it (in place).
      const leftSmaller = mid - node.start <= node.end - mid;
      const small = leftSmaller ? this.histogram(node.start, mid, g, h) : this.histogram(mid, node.end, g, h);
      const large = node.hist;
      for (let b = 0; b < large.length; b++) large[b] = (large[b] ?? 0) - (small[b] ?? 0);
      const [left, right] = leftSmaller ? [small, large] : [large, small];
      const depth = node.depth + 1;
      stack.push({ start: mid, end: node.end, depth, parentOfRight: id, hist: right });
      stack.push({ start: node.start, end: mid, depth, parentOfRight: -1, hist: left });
    }
    const addTo = (raw: Float64Array, width: number, k: number, all: boolean): void => {
      const grown = new Uint8Array(all ? n : 0);
      for (const leaf of leaves)
        for (let a = leaf.start; a < leaf.end; a++) {
          const i = order[a] ?? 0;
          raw[i * width + k] = (raw[i * width + k] ?? 0) + leaf.value;
          if (all) grown[i] = 1;
        }
      if (!all) return;
      for (let i = 0; i < n; i++) {
        if (grown[i] === 1) continue;
        let node = 0;
        for (;;) {
          const f = tree.feature[node] ?? -1;
          if (f < 0) break;
          node = (bins[i * p + f] ?? 0) <= (splitBin[node] ?? 0) ? node + 1 : (tree.right[node] ?? 0);
        }
        raw[i * width + k] = (raw[i * width + k] ?? 0) + (nodeValue[node] ?? 0);
      }
    };
    return { tree, gain, addTo };
  }

  private histogram(start: number, end: number, g: Float64Array, h: Float64Array): Float64Array {
    const { bins, p, order, offset } = this;
    const hist = new Float64Array(this.totalBins * 3);
    for (let k = start; k < end; k++) {
      const i = order[k] ?? 0;
      const gi = g[i] ?? 0;
      const hi = h[i] ?? 0;
      const row = i * p;
      for (let j = 0; j < p; j++) {
        const b = 3 * ((offset[j] ?? 0) + (bins[row + j] ?? 0));
        hist[b] = (hist[b] ?? 0) + gi;
        hist[b + 1] = (hist[b + 1] ?? 0) + hi;
        hist[b + 2] = (hist[b + 2] ?? 0) + 1;
      }
    }
    return hist;
  }

  /** G, H and rows of a node: the sums over the first feature's bins. */
  private totals(hist: Float64Array): [number, number, number] {
    let G = 0;
    let H = 0;
    let C = 0;
    for (let b = 0; b < (this.offset[1] ?? 0); b++) {
      G += hist[3 * b] ?? 0;
      H += hist[3 * b + 1] ?? 0;
      C += hist[3 * b + 2] ?? 0;
    }
    return [G, H, C];
  }

  private bestSplit(hist: Float64Array): { feature: number; bin: number; gain: number } | undefined {
    const { s, p, offset } = this;
    const [G, H, C] = this.totals(hist);
    if (C < 2 || H < 2 * s.minChildWeight) return undefined;
    const parent = (G * G) / (H + s.lambda);
    let best: { feature: number; bin: number; gain: number } | undefined;
    for (let j = 0; j < p; j++) {
      let gl = 0;
      let hl = 0;
      let cl = 0;
      const from = offset[j] ?? 0;
      const to = (offset[j + 1] ?? 0) - 1;
      for (let b = from; b < to; b++) {
        gl += hist[3 * b] ?? 0;
        hl += hist[3 * b + 1] ?? 0;
        cl += hist[3 * b + 2] ?? 0;
        if (cl === 0) continue;
        if (cl === C) break;
        const hr = H - hl;
        if (hl < s.minChildWeight || hr < s.minChildWeight) continue;
        const gr = G - gl;
        const gain = (gl * gl) / (hl + s.lambda) + (gr * gr) / (hr + s.lambda) - parent;
        if (gain > (best?.gain ?? 0) + 1e-12 * Math.abs(parent)) best = { feature: j, bin: b - from, gain };
      }
    }
    return best;
  }

  /** Stable partition of order[start, end) into rows whose bin of `feature` is <= `bin`, then the rest; the boundary. */
  private partition(start: number, end: number, feature: number, bin: number): number {
    const { order, buffer, bins, p } = this;
    let l = start;
    let r = 0;
    for (let k = start; k < end; k++) {
      const i = order[k] ?? 0;
      if ((bins[i * p + feature] ?? 0) <= bin) order[l++] = i;
      else buffer[r++] = i;
    }
    order.set(buffer.subarray(0, r), l);
    return l;
  }
}

/**
 * Per row: the prediction (regression), or the class probabilities — each
 * raw score is its base plus its trees' leaf values added in tree order, as
 * forest-sql.ts adds them, then a sigmoid (two classes) or softmax.
 */
export function predictBoosted(
  trees: readonly ForestTree[],
  base: readonly number[],
  classes: number,
  x: Float64Array,
  n: number,
): number[][] {
  const width = base.length;
  const raw = new Float64Array(n * width);
  for (let i = 0; i < n; i++) raw.set(base, i * width);
  trees.forEach((tree, t) => {
    const c = t % width;
    const leaf = leafNumbers(tree);
    for (let i = 0; i < n; i++)
      raw[i * width + c] = (raw[i * width + c] ?? 0) + (tree.value[leaf[leafOf(tree, x, n, i)] ?? 0] ?? 0);
  });
  return Array.from({ length: n }, (_, i) => {
    const z = Array.from(raw.subarray(i * width, (i + 1) * width));
    if (classes === 0) return z;
    if (classes === 2) {
      const p1 = 1 / (1 + Math.exp(-(z[0] ?? 0)));
      return [1 - p1, p1];
    }
    return softmax(z);
  });
}
