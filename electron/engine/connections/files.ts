import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { ConnectionsFile } from '../../../shared/connections/connection';
import { CONNECTIONS_FILE_NAME, connectionLookup, readConnectionsFile, userConnectionsFile } from './lookup';
import type { ConnectionLookup } from './resolved';

/**
 * The connections a headless run sees: with `--connections FILE`, that file
 * alone; otherwise the user's connections file, then `duto.connections.json`
 * beside the pipeline (which wins for a name both define). Secrets come from
 * the environment. Files are read only when a node asks for a connection, so
 * a pipeline without database nodes never depends on them.
 */
export function headlessConnections(pipelineFile: string, explicit: string | undefined, env: NodeJS.ProcessEnv = process.env): ConnectionLookup {
  let lookup: ConnectionLookup | undefined;
  const load = (): ConnectionLookup => {
    const paths = explicit !== undefined ? [resolve(explicit)] : [userConnectionsFile(env), join(dirname(resolve(pipelineFile)), CONNECTIONS_FILE_NAME)].filter((p) => existsSync(p));
    const files: ConnectionsFile[] = paths.map(readConnectionsFile);
    return connectionLookup(files, env);
  };
  return {
    resolve(name) {
      lookup ??= load();
      return lookup.resolve(name);
    },
  };
}
