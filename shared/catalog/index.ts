import type { NodeType } from './node-type';
import { aggregate } from './nodes/aggregate';
import { cast } from './nodes/cast';
import { customSql } from './nodes/custom-sql';
import { derive } from './nodes/derive';
import { distinct } from './nodes/distinct';
import { fillNulls } from './nodes/fill-nulls';
import { filter } from './nodes/filter';
import { join } from './nodes/join';
import { limit } from './nodes/limit';
import { pivot } from './nodes/pivot';
import { qualityChecks } from './nodes/quality-checks';
import { select } from './nodes/select';
import { sinkCsv } from './nodes/sink-csv';
import { sinkExcel } from './nodes/sink-excel';
import { sinkJson } from './nodes/sink-json';
import { sinkMysql } from './nodes/sink-mysql';
import { sinkClickhouse } from './nodes/sink-clickhouse';
import { sinkParquet } from './nodes/sink-parquet';
import { sinkDelta } from './nodes/sink-delta';
import { sinkPostgres } from './nodes/sink-postgres';
import { sinkReport } from './nodes/sink-report';
import { sinkSqlite } from './nodes/sink-sqlite';
import { mlScore } from './nodes/ml-score';
import { mlTrain } from './nodes/ml-train';
import { sort } from './nodes/sort';
import { sourceCsv } from './nodes/source-csv';
import { sourceExcel } from './nodes/source-excel';
import { sourceHttp } from './nodes/source-http';
import { sourceJson } from './nodes/source-json';
import { sourceMysql } from './nodes/source-mysql';
import { sourceClickhouse } from './nodes/source-clickhouse';
import { sourceParquet } from './nodes/source-parquet';
import { sourceDelta } from './nodes/source-delta';
import { sourcePostgres } from './nodes/source-postgres';
import { sourceSqlite } from './nodes/source-sqlite';
import { union } from './nodes/union';
import { unpivot } from './nodes/unpivot';
import { windowFunctions } from './nodes/window';

/** Every node type of this build, in palette order: sources, transforms, sinks. */
export const nodeTypes: readonly NodeType[] = [
  sourceCsv,
  sourceJson,
  sourceParquet,
  sourceDelta,
  sourceExcel,
  sourceSqlite,
  sourcePostgres,
  sourceMysql,
  sourceClickhouse,
  sourceHttp,
  filter,
  select,
  cast,
  derive,
  sort,
  limit,
  distinct,
  join,
  union,
  aggregate,
  pivot,
  unpivot,
  windowFunctions,
  fillNulls,
  customSql,
  mlScore,
  qualityChecks,
  sinkCsv,
  sinkJson,
  sinkParquet,
  sinkDelta,
  sinkExcel,
  sinkReport,
  sinkSqlite,
  sinkPostgres,
  sinkMysql,
  sinkClickhouse,
  mlTrain,
];

export const catalog: ReadonlyMap<string, NodeType> = new Map(nodeTypes.map((t) => [t.type, t]));
