import type { ConnectorFactory } from '../../external/connector';
import { OnnxSource } from './onnx-source';

/** Scores rows with an ONNX model (`ml.score` given a .onnx file): a source over its input's view. */
export const onnxConnector: ConnectorFactory = {
  kind: 'onnx',
  source: (ctx) => new OnnxSource(ctx),
};
