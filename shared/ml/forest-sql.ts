import { ident, num, str } from '../sql/quote';
import { argBest } from './arg-best';
import type { Fitted } from './scoring-model';

/**
 * A random forest as SQL, as arrays walked level by level (ARCHITECTURE
 * "Models" has the measurements; nested CASE expressions, one per tree,
 * were 14× slower: DuckDB runs every CASE branch per vector, and a deep
 * tree's thousands of branches see a few rows each).
 *
 * All trees' nodes, in preorder one tree after another, become constant
 * lists (one-based): F the feature tested (any for a leaf), T the threshold,
 * L the next node when `x <= T` (the left child; the leaf itself for a
 * leaf), D what `x > T` adds to it (right − left; 0 for a leaf), and V
 * per class the leaf's value. They arrive as one row cross-joined to the
 * input (a 1-row side: referenced, not copied per row); each row builds its
 * features once as a list, then every tree's node moves one level per
 * SELECT — `n = L[n] + (x[F[n]] > T[n]) * D[n]` — for as many levels as the
 * deepest tree; a leaf stays put. The prediction is the mean of the trees'
 * V[n], summed in tree order (TypeScript sums in the same order, so both
 * give the same doubles).
 *
 * Gradient-boosted trees walk the same way; their raw score per class is
 * its base plus its trees' V[n] (leaf values already shrunk by the learning
 * rate), in tree order: the prediction (regression), a sigmoid (two
 * classes: the second's log-odds) or a softmax (more) for probabilities.
 */

type Forest = Extract<Fitted, { algorithm: 'forest' | 'gbt' }>;

interface Arrays {
  feature: number[];
  threshold: number[];
  left: number[];
  step: number[];
  /** Per class (one for regression), per node. */
  values: number[][];
  roots: number[];
  depths: number[];
}

function arrays(fit: Forest): Arrays {
  const width = fit.algorithm === 'forest' ? (fit.classes?.length ?? 1) : 1;
  const a: Arrays = {
    feature: [],
    threshold: [],
    left: [],
    step: [],
    values: Array.from({ length: width }, () => []),
    roots: [],
    depths: [],
  };
  for (const tree of fit.trees) {
    const base = a.feature.length + 1;
    a.roots.push(base);
    const depth = new Array<number>(tree.feature.length).fill(0);
    let leaf = 0;
    tree.feature.forEach((f, i) => {
      const right = tree.right[i] ?? i;
      const d = depth[i] ?? 0;
      if (f >= 0) {
        depth[i + 1] = d + 1;
        depth[right] = d + 1;
      }
      a.feature.push(f >= 0 ? f + 1 : 1);
      a.threshold.push(f >= 0 ? (tree.threshold[i] ?? 0) : 0);
      a.left.push(f >= 0 ? base + i + 1 : base + i);
      a.step.push(f >= 0 ? right - i - 1 : 0);
      a.values.forEach((v, c) => v.push(f >= 0 ? 0 : (tree.value[leaf * width + c] ?? 0)));
      if (f < 0) leaf++;
    });
    a.depths.push(Math.max(...depth));
  }
  return a;
}

/** A constant list: one string literal cast once (DuckDB parses one token, not a million numbers). */
function list(values: readonly number[], type: 'INTEGER' | 'DOUBLE'): string {
  return `CAST(${str(`[${values.map(num).join(',')}]`)} AS ${type}[])`;
}

export function forestSql(fit: Forest, features: readonly string[], input: string): string {
  const a = arrays(fit);
  const trees = fit.trees.length;
  const [fv, F, T, L, D] = ['__duto_fv', '__duto_F', '__duto_T', '__duto_L', '__duto_D'].map(ident);
  const V = a.values.map((_, c) => ident(`__duto_V${c}`));
  const n = Array.from({ length: trees }, (_, t) => ident(`__duto_n${t}`));
  const constants = [
    `${list(a.feature, 'INTEGER')} AS ${F}`,
    `${list(a.threshold, 'DOUBLE')} AS ${T}`,
    `${list(a.left, 'INTEGER')} AS ${L}`,
    `${list(a.step, 'INTEGER')} AS ${D}`,
    ...a.values.map((v, c) => `${list(v, 'DOUBLE')} AS ${V[c] ?? ''}`),
  ];
  const starts = a.roots.map((r, t) => `${num(r)} AS ${n[t] ?? ''}`);
  let from = `(SELECT *, CAST([${features.join(', ')}] AS DOUBLE[]) AS ${fv}, ${starts.join(', ')} FROM ${input} CROSS JOIN (SELECT ${constants.join(', ')}))`;
  const deepest = Math.max(...a.depths);
  for (let level = 0; level < deepest; level++) {
    const moves = n
      .filter((_, t) => (a.depths[t] ?? 0) > level)
      .map((m) => `${L}[${m}] + CAST(${fv}[${F}[${m}]] > ${T}[${m}] AS INTEGER) * ${D}[${m}] AS ${m}`);
    from = `(SELECT * REPLACE (${moves.join(', ')}) FROM ${from})`;
  }
  const hidden = [fv, F, T, L, D, ...V, ...n].join(', ');
  const classes = fit.classes ?? [];
  const labels = `[${classes.map(str).join(', ')}]`;
  const p = classes.map((_, c) => ident(`__duto_p${c}`));
  const out = classes.map((c, k) => `${p[k] ?? ''} AS ${ident(`probability_${c}`)}`);
  const classify = (probs: readonly string[], source: string, extra: readonly string[]): string =>
    `SELECT * EXCLUDE (${[...extra, ...p].join(', ')}), ${labels}[${argBest(p, '>=')} + 1] AS prediction, ${out.join(', ')} FROM (SELECT *, ${probs.join(', ')} FROM ${source})`;
  if (fit.algorithm === 'gbt') {
    const perRound = fit.base.length;
    const V0 = V[0] ?? '';
    const raw = (c: number): string =>
      `(${[`${num(fit.base[c] ?? 0)}::DOUBLE`, ...n.filter((_, t) => t % perRound === c).map((m) => `${V0}[${m}]`)].join(' + ')})`;
    if (classes.length === 0) return `SELECT * EXCLUDE (${hidden}), ${raw(0)} AS prediction FROM ${from}`;
    const z = Array.from({ length: perRound }, (_, c) => ident(`__duto_z${c}`));
    const scored = `(SELECT * EXCLUDE (${hidden}), ${z.map((zc, c) => `${raw(c)} AS ${zc}`).join(', ')} FROM ${from})`;
    const [z0 = '', p0 = '', p1 = ''] = [z[0], p[0], p[1]];
    if (classes.length === 2) {
      // z0 is the second class's log-odds: p1 = 1 / (1 + e^-z0), p0 = 1 - p1.
      const second = `(SELECT *, 1e0 / (1e0 + exp(-${z0})) AS ${p1} FROM ${scored})`;
      return classify([`1e0 - ${p1} AS ${p0}`], second, z);
    }
    const m = `greatest(${z.join(', ')})`;
    const total = z.map((zc) => `exp(${zc} - ${m})`).join(' + ');
    return classify(
      z.map((zc, c) => `exp(${zc} - ${m}) / (${total}) AS ${p[c] ?? ''}`),
      scored,
      z,
    );
  }
  const mean = (c: number): string => `((${n.map((m) => `${V[c] ?? ''}[${m}]`).join(' + ')}) / ${num(trees)}e0)`;
  if (classes.length === 0) return `SELECT * EXCLUDE (${hidden}), ${mean(0)} AS prediction FROM ${from}`;
  return classify(
    classes.map((_, c) => `${mean(c)} AS ${p[c] ?? ''}`),
    from,
    [hidden],
  );
}
