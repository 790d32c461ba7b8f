import type { ConnectorFactory } from '../../external/connector';
import { MlTrainSink } from './ml-train-sink';

/** Trains models (`ml.train`): a sink whose target is the model file. */
export const mlConnector: ConnectorFactory = {
  kind: 'ml',
  sink: (ctx) => new MlTrainSink(ctx),
};
