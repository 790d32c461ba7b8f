import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import type * as Ort from 'onnxruntime-node';
import type { InferenceSession } from 'onnxruntime-node';
import { said } from '../../../../shared/messages/diagnostic-messages';
import { ConnectorError } from '../../external/types';
import type { TrustMode } from '../../trust/trust-report';
import { readOnnxGraph, withFloatOutputs, type OnnxGraph } from './onnx-graph';

/**
 * An ONNX model file is untrusted input parsed by native code, so it is
 * read like this: only by a trusted pipeline; at most ONNX_MAX_BYTES; its
 * protobuf walked by Duto first (onnx-graph.ts: malformed, custom operators
 * and external data refused with the file named); only then handed to the
 * runtime, from memory, CPU only, with no custom-op library registered and
 * no optimized model written back to disk. The runtime is imported here,
 * lazily: a pipeline without ONNX never loads it.
 */

/** The largest ONNX file read: generous for tree ensembles (a 500-tree boosted model is ~20 MB), bounded for memory. */
export const ONNX_MAX_BYTES = 256 * 1024 * 1024;

export interface OnnxModel {
  file: string;
  graph: OnnxGraph;
  session: InferenceSession;
}

function readBytes(file: string): Buffer {
  let fd: number;
  try {
    // Non-blocking: a FIFO named like a model must not hang the read; `| 0` drops the flag on Windows.
    fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK | 0));
  } catch (e) {
    throw new ConnectorError(said('ml.model/unreadable', { file, detail: firstLine(e) }), { file });
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new ConnectorError(said('ml.model/not-file', { file }), { file });
    if (st.size > ONNX_MAX_BYTES)
      throw new ConnectorError(said('ml.model/too-large', { file, size: st.size, max: ONNX_MAX_BYTES }), { file });
    const buf = Buffer.alloc(st.size);
    let at = 0;
    while (at < st.size) {
      const n = readSync(fd, buf, at, st.size - at, at);
      if (n === 0) break;
      at += n;
    }
    return buf.subarray(0, at);
  } finally {
    closeSync(fd);
  }
}

function firstLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0] ?? '';
}

/** Reads and checks the file (no runtime yet): its graph, and the bytes the runtime is to load. */
export function readOnnxFile(file: string, trust: TrustMode): { graph: OnnxGraph; bytes: Uint8Array } {
  if (trust === 'restricted') throw new ConnectorError(said('ml.model/untrusted', { file }), { file });
  const bytes = readBytes(file);
  const read = readOnnxGraph(bytes);
  if ('graph' in read) {
    // ZipMap outputs are read from the tensor of probabilities each one zips (see withFloatOutputs).
    const zipped = read.graph.zipMaps
      .filter((z) => read.graph.outputs.some((o) => o.name === z.output))
      .map((z) => z.input)
      .filter((n) => !read.graph.outputs.some((o) => o.name === n));
    return { graph: read.graph, bytes: withFloatOutputs(bytes, zipped) };
  }
  const p = read.problem;
  if (p.kind === 'custom-op') throw new ConnectorError(said('ml.model/custom-op', { file, ...p }), { file });
  if (p.kind === 'external-data')
    throw new ConnectorError(said('ml.model/external-data', { file, tensor: p.tensor }), { file });
  throw new ConnectorError(said('ml.model/not-onnx', { file }), { file });
}

/** The file read, checked and loaded into an inference session (close it with `session.release()`). */
export async function loadOnnxModel(file: string, trust: TrustMode, threads: number): Promise<OnnxModel> {
  const { graph, bytes } = readOnnxFile(file, trust);
  let ort: typeof Ort;
  try {
    ort = await import('onnxruntime-node');
  } catch (e) {
    throw new ConnectorError(said('ml.model/runtime', { detail: firstLine(e) }), { file });
  }
  try {
    const session = await ort.InferenceSession.create(bytes, {
      executionProviders: ['cpu'],
      graphOptimizationLevel: 'all',
      intraOpNumThreads: Math.max(1, threads),
      interOpNumThreads: 1,
      executionMode: 'sequential',
      // Errors only: the runtime's warnings would go to stderr, outside Duto's diagnostics.
      logSeverityLevel: 3,
    });
    return { file, graph, session };
  } catch (e) {
    throw new ConnectorError(said('ml.model/load', { file, detail: firstLine(e) }), { file });
  }
}
