import type { z } from 'zod';
import { FILTER_OPS, type DbRead, type DbSourceConfig } from '../external/database';
import type { CompileContext, Compiled, ExternalSourceSpec, NodeIssue } from './node-type';
import { p } from './params';
import { splitQualified } from './qualified-table';

/**
 * What the database sources (PostgreSQL, MySQL/MariaDB, SQLite) share: read a
 * table — some columns, filtered in the database — or a query, optionally
 * incrementally. They compile to an external source their connector reads
 * into DuckDB; nothing here talks to a database.
 */

const tableOnly = { param: 'mode', equals: ['table'] };

export function dbReadParams() {
  return {
    mode: p.enum({
      label: 'Read',
      values: ['table', 'query'],
      labels: { table: 'A table', query: 'A query' },
      default: 'table',
    }),
    table: p.string({ label: 'Table', showIf: tableOnly, placeholder: 'orders' }),
    columns: p.strings({
      label: 'Columns',
      description: 'Columns to read, in this order. Empty reads every column.',
      showIf: tableOnly,
    }),
    filters: p.list({
      label: 'Filters',
      itemLabel: 'filter',
      description: 'Conditions the database applies before sending rows. Values are sent as parameters, never as SQL.',
      showIf: tableOnly,
      fields: {
        column: p.requiredString({ label: 'Column' }),
        op: p.enum({ label: 'Operator', values: FILTER_OPS, default: '=' }),
        value: p.string({ label: 'Value' }),
      },
    }),
    where: p.text({
      label: "Condition in the database's SQL",
      description: 'Added to the filters with AND. Runs read-only, as part of one statement.',
      showIf: tableOnly,
      advanced: true,
    }),
    query: p.text({
      label: "Query in the database's SQL",
      description: 'One SELECT, run read-only by the database.',
      showIf: { param: 'mode', equals: ['query'] },
    }),
    incremental: p.enum({
      label: 'Read incrementally',
      values: ['off', 'timestamp', 'id'],
      labels: {
        off: 'No: every row',
        timestamp: 'Rows newer than last run (timestamp column)',
        id: 'Rows after last run (increasing id column)',
      },
      default: 'off',
      description:
        'Reads only rows whose column is above the highest value of the last successful run. With an append or upsert sink this makes an incremental load.',
    }),
    incrementalColumn: p.string({
      label: 'Watermark column',
      showIf: { param: 'incremental', equals: ['timestamp', 'id'] },
      placeholder: 'updated_at',
    }),
  };
}

/** The read params of a database source, as its schema validates them (`schema` only where the database has schemas). */
export type DbReadParams = z.output<z.ZodObject<ReturnType<typeof dbReadParams>>> & { schema?: string };

export interface DbSourceTarget {
  kind: string;
  /** A named connection (server databases). */
  connection?: string;
  /** The database file (SQLite), already absolute. */
  path?: string;
}

export function compileDbSource(ctx: CompileContext<DbReadParams>, target: DbSourceTarget): Compiled {
  const o = ctx.params;
  const issues: NodeIssue[] = [];
  let read: DbRead;
  if (o.mode === 'table') {
    if (o.table.trim() === '') issues.push({ param: 'table', message: 'name the table to read' });
    read = {
      mode: 'table',
      ...splitQualified(o.schema, o.table),
      columns: o.columns,
      filters: o.filters,
      where: o.where.trim(),
    };
  } else {
    if (o.query.trim() === '') issues.push({ param: 'query', message: 'a query is required' });
    // A trailing `;` is habit, not a second statement.
    read = { mode: 'query', query: o.query.trim().replace(/;\s*$/, '') };
  }
  if (o.incremental !== 'off' && o.incrementalColumn.trim() === '') {
    issues.push({
      param: 'incrementalColumn',
      message: 'name the column whose highest value is remembered between runs',
    });
  }
  if (issues.length > 0) return { issues };
  const config: DbSourceConfig = { read, path: target.path ?? '' };
  const where = target.connection ?? target.path ?? '';
  const what = read.mode === 'table' ? `${read.schema === '' ? '' : `${read.schema}.`}${read.table}` : 'query';
  const spec: ExternalSourceSpec = {
    kind: target.kind,
    config,
    param: o.mode === 'table' ? 'table' : 'query',
    describe: `${where}: ${what}`,
    ...(target.connection === undefined ? {} : { connection: { name: target.connection, param: 'connection' } }),
    ...(o.incremental === 'off'
      ? {}
      : { incremental: { column: o.incrementalColumn.trim(), kind: o.incremental, param: 'incrementalColumn' } }),
  };
  return {
    externalSource: spec,
    ...(target.path === undefined ? {} : { reads: [{ path: target.path, kind: 'file' as const }] }),
  };
}
