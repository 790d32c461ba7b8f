import { catalog } from '../../../shared/catalog';
import { paramMeta } from '../../../shared/catalog/params';
import { CONNECTION_NAME_PATTERN, type ConnectionsFile } from '../../../shared/connections/connection';
import { substitute } from '../../../shared/compiler/substitute';
import type { PipelineDocument } from '../../../shared/format/document';
import { paramValues } from '../../../shared/format/param-values';
import { connectionLookup } from '../../engine/connections/lookup';
import type { ConnectionLookup, ResolvedConnection } from '../../engine/connections/resolved';
import { ConnectorError } from '../../engine/external/types';
import { DutoError } from '../../../shared/diagnostics';
import { said } from '../../../shared/messages/diagnostic-messages';
import { ConnectionsFileError } from './connections-file';
import type { StoredPasswords } from './secret-store';

/**
 * The app's named connections, as an engine session sees them: the
 * definition from the user's connections file (the CLI's file too), the
 * password stored by the manager, else the environment
 * (DUTO_CONN_<NAME>_PASSWORD / _URL) — so a pipeline naming "warehouse" runs
 * in the app with the keychain's password and in the CLI with the variable.
 * Only the user's file is read: a connections file beside a pipeline (which
 * the CLI honours) could otherwise point a stored password at another server.
 */
export function appConnectionLookup(
  file: { path: string; read: () => ConnectionsFile },
  env: Readonly<Record<string, string | undefined>>,
  stored: StoredPasswords,
): ConnectionLookup {
  let base: ConnectionLookup | undefined;
  // The file is read when a node first asks, so a pipeline without connections never depends on it.
  const fileLookup = (): ConnectionLookup => {
    if (base !== undefined) return base;
    try {
      base = connectionLookup([file.read()], env, { defineIn: `the Connections dialog (it writes ${file.path})` });
    } catch (e) {
      // Every problem of the file, and what to do, each in its template; blamed on the node's connection.
      if (e instanceof ConnectionsFileError)
        throw new DutoError(e.diagnostics.map((d) => ({ ...d, param: 'connection' })));
      throw e;
    }
    return base;
  };
  return {
    resolve(name) {
      if (stored.unreadable.includes(name)) {
        // The keychain's own reason when it gave one, else the likely one.
        throw new ConnectorError(
          stored.reason === undefined
            ? said('connection.secret-unreadable/keychain', { name })
            : said('connection.secret-unreadable', { name, detail: stored.reason }),
          { param: 'connection' },
        );
      }
      return withPassword(fileLookup().resolve(name), stored.passwords.get(name));
    },
  };
}

/** A stored password wins over the environment's: it is the one the user manages in the app. */
export function withPassword(c: ResolvedConnection, password: string | undefined): ResolvedConnection {
  if (password === undefined) return c;
  return { ...c, password, passwordSource: 'stored', secrets: [...c.secrets, password] };
}

/**
 * The connections a document's nodes name (params marked as connection
 * pickers, `${param}`s substituted): the only passwords its session is given.
 */
export function connectionNamesIn(doc: PipelineDocument, params: Readonly<Record<string, string>>): string[] {
  const values = paramValues(doc, params);
  const names = new Set<string>();
  for (const node of doc.nodes) {
    const type = catalog.get(node.type);
    if (type === undefined) continue;
    for (const [param, schema] of Object.entries(type.params)) {
      const meta = paramMeta(schema);
      const raw = node.params?.[param];
      if (meta?.kind !== 'string' || meta.connection === undefined || typeof raw !== 'string') continue;
      const value = substitute(raw, values).value;
      if (typeof value === 'string' && CONNECTION_NAME_PATTERN.test(value)) names.add(value);
    }
  }
  return [...names].sort();
}
