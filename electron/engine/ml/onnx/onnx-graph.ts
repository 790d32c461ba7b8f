import { fields, lengthDelimited, text, WireError, type WireField } from './protobuf-wire';

/**
 * What Duto reads of an ONNX file itself, before the runtime sees it: the
 * graph's inputs and outputs (names, element types, shapes) and its ZipMap
 * nodes, while checking what must never reach the runtime — operators
 * outside the standard domains (custom ops) and tensors whose data lives in
 * other files (external data would make the runtime open paths the file
 * chooses). Field numbers are onnx.proto's.
 */

/** Element types (TensorProto.DataType) Duto feeds or reads. */
export const ELEM = { float: 1, int32: 6, int64: 7, string: 8, bool: 9, double: 11 } as const;

/** The standard operator domains; anything else is a custom operator and refused. */
const STANDARD_DOMAINS = new Set(['', 'ai.onnx', 'ai.onnx.ml']);

export type OnnxType =
  | { kind: 'tensor'; elem: number; dims: Array<number | undefined> | undefined }
  | { kind: 'sequence-of-map' }
  | { kind: 'other' };

export interface OnnxValue {
  name: string;
  type: OnnxType;
}

/** A ZipMap node (sklearn classifiers' probability output): the tensor it reads, the value it makes, its class labels. */
export interface ZipMap {
  input: string;
  output: string;
  classes: string[];
}

export interface OnnxGraph {
  inputs: OnnxValue[];
  outputs: OnnxValue[];
  zipMaps: ZipMap[];
}

export type GraphProblem =
  { kind: 'malformed' } | { kind: 'custom-op'; op: string; domain: string } | { kind: 'external-data'; tensor: string };

class Refused extends Error {
  constructor(readonly problem: GraphProblem) {
    super(problem.kind);
  }
}

function sub(buf: Uint8Array, f: WireField): Generator<WireField> {
  if (f.wire !== 2) throw new WireError(f.start);
  return fields(buf, f.start, f.end);
}

function readDims(buf: Uint8Array, shape: WireField): Array<number | undefined> {
  const dims: Array<number | undefined> = [];
  for (const d of sub(buf, shape)) {
    if (d.field !== 1) continue;
    let value: number | undefined;
    for (const x of sub(buf, d)) if (x.field === 1 && x.wire === 0) value = Number(x.varint);
    dims.push(value);
  }
  return dims;
}

function readType(buf: Uint8Array, t: WireField): OnnxType {
  for (const f of sub(buf, t)) {
    if (f.field === 1) {
      let elem = 0;
      let dims: Array<number | undefined> | undefined;
      for (const x of sub(buf, f)) {
        if (x.field === 1 && x.wire === 0) elem = Number(x.varint);
        if (x.field === 2) dims = readDims(buf, x);
      }
      return { kind: 'tensor', elem, dims };
    }
    if (f.field === 4) {
      for (const x of sub(buf, f))
        if (x.field === 1) for (const y of sub(buf, x)) if (y.field === 5) return { kind: 'sequence-of-map' };
      return { kind: 'other' };
    }
  }
  return { kind: 'other' };
}

function readValue(buf: Uint8Array, v: WireField): OnnxValue {
  let name = '';
  let type: OnnxType = { kind: 'other' };
  for (const f of sub(buf, v)) {
    if (f.field === 1) name = text(buf, f);
    if (f.field === 2) type = readType(buf, f);
  }
  return { name, type };
}

function checkTensor(buf: Uint8Array, t: WireField): string {
  let name = '';
  for (const f of sub(buf, t)) {
    if (f.field === 8) name = text(buf, f);
    if ((f.field === 14 && f.wire === 0 && f.varint === 1n) || f.field === 13)
      throw new Refused({ kind: 'external-data', tensor: name || '(unnamed)' });
  }
  return name;
}

/** A node: its domain checked, its subgraphs (If, Loop, Scan) walked, a ZipMap's labels kept. */
function readNode(buf: Uint8Array, n: WireField, zipMaps: ZipMap[], depth: number): void {
  let op = '';
  let domain = '';
  const inputs: string[] = [];
  const outputs: string[] = [];
  const labels: string[] = [];
  for (const f of sub(buf, n)) {
    if (f.field === 1) inputs.push(text(buf, f));
    else if (f.field === 2) outputs.push(text(buf, f));
    else if (f.field === 4) op = text(buf, f);
    else if (f.field === 7) domain = text(buf, f);
    else if (f.field === 5) {
      let attr = '';
      const ints: string[] = [];
      const strings: string[] = [];
      for (const a of sub(buf, f)) {
        if (a.field === 1) attr = text(buf, a);
        else if (a.field === 8 && a.wire === 0) ints.push(BigInt.asIntN(64, a.varint).toString());
        else if (a.field === 8 && a.wire === 2) {
          for (const p of packed(buf, a)) ints.push(BigInt.asIntN(64, p).toString());
        } else if (a.field === 9) strings.push(text(buf, a));
        else if (a.field === 6) readGraph(buf, a, zipMaps, depth + 1);
        else if (a.field === 11) readGraph(buf, a, zipMaps, depth + 1);
      }
      if (attr === 'classlabels_int64s') labels.push(...ints);
      if (attr === 'classlabels_strings') labels.push(...strings);
    }
  }
  if (!STANDARD_DOMAINS.has(domain)) throw new Refused({ kind: 'custom-op', op, domain });
  const [input] = inputs;
  const [output] = outputs;
  if (op === 'ZipMap' && input !== undefined && output !== undefined) zipMaps.push({ input, output, classes: labels });
}

function* packed(buf: Uint8Array, f: WireField): Generator<bigint> {
  // A packed repeated varint: the varints one after another; read them as fields of number 0 would be, by hand.
  let at = f.start;
  while (at < f.end) {
    let value = 0n;
    let shift = 0n;
    for (;;) {
      if (at >= f.end || shift > 63n) throw new WireError(at);
      const b = buf[at] ?? 0;
      at++;
      value |= BigInt(b & 0x7f) << shift;
      if ((b & 0x80) === 0) break;
      shift += 7n;
    }
    yield value;
  }
}

/** Subgraphs nest; a file nesting them without end is refused rather than walked. */
const MAX_DEPTH = 32;

function readGraph(buf: Uint8Array, g: WireField, zipMaps: ZipMap[], depth: number): OnnxGraph {
  if (depth > MAX_DEPTH) throw new WireError(g.start);
  const initializers = new Set<string>();
  const inputs: OnnxValue[] = [];
  const outputs: OnnxValue[] = [];
  for (const f of sub(buf, g)) {
    if (f.field === 1) readNode(buf, f, zipMaps, depth);
    else if (f.field === 5) initializers.add(checkTensor(buf, f));
    else if (f.field === 11) inputs.push(readValue(buf, f));
    else if (f.field === 12) outputs.push(readValue(buf, f));
  }
  // Before IR 4, initializers were listed among the inputs too: they are not fed.
  return { inputs: inputs.filter((i) => !initializers.has(i.name)), outputs, zipMaps };
}

/** The graph of an ONNX model file, or why it is refused. */
export function readOnnxGraph(buf: Uint8Array): { graph: OnnxGraph } | { problem: GraphProblem } {
  try {
    let ir = false;
    let graph: OnnxGraph | undefined;
    for (const f of fields(buf)) {
      if (f.field === 1 && f.wire === 0) ir = true;
      else if (f.field === 7) graph = readGraph(buf, f, [], 0);
      else if (f.field === 25) for (const n of sub(buf, f)) if (n.field === 7) readNode(buf, n, [], 1);
    }
    if (!ir || graph === undefined || graph.outputs.length === 0) return { problem: { kind: 'malformed' } };
    return { graph };
  } catch (e) {
    if (e instanceof Refused) return { problem: e.problem };
    if (e instanceof WireError) return { problem: { kind: 'malformed' } };
    throw e;
  }
}

/**
 * The model with `names` added to its graph's outputs as float tensors: how
 * Duto reads the probabilities a ZipMap turns into a sequence of maps (the
 * runtime for Node returns tensors only), straight from the tensor it reads.
 */
export function withFloatOutputs(buf: Uint8Array, names: readonly string[]): Uint8Array {
  const graph = [...fields(buf)].find((f) => f.field === 7);
  if (graph === undefined || names.length === 0) return buf;
  const enc = new TextEncoder();
  const extra = names.map((n) =>
    lengthDelimited(
      12,
      Uint8Array.from([
        ...lengthDelimited(1, enc.encode(n)),
        ...lengthDelimited(2, lengthDelimited(1, Uint8Array.from([8, ELEM.float]))),
      ]),
    ),
  );
  const body = Buffer.concat([buf.subarray(graph.start, graph.end), ...extra]);
  return Buffer.concat([buf.subarray(0, graph.keyStart), lengthDelimited(7, body), buf.subarray(graph.end)]);
}
