import type { z } from 'zod';
import { SINK_MODES, type DbSinkConfig } from '../external/database';
import type { CompileContext, Compiled, ExternalSinkSpec, OneInput } from './node-type';
import { p } from './params';
import { splitQualified } from './qualified-table';

/**
 * What the database sinks share: a target table, a write mode and, for
 * upserts, the key columns. Every write is all or nothing (one transaction;
 * a replace loads a staging table and swaps it in).
 */

export function dbSinkParams() {
  return {
    table: p.requiredString({ label: 'Table' }),
    mode: p.enum({
      label: 'Write mode',
      values: SINK_MODES,
      labels: {
        create: 'Create the table (fail if it exists)',
        replace: 'Replace the table',
        append: 'Append rows (create the table if missing)',
        upsert: 'Upsert on key columns (insert or update)',
      },
      default: 'replace',
    }),
    keyColumns: p.columns({
      label: 'Key columns',
      description: 'A primary or unique key of the target: rows with the same key are updated.',
      showIf: { param: 'mode', equals: ['upsert'] },
    }),
  };
}

/** A database sink's params, as its schema validates them (`schema` only where the database has schemas). */
export type DbSinkParams = z.output<z.ZodObject<ReturnType<typeof dbSinkParams>>> & { schema?: string };

export function compileDbSink(
  ctx: CompileContext<DbSinkParams, OneInput>,
  target: { kind: string; connection?: string; path?: string; allowNonAtomic?: boolean },
): Compiled {
  const o = ctx.params;
  const input = ctx.inputs.in[0];
  if (o.mode === 'upsert' && o.keyColumns.length === 0)
    return { issues: [{ param: 'keyColumns', message: 'an upsert needs the key columns that identify a row' }] };
  const config: DbSinkConfig = {
    ...splitQualified(o.schema, o.table),
    mode: o.mode,
    keyColumns: o.mode === 'upsert' ? o.keyColumns : [],
    path: target.path ?? '',
    ...(target.allowNonAtomic === true ? { allowNonAtomic: true } : {}),
  };
  const spec: ExternalSinkSpec = {
    kind: target.kind,
    config,
    input: input.sql,
    param: 'table',
    describe: `${target.connection ?? target.path ?? ''}: ${config.schema === '' ? '' : `${config.schema}.`}${config.table}`,
    ...(target.connection === undefined ? {} : { connection: { name: target.connection, param: 'connection' } }),
    ...(target.path === undefined ? {} : { file: target.path }),
  };
  return { externalSink: spec };
}
