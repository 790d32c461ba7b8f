import type { ConnectorFactory } from '../../external/connector';
import { MysqlSink } from './mysql-sink';
import { MysqlSource } from './mysql-source';

export const mysqlConnector: ConnectorFactory = {
  kind: 'mysql',
  connectionKind: 'mysql',
  incremental: true,
  source: (ctx) => new MysqlSource(ctx),
  sink: (ctx) => new MysqlSink(ctx),
};
