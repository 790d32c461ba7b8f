import { writeFileSync } from 'node:fs';
import type { Column } from '../../../../shared/catalog/node-type';
import { ML_TRAIN_CONFIG, type MlTrainConfig } from '../../../../shared/external/ml';
import { commitTemp, discardTemp, prepareTemp, tempTargetFor } from '../../sinks/atomic-sink';
import type { ConnectorSink, SinkContext } from '../../external/connector';
import type { RowBatch } from '../../external/types';
import { gatherRows } from '../../ml/training-rows';
import { trainModel } from '../../ml/train-model';
import { modelJson, type ModelFile } from '../../ml/model-file';

/**
 * `ml.train`: the input's rows stream in (only the model's columns are
 * kept, at most `rowCap` of them by seeded sample), the model is trained,
 * and its file — model, metrics, feature importance — replaces the target
 * atomically (temp name in the folder, fsync, rename). The count returned
 * is the rows trained on, which the run log shows.
 */
export class MlTrainSink implements ConnectorSink {
  private readonly config: MlTrainConfig;
  /** The last model written (tests and the run summary read it). */
  model: ModelFile | undefined;

  constructor(ctx: SinkContext) {
    this.config = ML_TRAIN_CONFIG.parse(ctx.config);
  }

  async write(
    columns: readonly Column[],
    batches: AsyncIterable<RowBatch>,
    signal: AbortSignal,
  ): Promise<{ rows: number }> {
    const data = await gatherRows(this.config, columns, batches, signal);
    const model = trainModel(this.config, data);
    signal.throwIfAborted();
    const temp = tempTargetFor(this.config.file, false);
    try {
      prepareTemp(temp);
      writeFileSync(temp.temp, modelJson(model));
      commitTemp(temp);
    } catch (e) {
      discardTemp(temp);
      throw e;
    }
    this.model = model;
    return { rows: model.training.trainRows };
  }
}
