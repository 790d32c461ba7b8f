import type { Column } from '../catalog/node-type';
import { ident, num, str } from '../sql/quote';
import { argBest } from './arg-best';
import { forestSql } from './forest-sql';
import type { Feature, ScoringModel } from './scoring-model';

/**
 * A model as SQL over the input: every prediction is an expression DuckDB
 * evaluates while it streams the rows (no copy of them in JS). The features
 * are built as ml.train built them (NULL → the training mean, then divided
 * by the scale; one-hot categories compared as text). Added columns:
 * `prediction` (regression, classification), `probability_<class>` per
 * class, `cluster` (k-means, 0-based).
 */

const NUMERIC_TYPE =
  /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|REAL|DECIMAL(\(\d+,\s*\d+\))?)$/i;

/** Why the input does not fit the model's signature, naming the column; undefined when it fits (or its columns are unknown). */
export function signatureProblem(
  model: ScoringModel,
  schema: readonly Column[] | undefined,
): { column: string; message: string } | undefined {
  if (schema === undefined) return undefined;
  for (const s of model.signature) {
    const c =
      schema.find((x) => x.name === s.column) ?? schema.find((x) => x.name.toLowerCase() === s.column.toLowerCase());
    if (c === undefined)
      return {
        column: s.column,
        message: `the model needs column "${s.column}" (${s.kind}); the input has no such column`,
      };
    if (s.kind === 'numeric' && !NUMERIC_TYPE.test(c.type.trim()))
      return {
        column: s.column,
        message: `the model needs column "${s.column}" as a number; the input's is ${c.type}`,
      };
  }
  return undefined;
}

/** A double literal: a bare `1.5` would be a DECIMAL in DuckDB. */
function dbl(v: number): string {
  return `${num(v)}::DOUBLE`;
}

function featureSql(f: Feature): string {
  if (f.kind === 'category')
    return `(CASE WHEN CAST(${ident(f.column)} AS VARCHAR) = ${str(f.value)} THEN 1.0 ELSE 0.0 END)`;
  return `((COALESCE(CAST(${ident(f.column)} AS DOUBLE), ${dbl(f.mean)}) - ${dbl(f.mean)}) / ${dbl(f.scale)})`;
}

function linear(intercept: number, weights: readonly number[], features: readonly string[]): string {
  const terms = weights.map((w, j) => `${dbl(w)} * ${features[j] ?? '0'}`);
  return `(${[dbl(intercept), ...terms].join(' + ')})`;
}

/** The input's rows with the model's columns added. Names of added columns are `prediction`, `probability_<class>`, `cluster`. */
export function scoreSql(model: ScoringModel, input: string): string {
  const f = model.features.map(featureSql);
  const fit = model.fitted;
  if (fit.algorithm === 'forest' || fit.algorithm === 'gbt') return forestSql(fit, f, input);
  if (fit.algorithm === 'kmeans') {
    const d = fit.centroids.map(
      (c, k) =>
        `${c.map((v, j) => `power(${f[j] ?? '0'} - ${dbl(v)}, 2)`).join(' + ') || '0'} AS ${ident(`__duto_d${k}`)}`,
    );
    const names = fit.centroids.map((_, k) => ident(`__duto_d${k}`));
    return `SELECT * EXCLUDE (${names.join(', ')}), ${argBest(names, '<=')} AS cluster FROM (SELECT *, ${d.join(', ')} FROM ${input})`;
  }
  if (fit.algorithm !== 'logistic')
    return `SELECT *, ${linear(fit.intercept, fit.weights, f)} AS prediction FROM ${input}`;
  const z = fit.classes.map((_, k) => ident(`__duto_z${k}`));
  const zs = fit.classes.map((_, k) => `${linear(fit.intercepts[k] ?? 0, fit.weights[k] ?? [], f)} AS ${z[k] ?? ''}`);
  const m = `greatest(${z.join(', ')})`;
  const total = z.map((n) => `exp(${n} - ${m})`).join(' + ');
  const probs = fit.classes.map((c, k) => `exp(${z[k] ?? ''} - ${m}) / (${total}) AS ${ident(`probability_${c}`)}`);
  const labels = `[${fit.classes.map(str).join(', ')}]`;
  return `SELECT * EXCLUDE (${z.join(', ')}), ${labels}[${argBest(z, '>=')} + 1] AS prediction, ${probs.join(', ')} FROM (SELECT *, ${zs.join(', ')} FROM ${input})`;
}
