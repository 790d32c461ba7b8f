import {
  canonicalSecretName,
  SECRET_NAME_PATTERN,
  secretEnvName,
  secretOfStoreKey,
  secretStoreKey,
} from '../../../shared/connections/secret-names';
import type { PipelineDocument } from '../../../shared/format/document';
import type { SecretEntry } from '../../../shared/ipc/secret-ops';
import type { ParsedRequest, Response } from '../../../shared/ipc/contract';
import { paramValues } from '../../../shared/format/param-values';
import { secretNames } from '../../engine/connectors/http/secret-refs';
import { environmentAnswer, type SecretLookup } from '../../engine/external/secret-lookup';
import { normalizeOrigin } from '../../../shared/connections/secret-origins';
import type { Handlers } from '../dispatch';
import { hostError } from '../host-error';
import type { SecretStore, StoredPasswords } from './secret-store';
import { said } from '../../../shared/messages/diagnostic-messages';

/**
 * The `secrets.*` operations — list, save, delete — over named secrets, the
 * values of `${secret:NAME}` references, kept in the same store as
 * connection passwords (key `secret.<NAME>`); and what engine sessions need
 * of them: a lookup holding only the secrets the document references, the
 * stored value first, else DUTO_SECRET_<NAME> (so the same pipeline runs in
 * the app and, with the variable, headless).
 */

export type SecretOperation = 'secrets.list' | 'secrets.save' | 'secrets.delete';

export interface SecretManagerOptions {
  env: Readonly<Record<string, string | undefined>>;
  secrets: SecretStore;
}

export interface SecretManager {
  handlers: Pick<Handlers, SecretOperation>;
  lookupFor(doc: PipelineDocument, params: Readonly<Record<string, string>>): Promise<SecretLookup>;
  /** Part of a session's cache key: empty for a document referencing no secret. */
  sessionStamp(doc: PipelineDocument, params: Readonly<Record<string, string>>): string;
}

const ENV_PREFIX = 'DUTO_SECRET_';
const ORIGINS_SUFFIX = '_ORIGINS';

export function createSecretManager(options: SecretManagerOptions): SecretManager {
  const { env, secrets: store } = options;
  let revision = 0;

  const envOf = (name: string): string | null => ((env[secretEnvName(name)] ?? '') === '' ? null : secretEnvName(name));
  /** Where the value the app would use may go: the stored one's origins, else the environment's rule. */
  const originsOf = (name: string, stored: readonly string[] | undefined, isStored: boolean): string[] | null => {
    if (isStored) return [...(stored ?? [])];
    const answer = envOf(name) === null ? undefined : environmentAnswer(name, env[secretEnvName(name)] ?? '', env);
    return answer === undefined || 'problem' in answer ? [] : answer.origins === 'any' ? null : [...answer.origins];
  };
  const entryOf = (name: string, stored: boolean, origins: readonly string[] | undefined): SecretEntry => ({
    name,
    stored,
    environment: envOf(name),
    origins: originsOf(name, origins, stored),
  });
  const storedNames = async (): Promise<string[]> => (await store.names()).flatMap((k) => secretOfStoreKey(k) ?? []);

  const save = async (req: ParsedRequest<'secrets.save'>): Promise<Response<'secrets.save'>> => {
    const origins = checkedOrigins(req.origins);
    const key = secretStoreKey(req.name);
    const storage = await store.status();
    if (req.value === undefined) {
      // Only where it may be sent changes: the stored value stays as it is.
      if (!(await store.setOrigins(key, origins))) throw hostError(said('secrets.not-found', { name: req.name }));
      revision++;
      return { status: 'saved', secret: entryOf(req.name, true, origins), storage };
    }
    if (storage.mode === 'unavailable')
      throw hostError(said('secrets.no-storage', { backend: storage.backend, variable: secretEnvName(req.name) }));
    // Nothing is written before the user agreed: saving again with consent does it.
    if (storage.mode === 'plain-text' && !req.allowPlainTextStorage)
      return { status: 'needs-plain-text-consent', storage };
    if ((await store.set(key, req.value, req.allowPlainTextStorage, origins)) === 'needs-consent')
      return { status: 'needs-plain-text-consent', storage };
    revision++;
    return { status: 'saved', secret: entryOf(req.name, true, origins), storage };
  };

  const handlers: Pick<Handlers, SecretOperation> = {
    'secrets.list': async () => {
      const stored = new Set(await storedNames());
      const fromEnv = Object.keys(env)
        .filter((k) => k.startsWith(ENV_PREFIX) && (env[k] ?? '') !== '')
        .map((k) => k.slice(ENV_PREFIX.length))
        .filter((n) => SECRET_NAME_PATTERN.test(n) && n === canonicalSecretName(n))
        // DUTO_SECRET_X_ORIGINS says where X may go: it is no secret of its own.
        .filter(
          (n) => !(n.endsWith(ORIGINS_SUFFIX) && (env[secretEnvName(n.slice(0, -ORIGINS_SUFFIX.length))] ?? '') !== ''),
        );
      const names = [...new Set([...stored, ...fromEnv])].sort();
      const origins = await store.origins();
      return {
        storage: await store.status(),
        secrets: names.map((n) => entryOf(n, stored.has(n), origins.get(secretStoreKey(n)))),
      };
    },
    'secrets.save': save,
    'secrets.delete': async ({ name }) => {
      const existed = (await storedNames()).includes(name);
      await store.delete(secretStoreKey(name));
      revision++;
      return { deleted: existed };
    },
  };

  return {
    handlers,
    async lookupFor(doc, params) {
      const names = secretNamesIn(doc, params);
      let stored: StoredPasswords = { passwords: new Map(), unreadable: [] };
      try {
        if (names.length > 0) stored = await store.get(names.map(secretStoreKey));
      } catch (e) {
        // A failing store is reported on the nodes that use a secret, not as a failed session.
        stored = {
          passwords: new Map(),
          unreadable: names.map(secretStoreKey),
          reason: e instanceof Error ? e.message : String(e),
        };
      }
      return appSecretLookup(stored, env);
    },
    sessionStamp(doc, params) {
      return secretNamesIn(doc, params).length === 0 ? '' : `s${String(revision)}`;
    },
  };
}

/**
 * The stored value wins over the environment's: it is the one the user
 * manages in the app, and goes only to the origins stored with it (none for
 * one saved before secrets had origins). The environment's follows the
 * CLI's rule (DUTO_SECRET_<NAME>_ORIGINS, else anywhere).
 */
export function appSecretLookup(
  stored: StoredPasswords,
  env: Readonly<Record<string, string | undefined>>,
): SecretLookup {
  return (name) => {
    const key = secretStoreKey(name);
    if (stored.unreadable.includes(key))
      // The keychain's own reason when it gave one, else the likely one.
      return {
        problem:
          stored.reason === undefined
            ? { reason: 'stored-keychain', args: {} }
            : { reason: 'stored-unreadable', args: { detail: stored.reason } },
      };
    const value = stored.passwords.get(key);
    if (value !== undefined && value !== '')
      return { value, origins: stored.origins?.get(key) ?? [], change: { stored: canonicalSecretName(name) } };
    const fromEnv = env[secretEnvName(name)];
    if (fromEnv !== undefined && fromEnv !== '') return environmentAnswer(name, fromEnv, env);
    return { problem: { reason: 'app-unset', args: { variable: secretEnvName(name) } } };
  };
}

/** Origins as the user typed them, normalised; the first that is not one refuses the save, naming it. */
function checkedOrigins(typed: readonly string[]): string[] {
  const origins: string[] = [];
  for (const entry of typed) {
    const r = normalizeOrigin(entry, (t) => new URL(t));
    if (!r.ok) throw hostError(said(`secrets.origin/${r.problem}`, { origin: entry.trim() }));
    if (!origins.includes(r.origin)) origins.push(r.origin);
  }
  return origins;
}

/**
 * The secrets a document references, in node params and in the values of
 * its `${param}`s (which nodes may substitute): the only ones its session
 * is given.
 */
export function secretNamesIn(doc: PipelineDocument, params: Readonly<Record<string, string>>): string[] {
  const texts = [JSON.stringify(doc.nodes.map((n) => n.params ?? {})), ...paramValues(doc, params).values()];
  const names = new Set<string>();
  for (const text of texts) {
    // A name too long to be stored is simply not set.
    for (const name of secretNames(text)) if (SECRET_NAME_PATTERN.test(name)) names.add(canonicalSecretName(name));
  }
  return [...names].sort();
}
