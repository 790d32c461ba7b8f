import type { NodeType } from './node-type';
import { aggregate } from './aggregate';
import { cast } from './cast';
import { customSql } from './custom-sql';
import { derive } from './derive';
import { distinct } from './distinct';
import { fillNulls } from './fill-nulls';
import { filter } from './filter';
import { join } from './join';
import { limit } from './limit';
import { pivot } from './pivot';
import { qualityChecks } from './quality-checks';
import { select } from './select';
import { sinkCsv } from './sink-csv';
import { sinkExcel } from './sink-excel';
import { sinkJson } from './sink-json';
import { sinkMysql } from './sink-mysql';
import { sinkParquet } from './sink-parquet';
import { sinkPostgres } from './sink-postgres';
import { sinkSqlite } from './sink-sqlite';
import { sort } from './sort';
import { sourceCsv } from './source-csv';
import { sourceExcel } from './source-excel';
import { sourceHttp } from './source-http';
import { sourceJson } from './source-json';
import { sourceMysql } from './source-mysql';
import { sourceParquet } from './source-parquet';
import { sourcePostgres } from './source-postgres';
import { sourceSqlite } from './source-sqlite';
import { union } from './union';
import { unpivot } from './unpivot';
import { windowFunctions } from './window';

/** Every node type of this build, in palette order: sources, transforms, sinks. */
export const nodeTypes: readonly NodeType[] = [
  sourceCsv,
  sourceJson,
  sourceParquet,
  sourceExcel,
  sourceSqlite,
  sourcePostgres,
  sourceMysql,
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
  qualityChecks,
  sinkCsv,
  sinkJson,
  sinkParquet,
  sinkExcel,
  sinkSqlite,
  sinkPostgres,
  sinkMysql,
];

export const catalog: ReadonlyMap<string, NodeType> = new Map(nodeTypes.map((t) => [t.type, t]));
