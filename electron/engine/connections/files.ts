import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import {
  connectionEnvNames,
  type ConnectionDefinition,
  type ConnectionsFile,
} from '../../../shared/connections/connection';
import { ConnectorError } from '../external/types';
import { CONNECTIONS_FILE_NAME, connectionLookup, readConnectionsFile, userConnectionsFile } from './lookup';
import type { ConnectionLookup } from './resolved';
import { said } from '../../../shared/messages/diagnostic-messages';

/**
 * The connections a headless run sees. With `--connections FILE`, that file
 * alone. Otherwise the user's connections file, and `duto.connections.json`
 * beside the pipeline, which came with the pipeline and so is trusted less:
 * it may add connections, never redefine one of the user's, and the
 * environment's secrets (DUTO_CONN_<NAME>_PASSWORD / _URL) pair only with
 * the user's own definitions — a shipped file must not choose the host a
 * password is sent to. Files are read only when a node asks for a
 * connection, so a pipeline without database nodes never depends on them.
 */
export function headlessConnections(
  pipelineFile: string,
  explicit: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): ConnectionLookup {
  let lookup: ConnectionLookup | undefined;
  const load = (): ConnectionLookup => {
    if (explicit !== undefined) return connectionLookup([readConnectionsFile(resolve(explicit))], env);
    const userPath = userConnectionsFile(env);
    const besidePath = join(dirname(resolve(pipelineFile)), CONNECTIONS_FILE_NAME);
    const read = (path: string): Located | undefined =>
      existsSync(path) ? { path, file: readConnectionsFile(path) } : undefined;
    return layeredConnections(
      read(userPath) ?? { path: userPath, file: undefined },
      besidePath === userPath ? undefined : read(besidePath),
      env,
    );
  };
  return {
    resolve(name) {
      lookup ??= load();
      return lookup.resolve(name);
    },
  };
}

interface Located {
  path: string;
  /** Undefined: there is no such file (its path still goes in messages). */
  file: ConnectionsFile | undefined;
}

/** The user's connections first; the pipeline's own file only adds, and never with the environment's secrets. */
export function layeredConnections(
  user: Located,
  beside: Located | undefined,
  env: Readonly<Record<string, string | undefined>>,
): ConnectionLookup {
  const mine = connectionLookup(user.file === undefined ? [] : [user.file], env);
  // No environment: its secrets are the user's, for the user's definitions.
  const theirs = beside?.file === undefined ? undefined : connectionLookup([beside.file], {});
  return {
    resolve(name) {
      const shipped = definitionIn(beside?.file, name);
      if (beside === undefined || theirs === undefined || shipped === undefined) return mine.resolve(name);
      const own = definitionIn(user.file, name);
      if (own !== undefined) {
        if (canonical(own) !== canonical(shipped)) {
          throw new ConnectorError(said('connection.redefined', { name, yours: user.path, theirs: beside.path }), {
            param: 'connection',
          });
        }
        return mine.resolve(name);
      }
      const vars = connectionEnvNames(name);
      const set = [vars.password, vars.url].filter((v) => (env[v] ?? '') !== '');
      if (set.length > 0) {
        const what = { name, theirs: beside.path, variables: set.join(' and '), yours: user.path };
        throw new ConnectorError(
          set.length > 1 ? said('connection.not-yours/many', what) : said('connection.not-yours', what),
          { param: 'connection' },
        );
      }
      return theirs.resolve(name);
    },
  };
}

function definitionIn(file: ConnectionsFile | undefined, name: string): ConnectionDefinition | undefined {
  return file !== undefined && Object.hasOwn(file.connections, name) ? file.connections[name] : undefined;
}

/** A definition as text with its keys in order: the same definition written twice is no redefinition. */
function canonical(d: ConnectionDefinition): string {
  return JSON.stringify(d, [...new Set([...Object.keys(d), ...Object.keys(d.options ?? {})])].sort());
}
