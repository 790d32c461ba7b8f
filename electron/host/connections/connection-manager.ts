import { fileIdentity } from '../../engine/files/file-identity';
import {
  CONNECTIONS_FORMAT,
  connectionEnvNames,
  type ConnectionDefinition,
  type ConnectionsFile,
} from '../../../shared/connections/connection';
import type { PipelineDocument } from '../../../shared/format/document';
import type { ConnectionEntry } from '../../../shared/ipc/connection-ops';
import type { ParsedRequest, Response } from '../../../shared/ipc/contract';
import { connectionLookup } from '../../engine/connections/lookup';
import type { ConnectionLookup, ResolvedConnection } from '../../engine/connections/resolved';
import { ConnectorError } from '../../engine/external/types';
import type { Handlers } from '../dispatch';
import { hostError } from '../host-error';
import { createConnectionsFileStore } from './connections-file';
import { probeConnection } from './probe-connection';
import type { SecretStore, StoredPasswords } from './secret-store';
import { appConnectionLookup, connectionNamesIn, withPassword } from './session-lookup';
import { said } from '../../../shared/messages/diagnostic-messages';

/**
 * The `connections.*` operations — list, save, delete, test, storage status —
 * and what engine sessions need of connections: a lookup per session, and
 * a stamp that changes whenever what that lookup resolves to may have.
 */

export type ConnectionOperation =
  'connections.list' | 'connections.save' | 'connections.delete' | 'connections.test' | 'connections.storage';

export interface ConnectionManagerOptions {
  /** The user's connections file (userConnectionsFile()). */
  file: string;
  env: Readonly<Record<string, string | undefined>>;
  secrets: SecretStore;
}

export interface ConnectionManager {
  handlers: Pick<Handlers, ConnectionOperation>;
  /** The lookup a session of this document gets, holding the stored passwords of the connections it names, and no others. */
  lookupFor(doc: PipelineDocument, params: Readonly<Record<string, string>>): Promise<ConnectionLookup>;
  /** Part of a session's cache key: empty for a document naming no connection. */
  sessionStamp(doc: PipelineDocument, params: Readonly<Record<string, string>>): string;
}

export function createConnectionManager(options: ConnectionManagerOptions): ConnectionManager {
  const { env, secrets } = options;
  const files = createConnectionsFileStore(options.file);
  // Bumped on every change made here; the file's own stamp catches edits made elsewhere.
  let revision = 0;

  const entryOf = (name: string, definition: ConnectionDefinition, stored: ReadonlySet<string>): ConnectionEntry => {
    const vars = connectionEnvNames(name);
    return {
      name,
      definition,
      hasPassword: stored.has(name),
      environment: [vars.password, vars.url].filter((v) => (env[v] ?? '') !== ''),
    };
  };

  const save = async (req: ParsedRequest<'connections.save'>): Promise<Response<'connections.save'>> => {
    const { name, previousName, definition, password } = req;
    const existing = files.read().connections;
    if (previousName === undefined && Object.hasOwn(existing, name))
      throw hostError(said('connections.exists', { name }));
    if (previousName !== undefined && !Object.hasOwn(existing, previousName))
      throw hostError(said('connections.not-found', { name: previousName }));
    const renaming = previousName !== undefined && previousName !== name;
    if (renaming && Object.hasOwn(existing, name)) throw hostError(said('connections.exists', { name }));
    const storage = await secrets.status();
    if (password.action === 'set') {
      if (storage.mode === 'unavailable') {
        throw hostError(
          said('connections.no-secret-storage', {
            backend: storage.backend,
            variable: connectionEnvNames(name).password,
          }),
        );
      }
      // Nothing is written before the user agreed: saving again with consent does it all.
      if (storage.mode === 'plain-text' && !req.allowPlainTextStorage)
        return { status: 'needs-plain-text-consent', storage };
      if ((await secrets.set(name, password.value, req.allowPlainTextStorage)) === 'needs-consent')
        return { status: 'needs-plain-text-consent', storage };
    }
    try {
      await files.update((f) => ({
        ...f,
        connections: replaced(f.connections, previousName ?? name, name, definition),
      }));
    } catch (e) {
      if (password.action === 'set' && previousName === undefined) await secrets.delete(name).catch(() => undefined);
      throw e;
    }
    if (renaming) {
      if (password.action === 'keep') {
        const old = (await secrets.get([previousName])).passwords.get(previousName);
        // It was stored this way already, with the user's consent where that was needed.
        if (old !== undefined) await secrets.set(name, old, true);
      }
      await secrets.delete(previousName);
    }
    // A new connection starts without a password, even if an old one of that name left one behind.
    if (password.action === 'clear' || (password.action === 'keep' && previousName === undefined))
      await secrets.delete(name);
    revision++;
    return { status: 'saved', connection: entryOf(name, definition, new Set(await secrets.names())), storage };
  };

  /** The connection to test: the form's values with the form's password, or the saved one as a pipeline gets it. */
  const toTest = async (req: ParsedRequest<'connections.test'>): Promise<ResolvedConnection> => {
    const { name, definition, password } = req;
    if (definition === undefined) return appConnectionLookup(files, env, await secrets.get([name])).resolve(name);
    const base = connectionLookup(
      [{ format: CONNECTIONS_FORMAT, version: 1, connections: { [name]: definition } }],
      env,
    ).resolve(name);
    if (password.action === 'set') return withPassword(base, password.value);
    if (password.action === 'clear') return base;
    const owner = req.previousName ?? name;
    return withPassword(base, (await secrets.get([owner])).passwords.get(owner));
  };

  const handlers: Pick<Handlers, ConnectionOperation> = {
    'connections.list': async () => {
      const { connections } = files.read();
      const stored = new Set(await secrets.names());
      return {
        file: files.path,
        storage: await secrets.status(),
        connections: Object.entries(connections).map(([name, definition]) => entryOf(name, definition, stored)),
      };
    },
    'connections.save': save,
    'connections.delete': async ({ name }) => {
      const existed = Object.hasOwn(files.read().connections, name);
      if (existed)
        await files.update((f) => ({
          ...f,
          connections: Object.fromEntries(Object.entries(f.connections).filter(([n]) => n !== name)),
        }));
      await secrets.delete(name);
      revision++;
      return { deleted: existed };
    },
    'connections.test': async (req) => {
      let connection: ResolvedConnection;
      try {
        connection = await toTest(req);
      } catch (e) {
        if (e instanceof ConnectorError) return { ok: false, code: e.code, message: e.message, elapsedMs: 0 };
        throw e;
      }
      return probeConnection(connection);
    },
    'connections.storage': () => secrets.status(),
  };

  return {
    handlers,
    async lookupFor(doc, params) {
      const names = connectionNamesIn(doc, params);
      let stored: StoredPasswords = { passwords: new Map(), unreadable: [] };
      try {
        if (names.length > 0) stored = await secrets.get(names);
      } catch (e) {
        // A failing store (damaged vault file…) is reported on the nodes that need it, not as a failed check.
        stored = { passwords: new Map(), unreadable: names, reason: e instanceof Error ? e.message : String(e) };
      }
      return appConnectionLookup(files, env, stored);
    },
    sessionStamp(doc, params) {
      return connectionNamesIn(doc, params).length === 0 ? '' : `${String(revision)}:${fileStamp(files.path)}`;
    },
  };
}

/** The connections with `from` replaced by `to` in place (the file's order stays), or `to` appended. */
function replaced(
  connections: ConnectionsFile['connections'],
  from: string,
  to: string,
  definition: ConnectionDefinition,
): ConnectionsFile['connections'] {
  const entries = Object.entries(connections);
  if (!entries.some(([n]) => n === from)) return { ...connections, [to]: definition };
  return Object.fromEntries(entries.map(([n, d]) => (n === from ? [to, definition] : [n, d])));
}

function fileStamp(path: string): string {
  return fileIdentity(path) ?? 'none';
}
