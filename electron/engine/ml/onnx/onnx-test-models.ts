import { lengthDelimited, varint } from './protobuf-wire';
import { ELEM } from './onnx-graph';

/**
 * Small ONNX models written field by field (onnx.proto's numbers), for the
 * tests and the benchmark: whatever they score is known by hand, and no
 * exporter is needed to make them.
 */

const enc = new TextEncoder();
const cat = (...parts: Uint8Array[]): Uint8Array => Uint8Array.from(parts.flatMap((p) => [...p]));
const str = (field: number, s: string): Uint8Array => lengthDelimited(field, enc.encode(s));
const int = (field: number, v: number): Uint8Array => Uint8Array.from([...varint(field * 8), ...varint(v)]);
const msg = (field: number, ...parts: Uint8Array[]): Uint8Array => lengthDelimited(field, cat(...parts));

/** A dimension: a number, or a name (the batch). */
type Dim = number | string;

function valueInfo(field: number, name: string, elem: number, dims: readonly Dim[]): Uint8Array {
  const shape = dims.map((d) => msg(1, typeof d === 'number' ? int(1, d) : str(2, d)));
  return msg(field, str(1, name), msg(2, msg(1, int(1, elem), msg(2, ...shape))));
}

/** A float initializer, its values as raw little-endian bytes. */
function floats(name: string, dims: readonly number[], values: readonly number[]): Uint8Array {
  const raw = new Uint8Array(Float32Array.from(values).buffer);
  return msg(5, ...dims.map((d) => int(1, d)), int(2, ELEM.float), str(8, name), lengthDelimited(9, raw));
}

interface Attr {
  name: string;
  int?: number;
  string?: string;
  strings?: string[];
  floats?: readonly number[];
}

/** AttributeProto: its value field and its type (INT 2, STRING 3, FLOATS 6, STRINGS 8). */
function attribute(a: Attr): Uint8Array {
  if (a.strings !== undefined) return msg(5, str(1, a.name), ...a.strings.map((s) => str(9, s)), int(20, 8));
  if (a.string !== undefined) return msg(5, str(1, a.name), str(4, a.string), int(20, 3));
  if (a.floats !== undefined)
    return msg(5, str(1, a.name), lengthDelimited(7, new Uint8Array(Float32Array.from(a.floats).buffer)), int(20, 6));
  return msg(5, str(1, a.name), int(3, a.int ?? 0), int(20, 2));
}

function node(op: string, inputs: string[], outputs: string[], attrs: Attr[] = [], domain = ''): Uint8Array {
  return msg(
    1,
    ...inputs.map((i) => str(1, i)),
    ...outputs.map((o) => str(2, o)),
    str(4, op),
    ...attrs.map(attribute),
    ...(domain === '' ? [] : [str(7, domain)]),
  );
}

function model(graph: Uint8Array[], ml = false): Uint8Array {
  const opsets = [msg(8, str(1, ''), int(2, 13)), ...(ml ? [msg(8, str(1, 'ai.onnx.ml'), int(2, 1))] : [])];
  return cat(int(1, 8), str(2, 'duto-test'), ...opsets, msg(7, str(2, 'g'), ...graph));
}

/** y = W·x + b: input "X" float [N, k], output "y" float [N, 1]. */
export function linearModel(w: readonly number[], b: number): Uint8Array {
  return model([
    node('MatMul', ['X', 'W'], ['xw']),
    node('Add', ['xw', 'B'], ['y']),
    floats('W', [w.length, 1], w),
    floats('B', [1], [b]),
    valueInfo(11, 'X', ELEM.float, ['N', w.length]),
    valueInfo(12, 'y', ELEM.float, ['N', 1]),
  ]);
}

/**
 * A softmax classifier: logits = X·W + b (W is k × C, row-major), output
 * "label" int64 [N] (ArgMax) and "probabilities" float [N, C] (Softmax).
 */
export function softmaxModel(w: readonly number[], b: readonly number[]): Uint8Array {
  const c = b.length;
  const k = w.length / c;
  return model([
    node('MatMul', ['X', 'W'], ['xw']),
    node('Add', ['xw', 'B'], ['logits']),
    node('Softmax', ['logits'], ['probabilities'], [{ name: 'axis', int: 1 }]),
    node(
      'ArgMax',
      ['logits'],
      ['label'],
      [
        { name: 'axis', int: 1 },
        { name: 'keepdims', int: 0 },
      ],
    ),
    floats('W', [k, c], w),
    floats('B', [c], b),
    valueInfo(11, 'X', ELEM.float, ['N', k]),
    valueInfo(12, 'label', ELEM.int64, ['N']),
    valueInfo(12, 'probabilities', ELEM.float, ['N', c]),
  ]);
}

/** As skl2onnx exports a classifier with named inputs: one input [N, 1] per column, probabilities as a ZipMap. */
export function zipMapModel(
  columns: readonly string[],
  w: readonly number[],
  b: readonly number[],
  classes: string[],
): Uint8Array {
  const c = b.length;
  const seqMap = msg(
    12,
    str(1, 'output_probability'),
    msg(2, msg(4, msg(1, msg(5, int(1, ELEM.string), msg(2, msg(1, int(1, ELEM.float))))))),
  );
  return model(
    [
      node('Concat', [...columns], ['X'], [{ name: 'axis', int: 1 }]),
      node('MatMul', ['X', 'W'], ['xw']),
      node('Add', ['xw', 'B'], ['logits']),
      node('Softmax', ['logits'], ['probabilities'], [{ name: 'axis', int: 1 }]),
      node(
        'ArgMax',
        ['logits'],
        ['output_label'],
        [
          { name: 'axis', int: 1 },
          { name: 'keepdims', int: 0 },
        ],
      ),
      node(
        'ZipMap',
        ['probabilities'],
        ['output_probability'],
        [{ name: 'classlabels_strings', strings: classes }],
        'ai.onnx.ml',
      ),
      floats('W', [columns.length, c], w),
      floats('B', [c], b),
      ...columns.map((col) => valueInfo(11, col, ELEM.float, ['N', 1])),
      valueInfo(12, 'output_label', ELEM.int64, ['N']),
      seqMap,
    ],
    true,
  );
}

/**
 * A linear classifier as skl2onnx exports scikit-learn's LogisticRegression:
 * input "float_input" [N, k]; LinearClassifier (ONNX-ML, softmax) gives
 * "output_label" (the class, text) and scores that a Normalizer (L1) and a
 * ZipMap turn into "output_probability", a sequence of maps.
 */
export function sklearnLogisticModel(
  coefficients: readonly number[],
  intercepts: readonly number[],
  classes: string[],
): Uint8Array {
  const k = coefficients.length / classes.length;
  const ml = 'ai.onnx.ml';
  const seqMap = msg(
    12,
    str(1, 'output_probability'),
    msg(2, msg(4, msg(1, msg(5, int(1, ELEM.string), msg(2, msg(1, int(1, ELEM.float))))))),
  );
  return model(
    [
      node(
        'LinearClassifier',
        ['float_input'],
        ['label', 'probability_tensor'],
        [
          { name: 'classlabels_strings', strings: classes },
          { name: 'coefficients', floats: coefficients },
          { name: 'intercepts', floats: intercepts },
          { name: 'multi_class', int: 1 },
          { name: 'post_transform', string: 'SOFTMAX' },
        ],
        ml,
      ),
      node('Normalizer', ['probability_tensor'], ['probabilities'], [{ name: 'norm', string: 'L1' }], ml),
      node('Identity', ['label'], ['output_label']),
      node(
        'ZipMap',
        ['probabilities'],
        ['output_probability'],
        [{ name: 'classlabels_strings', strings: classes }],
        ml,
      ),
      valueInfo(11, 'float_input', ELEM.float, ['N', k]),
      valueInfo(12, 'output_label', ELEM.string, ['N']),
      seqMap,
    ],
    true,
  );
}

/** A model calling an operator outside the standard domains. */
export function customOpModel(): Uint8Array {
  return model([
    node('Evil', ['X'], ['y'], [], 'com.example.custom'),
    valueInfo(11, 'X', ELEM.float, ['N', 1]),
    valueInfo(12, 'y', ELEM.float, ['N', 1]),
  ]);
}

/** A model whose weight is stored in another file (external data). */
export function externalDataModel(): Uint8Array {
  const external = msg(
    5,
    int(1, 1),
    int(1, 1),
    int(2, ELEM.float),
    str(8, 'W'),
    msg(13, str(1, 'location'), str(2, '/etc/passwd')),
    int(14, 1),
  );
  return model([
    node('MatMul', ['X', 'W'], ['y']),
    external,
    valueInfo(11, 'X', ELEM.float, ['N', 1]),
    valueInfo(12, 'y', ELEM.float, ['N', 1]),
  ]);
}
