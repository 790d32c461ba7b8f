import type { ExternalSinkSpec, ExternalSourceSpec } from '../../../shared/catalog/node-type';
import { DB_SINK_CONFIG, DB_SOURCE_CONFIG } from '../../../shared/external/database';

/**
 * ELT (issue #15): whether a database sink may write the rows of the source
 * above it on its own server, and the SELECT it then runs. Only the pushdown
 * planner's sources are offered (RunOptions.serverLoads), and only one on
 * the very connection the sink writes to, into that connection's own
 * database (a MySQL sink naming another database stays streamed): the
 * planner's SELECT then runs inside the sink's write transaction instead of
 * a read-only one.
 */

const SERVER_KINDS: ReadonlySet<string> = new Set(['postgres', 'mysql']);

/** The source's SELECT when the sink can write it server-side, else undefined (the rows stream as usual). */
export function serverSelectOf(source: ExternalSourceSpec, sink: ExternalSinkSpec): string | undefined {
  if (!SERVER_KINDS.has(sink.kind) || source.kind !== sink.kind || source.incremental !== undefined) return undefined;
  if (source.connection === undefined || source.connection.name !== sink.connection?.name) return undefined;
  if (sink.inputs !== undefined && sink.inputs.length > 1) return undefined;
  const read = DB_SOURCE_CONFIG.safeParse(source.config);
  const write = DB_SINK_CONFIG.safeParse(sink.config);
  if (!read.success || !write.success || read.data.read.mode !== 'query') return undefined;
  // In MySQL a schema is a database: only the connection's own one takes writes from its pushed reads.
  if (sink.kind === 'mysql' && write.data.schema !== '') return undefined;
  return read.data.read.query;
}
