import type { ConnectorFactory } from '../../external/connector';
import { PostgresSink } from './pg-sink';
import { PostgresSource } from './pg-source';

export const postgresConnector: ConnectorFactory = {
  kind: 'postgres',
  connectionKind: 'postgres',
  incremental: true,
  source: (ctx) => new PostgresSource(ctx),
  sink: (ctx) => new PostgresSink(ctx),
};
