import type { Column } from '../../../../shared/catalog/node-type';
import { said } from '../../../../shared/messages/diagnostic-messages';
import { ConnectorError } from '../../external/types';
import { duckType, INTEGER_FAMILIES } from '../../external/duck-types';
import { ELEM, type OnnxGraph, type OnnxValue } from './onnx-graph';

/**
 * How rows become the model's inputs and its outputs become columns.
 *
 * Inputs, two ways (as exporters make them): one tensor [N, k] fed from k
 * listed feature columns in that order (`features`); or one input per
 * column, matched by name (skl2onnx with named inputs), each [N, 1] or [N].
 * Outputs: `prediction` from the first output with one value per row;
 * `probability_<class>` from a float tensor [N, C] — classes from the
 * ZipMap's labels when the model has one (its sequence of maps is read from
 * the tensor it zips), else 0…C-1; a model with no label output gets
 * `prediction_<j>` for such a tensor instead. Other outputs are not read.
 */

export type FeedType = 'float' | 'double' | 'int64' | 'string';

export interface Feed {
  /** The model input's name. */
  input: string;
  type: FeedType;
  /** The input's columns, in order; [N, k] when several, else [N, 1] (or [N] when `flat`). */
  columns: string[];
  flat: boolean;
}

export interface Fetch {
  /** The model output (or the tensor a ZipMap reads). */
  output: string;
  /** The columns it fills: one per tensor column. */
  columns: Array<{ name: string; type: 'DOUBLE' | 'BIGINT' | 'VARCHAR' | 'BOOLEAN' }>;
}

export interface OnnxPlan {
  feeds: Feed[];
  fetches: Fetch[];
}

const FEED_TYPES = new Map<number, FeedType>([
  [ELEM.float, 'float'],
  [ELEM.double, 'double'],
  [ELEM.int64, 'int64'],
  [ELEM.string, 'string'],
]);

function columnOf(columns: readonly Column[], name: string): Column | undefined {
  return columns.find((c) => c.name === name) ?? columns.find((c) => c.name.toLowerCase() === name.toLowerCase());
}

function isNumeric(type: string): boolean {
  const f = duckType(type).family;
  return INTEGER_FAMILIES.has(f) || f === 'double' || f === 'float' || f === 'decimal' || f === 'boolean';
}

function requireColumn(columns: readonly Column[], name: string, numeric: boolean): string {
  const c = columnOf(columns, name);
  if (c === undefined) throw new ConnectorError(said('ml.input/missing', { column: name }), { param: 'features' });
  if (numeric && !isNumeric(c.type))
    throw new ConnectorError(said('ml.input/column-type', { column: c.name, type: c.type }), { param: 'features' });
  return c.name;
}

function feedOf(file: string, v: OnnxValue): { type: FeedType; dims: Array<number | undefined> } {
  const t = v.type;
  const type = t.kind === 'tensor' ? FEED_TYPES.get(t.elem) : undefined;
  const dims = t.kind === 'tensor' ? (t.dims ?? [undefined, undefined]) : [];
  if (type === undefined || dims.length < 1 || dims.length > 2)
    throw new ConnectorError(said('ml.model/input-type', { input: v.name, file }), { file });
  return { type, dims };
}

function planFeeds(file: string, graph: OnnxGraph, columns: readonly Column[], features: readonly string[]): Feed[] {
  const [only] = graph.inputs;
  // One input that is not itself a column: the [N, k] tensor of the listed features.
  if (only !== undefined && graph.inputs.length === 1 && (features.length > 0 || !columnOf(columns, only.name))) {
    const { type, dims } = feedOf(file, only);
    if (features.length === 0)
      throw new ConnectorError(said('ml.model/no-features', { input: only.name, file }), { param: 'features', file });
    const width = dims.length === 2 ? dims[1] : 1;
    if (width !== undefined && width !== features.length)
      throw new ConnectorError(
        said('ml.model/features', { input: only.name, file, want: width, have: features.length }),
        { param: 'features', file },
      );
    const names = features.map((f) => requireColumn(columns, f, type !== 'string'));
    return [{ input: only.name, type, columns: names, flat: dims.length === 1 }];
  }
  return graph.inputs.map((v) => {
    const { type, dims } = feedOf(file, v);
    if (dims.length === 2 && dims[1] !== undefined && dims[1] !== 1)
      throw new ConnectorError(said('ml.model/features', { input: v.name, file, want: dims[1], have: 1 }), { file });
    return {
      input: v.name,
      type,
      columns: [requireColumn(columns, v.name, type !== 'string')],
      flat: dims.length === 1,
    };
  });
}

const OUT_TYPES = new Map<number, Fetch['columns'][number]['type']>([
  [ELEM.float, 'DOUBLE'],
  [ELEM.double, 'DOUBLE'],
  [ELEM.int32, 'BIGINT'],
  [ELEM.int64, 'BIGINT'],
  [ELEM.string, 'VARCHAR'],
  [ELEM.bool, 'BOOLEAN'],
]);

function planFetches(file: string, graph: OnnxGraph): Fetch[] {
  let prediction: Fetch | undefined;
  let wide: { output: string; width: number; classes: string[] | undefined } | undefined;
  for (const o of graph.outputs) {
    if (o.type.kind === 'sequence-of-map') {
      const zip = graph.zipMaps.find((z) => z.output === o.name);
      if (zip === undefined) throw new ConnectorError(said('ml.model/zipmap', { output: o.name, file }), { file });
      wide ??= { output: zip.input, width: zip.classes.length, classes: zip.classes };
      continue;
    }
    if (o.type.kind !== 'tensor') continue;
    const type = OUT_TYPES.get(o.type.elem);
    const dims = o.type.dims ?? [undefined];
    if (type === undefined || dims.length < 1 || dims.length > 2) continue;
    const width = dims.length === 2 ? dims[1] : 1;
    if (width === 1) prediction ??= { output: o.name, columns: [{ name: 'prediction', type }] };
    else if (width !== undefined && width > 1 && type === 'DOUBLE')
      wide ??= { output: o.name, width, classes: undefined };
  }
  const fetches: Fetch[] = prediction === undefined ? [] : [prediction];
  if (wide !== undefined) {
    const classes = wide.classes ?? Array.from({ length: wide.width }, (_, j) => String(j));
    const prefix = prediction === undefined && wide.classes === undefined ? 'prediction_' : 'probability_';
    fetches.push({ output: wide.output, columns: classes.map((c) => ({ name: `${prefix}${c}`, type: 'DOUBLE' })) });
  }
  if (fetches.length === 0) throw new ConnectorError(said('ml.model/no-output', { file }), { file });
  return fetches;
}

/** The plan for these input columns, or a ConnectorError naming the column, model input or output at fault. */
export function planOnnx(
  file: string,
  graph: OnnxGraph,
  columns: readonly Column[],
  features: readonly string[],
): OnnxPlan {
  const feeds = planFeeds(file, graph, columns, features);
  const fetches = planFetches(file, graph);
  for (const f of fetches)
    for (const c of f.columns)
      if (columnOf(columns, c.name) !== undefined)
        throw new ConnectorError(said('ml.model/column-taken', { column: c.name, file }), { file });
  return { feeds, fetches };
}
