import { EXIT, type ExitCode } from '../exit';
import { formatColumns, printJson } from '../format';
import type { Io } from '../io';
import { openSession } from '../session';
import { requireNode, type SessionOpts } from '../pipeline-options';

export interface SchemaOpts extends SessionOpts {
  json?: boolean;
}

/** `duto schema FILE NODE`: the node's output columns, without running anything. */
export async function schemaCommand(file: string, nodeId: string, opts: SchemaOpts, io: Io): Promise<ExitCode> {
  const session = await openSession(file, opts);
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
