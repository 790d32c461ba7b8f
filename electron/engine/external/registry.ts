import { clickhouseConnector } from '../connectors/clickhouse/index';
import { excelConnector } from '../connectors/excel/index';
import { mlConnector } from '../connectors/ml/index';
import { onnxConnector } from '../connectors/onnx/index';
import { httpConnector } from '../connectors/http/index';
import { mysqlConnector } from '../connectors/mysql/index';
import { postgresConnector } from '../connectors/postgres/index';
import { sqliteConnector } from '../connectors/sqlite/index';
import type { ConnectorFactory } from './connector';

/**
 * Every connector of this build, by kind. A new connector is one factory
 * added here (and a catalog node whose compile names its kind).
 */
export const connectors: readonly ConnectorFactory[] = [
  sqliteConnector,
  postgresConnector,
  mysqlConnector,
  clickhouseConnector,
  excelConnector,
  httpConnector,
  mlConnector,
  onnxConnector,
];

export function connectorFor(kind: string): ConnectorFactory | undefined {
  return connectors.find((c) => c.kind === kind);
}
