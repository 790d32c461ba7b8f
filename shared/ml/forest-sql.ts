import { ident, num, str } from '../sql/quote';
import { argBest } from './arg-best';
import type { Fitted, ForestTree } from './scoring-model';

/**
 * A random forest as SQL: the features are computed once per row (an inner
 * SELECT, columns `__duto_f<j>`), each tree is a nested CASE over them
 * (`x <= threshold` goes left), and the prediction the mean of the trees.
 * Regression: each tree's CASE gives its leaf's mean. Classification: each
 * tree's CASE gives its leaf's number, and a class's probability is the mean
 * over trees of that leaf's probability, read from a constant list — one
 * CASE per tree whatever the number of classes. The trees are summed in
 * groups of TREES_PER_LEVEL per SELECT so no single expression list grows
 * with the forest (ARCHITECTURE "Models" has the sizes measured).
 */

export const TREES_PER_LEVEL = 25;

/** A DOUBLE literal: `e0` makes DuckDB read it as a double directly (a bare `0.15` is a DECIMAL, then cast). */
function dbl(v: number): string {
  const text = num(v);
  return /[eE]/.test(text) ? text : `${text}e0`;
}

/** A tree as one nested CASE, built with an explicit stack (no recursion however deep a file's tree). */
function treeSql(tree: ForestTree, leafSql: (leaf: number) => string): string {
  const parts: string[] = [];
  let leaves = 0;
  // Preorder walk emitting text: a split opens "CASE WHEN f <= t THEN", its left subtree follows, then " ELSE", the right, " END".
  const stack: Array<number | string> = [0];
  while (stack.length > 0) {
    const top = stack.pop();
    if (top === undefined) break;
    if (typeof top === 'string') {
      parts.push(top);
      continue;
    }
    const feature = tree.feature[top] ?? -1;
    if (feature < 0) {
      parts.push(leafSql(leaves++));
      continue;
    }
    parts.push(`CASE WHEN ${ident(`__duto_f${feature}`)} <= ${dbl(tree.threshold[top] ?? 0)} THEN `);
    stack.push(' END', tree.right[top] ?? 0, ' ELSE ', top + 1);
  }
  return `(${parts.join('')})`;
}

export function forestSql(
  fit: Extract<Fitted, { algorithm: 'forest' }>,
  features: readonly string[],
  input: string,
): string {
  const fs = features.map((f, j) => `${f} AS ${ident(`__duto_f${j}`)}`);
  const fNames = features.map((_, j) => ident(`__duto_f${j}`));
  let from = `(SELECT *, ${fs.join(', ')} FROM ${input})`;
  const hidden = [...fNames];
  const classes = fit.classes ?? [];
  const width = Math.max(classes.length, 1);
  // Per level: the trees of the group as columns (leaf value or leaf number), then, classification, their probabilities summed per class.
  const sums: string[][] = Array.from({ length: width }, () => []);
  for (let start = 0; start < fit.trees.length; start += TREES_PER_LEVEL) {
    const group = fit.trees.slice(start, start + TREES_PER_LEVEL);
    const cols = group.map((tree, g) => {
      const name = ident(`__duto_t${start + g}`);
      return classes.length === 0
        ? `${treeSql(tree, (leaf) => dbl(tree.value[leaf] ?? 0))} AS ${name}`
        : `${treeSql(tree, (leaf) => String(leaf + 1))} AS ${name}`;
    });
    const treeNames = group.map((_, g) => ident(`__duto_t${start + g}`));
    from = `(SELECT *, ${cols.join(', ')} FROM ${from})`;
    const partial = Array.from({ length: width }, (_, c) => {
      const terms = group.map((tree, g) => {
        if (classes.length === 0) return treeNames[g] ?? '0';
        const leaves = tree.value.length / width;
        const list = Array.from({ length: leaves }, (_, l) => dbl(tree.value[l * width + c] ?? 0));
        return `[${list.join(', ')}][${treeNames[g] ?? '1'}]`;
      });
      return terms.join(' + ');
    });
    const partialNames = partial.map((_, c) => ident(`__duto_s${start}_${c}`));
    from = `(SELECT * EXCLUDE (${treeNames.join(', ')}), ${partial.map((e, c) => `${e} AS ${partialNames[c] ?? ''}`).join(', ')} FROM ${from})`;
    partialNames.forEach((n, c) => sums[c]?.push(n));
    hidden.push(...partialNames);
  }
  const mean = (c: number): string => `((${(sums[c] ?? []).join(' + ')}) / ${dbl(fit.trees.length)})`;
  if (classes.length === 0) return `SELECT * EXCLUDE (${hidden.join(', ')}), ${mean(0)} AS prediction FROM ${from}`;
  const probNames = classes.map((_, c) => ident(`__duto_p${c}`));
  const probs = classes.map((_, c) => `${mean(c)} AS ${probNames[c] ?? ''}`);
  const labels = `[${classes.map(str).join(', ')}]`;
  const out = classes.map((c, k) => `${probNames[k] ?? ''} AS ${ident(`probability_${c}`)}`);
  return `SELECT * EXCLUDE (${[...hidden, ...probNames].join(', ')}), ${labels}[${argBest(probNames, '>=')} + 1] AS prediction, ${out.join(', ')} FROM (SELECT *, ${probs.join(', ')} FROM ${from})`;
}
