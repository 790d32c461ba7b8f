import { EXIT, type ExitCode } from '../exit';
import { formatColumns, printJson } from '../format';
import type { Io } from '../io';
import { openSession, requireNode } from '../session';

export interface SchemaOpts {
  /** A connections file to use instead of the usual ones. */
  connections?: string;
  param?: Record<string, string>;
  json?: boolean;
}

/** `duto schema FILE NODE`: the node's output columns, without running anything. */
export async function schemaCommand(file: string, nodeId: string, opts: SchemaOpts, io: Io): Promise<ExitCode> {
  const session = await openSession(file, opts.param ?? {}, opts.connections);
  try {
    requireNode(session.document, nodeId);
    const r = await session.schema(nodeId);
    if (opts.json === true) printJson(io, { nodeId: r.nodeId, columns: r.columns });
    else io.out(formatColumns(r.columns));
    return EXIT.ok;
  } finally {
    session.close();
  }
}
