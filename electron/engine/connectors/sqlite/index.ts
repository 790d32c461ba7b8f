import type { ConnectorFactory } from '../../external/connector';
import { SqliteSink } from './sqlite-sink';
import { SqliteSource } from './sqlite-source';

export const sqliteConnector: ConnectorFactory = {
  kind: 'sqlite',
  incremental: true,
  source: (ctx) => new SqliteSource(ctx),
  sink: (ctx) => new SqliteSink(ctx),
};
