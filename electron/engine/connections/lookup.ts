import { homedir } from 'node:os';
import { join } from 'node:path';
import {
  connectionEnvNames,
  connectionsFileSchema,
  describeConnection,
  type ConnectionDefinition,
  type ConnectionKind,
  type ConnectionsFile,
} from '../../../shared/connections/connection';
import { DutoError, error } from '../../../shared/diagnostics';
import { findJsonError } from '../../../shared/format/json-error';
import { ConnectorError } from '../external/types';
import { NotReadable, readRegularTextSync } from '../files/read-regular';
import type { ConnectionLookup, ResolvedConnection } from './resolved';
import { said } from '../../../shared/messages/diagnostic-messages';

/**
 * Headless connections: definitions from connections files, secrets from
 * the environment (`DUTO_CONN_<NAME>_PASSWORD`, or a whole
 * `DUTO_CONN_<NAME>_URL` such as postgres://etl:pw@db:5432/sales, which also
 * defines a connection that no file has).
 */

export const CONNECTIONS_FILE_NAME = 'duto.connections.json';

/** The user's own connections file: `$XDG_CONFIG_HOME/duto/connections.json` (or %APPDATA%\duto on Windows). */
export function userConnectionsFile(env: NodeJS.ProcessEnv = process.env): string {
  const base =
    process.platform === 'win32'
      ? (env['APPDATA'] ?? join(homedir(), 'AppData', 'Roaming'))
      : (env['XDG_CONFIG_HOME'] ?? join(homedir(), '.config'));
  return join(base, 'duto', 'connections.json');
}

/** Reads and validates a connections file; problems name the file and the path inside it. */
export function readConnectionsFile(path: string): ConnectionsFile {
  let text: string;
  try {
    text = readRegularTextSync(path);
  } catch (e) {
    const code = e instanceof Error && 'code' in e ? String(e.code) : '';
    throw new DutoError([
      code === 'ENOENT'
        ? error('connections.read/none', { file: path }, { file: path })
        : error(
            'connections.read',
            { file: path, detail: e instanceof NotReadable ? e.message : code || String(e) },
            { file: path },
          ),
    ]);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    const at = findJsonError(text);
    const line = at === undefined ? undefined : text.slice(0, at.offset).split('\n').length;
    const why = at?.message ?? (e instanceof Error ? e.message : String(e));
    throw new DutoError([
      error('connections.syntax', { file: path, detail: why }, { file: path, ...(line === undefined ? {} : { line }) }),
    ]);
  }
  const parsed = connectionsFileSchema.safeParse(value);
  if (!parsed.success) {
    throw new DutoError(
      parsed.error.issues.map((i) => {
        const at = i.path.map(String).join('.');
        const password = i.code === 'unrecognized_keys' && i.keys.some((k) => /pass|secret|token/i.test(k));
        const where = { file: path };
        if (password)
          return at === ''
            ? error('connections.invalid/password', { detail: i.message, variable: envHint(i.path) }, where)
            : error('connections.invalid/password-at', { at, detail: i.message, variable: envHint(i.path) }, where);
        return at === ''
          ? error('connections.invalid', { detail: i.message }, where)
          : error('connections.invalid/at', { at, detail: i.message }, where);
      }),
    );
  }
  return parsed.data;
}

function envHint(path: readonly PropertyKey[]): string {
  const name = typeof path[1] === 'string' ? path[1] : 'name';
  return `${connectionEnvNames(name).password} in the environment`;
}

interface UrlParts {
  kind: ConnectionKind;
  host: string | undefined;
  port: number | undefined;
  database: string | undefined;
  user: string | undefined;
  password: string | undefined;
}

const SCHEMES: Readonly<Record<string, ConnectionKind>> = {
  'postgres:': 'postgres',
  'postgresql:': 'postgres',
  'mysql:': 'mysql',
  'mariadb:': 'mysql',
  'clickhouse:': 'clickhouse',
};

function parseUrl(name: string, raw: string, variable: string): UrlParts {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new ConnectorError(said('connection.url', { name, variable }), { param: 'connection' });
  }
  const kind = SCHEMES[u.protocol];
  if (kind === undefined)
    throw new ConnectorError(said('connection.url/scheme', { name, variable, scheme: u.protocol }), {
      param: 'connection',
    });
  const db = decodeURIComponent(u.pathname.replace(/^\//, ''));
  return {
    kind,
    host: u.hostname === '' ? undefined : u.hostname.replace(/^\[|\]$/g, ''),
    port: u.port === '' ? undefined : Number(u.port),
    database: db === '' ? undefined : db,
    user: u.username === '' ? undefined : decodeURIComponent(u.username),
    password: u.password === '' ? undefined : decodeURIComponent(u.password),
  };
}

/**
 * Connections from files (later files win for the same name) and an
 * environment. Names are resolved only when a node asks, so a pipeline
 * reaches only the connections it names.
 */
export function connectionLookup(
  files: readonly ConnectionsFile[],
  env: Readonly<Record<string, string | undefined>>,
  options: {
    /** Passwords kept by the app (the OS keychain); an environment variable wins over them. */
    stored?: (name: string) => string | undefined;
    /** Where to define a connection, for the message about an unknown one (the app says: its Connections dialog). */
    defineIn?: string;
  } = {},
): ConnectionLookup {
  const stored = options.stored ?? (() => undefined);
  const defineIn =
    options.defineIn ?? `your connections file (${userConnectionsFile(env)}, or one given with --connections FILE)`;
  const defined = new Map<string, ConnectionDefinition>();
  for (const f of files) for (const [name, def] of Object.entries(f.connections)) defined.set(name, def);
  return {
    resolve(name) {
      const vars = connectionEnvNames(name);
      const url = env[vars.url];
      const password = env[vars.password];
      const def = defined.get(name);
      const fromUrl = url === undefined || url === '' ? undefined : parseUrl(name, url, vars.url);
      if (def === undefined && fromUrl === undefined) {
        throw new ConnectorError(said('connection.unknown', { name, file: defineIn, variable: vars.url }), {
          param: 'connection',
        });
      }
      if (def !== undefined && fromUrl !== undefined && def.kind !== fromUrl.kind) {
        throw new ConnectorError(
          said('connection.url/kind', { name, kind: def.kind, variable: vars.url, urlKind: fromUrl.kind }),
          { param: 'connection' },
        );
      }
      const kind = fromUrl?.kind ?? def?.kind ?? 'postgres';
      const resolved = {
        kind,
        host: fromUrl?.host ?? def?.host,
        port: fromUrl?.port ?? def?.port,
        database: fromUrl?.database ?? def?.database,
        user: fromUrl?.user ?? def?.user,
      };
      const pw = password !== undefined && password !== '' ? password : (fromUrl?.password ?? stored(name));
      const secrets = [pw, url].filter((s): s is string => s !== undefined && s !== '');
      const out: ResolvedConnection = {
        name,
        ...resolved,
        password: pw,
        options: def?.options ?? {},
        secrets,
        label: `connection "${name}" (${describeConnection(resolved)})`,
      };
      return out;
    },
  };
}
