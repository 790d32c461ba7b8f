import type { ConnectorFactory } from '../../external/connector';
import { ClickhouseSink } from './ch-sink';
import { ClickhouseSource } from './ch-source';

export const clickhouseConnector: ConnectorFactory = {
  kind: 'clickhouse',
  connectionKind: 'clickhouse',
  incremental: true,
  source: (ctx) => new ClickhouseSource(ctx),
  sink: (ctx) => new ClickhouseSink(ctx),
};
