import { SECRET_NAME_PATTERN, canonicalSecretName, secretEnvName } from '../../../shared/connections/secret-names';
import { parseOriginList, type OriginProblem } from '../../../shared/connections/secret-origins';
import type { SecretEntry } from '../../../shared/ipc/secret-ops';
import type { Translate } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages.en';

/**
 * The rules of the Secrets section, apart from its components: what the
 * section is doing, what a name and its origins may be, and what a row says.
 */

/**
 * What the Secrets section is doing. The dialog holds it, so that its
 * Escape and backdrop click close an open secret form before the dialog.
 */
export type SecretsMode =
  | { kind: 'idle' }
  | { kind: 'add' }
  | { kind: 'replace'; name: string }
  /** Only where a stored value may be sent changes: no value is typed. */
  | { kind: 'origins'; name: string }
  | { kind: 'confirm-delete'; name: string };

export const SECRETS_IDLE: SecretsMode = { kind: 'idle' };

/** A form is open: it may hold a typed value (or typed origins). */
export function holdsTypedValue(mode: SecretsMode): boolean {
  return mode.kind === 'add' || mode.kind === 'replace' || mode.kind === 'origins';
}

/** The typed origins, normalised, or what is wrong with them (the first bad entry named). */
export function checkOrigins(
  typed: string,
): { ok: true; origins: string[] } | { ok: false; key: MessageKey; entry: string } {
  const r = parseOriginList(typed, (t) => new URL(t));
  if (r.ok) return r;
  return {
    ok: false,
    key: r.problem === 'empty' ? 'secrets.error.originsEmpty' : ORIGIN_PROBLEMS[r.problem],
    entry: r.entry,
  };
}

const ORIGIN_PROBLEMS: Readonly<Record<Exclude<OriginProblem, 'empty'>, MessageKey>> = {
  'not-url': 'secrets.error.origin.not-url',
  scheme: 'secrets.error.origin.scheme',
  credentials: 'secrets.error.origin.credentials',
  path: 'secrets.error.origin.path',
};

/** Where a row's value may be sent: its origins, nowhere yet (stored before origins existed), or anywhere (the environment's, unbound). */
export function originsSummary(entry: SecretEntry, t: Translate): string {
  if (entry.origins === null) return t('secrets.origins.any', { variable: `${secretEnvName(entry.name)}_ORIGINS` });
  if (entry.origins.length === 0) return t('secrets.origins.none');
  return t('secrets.origins.list', { origins: entry.origins.join(', ') });
}

/** Why a typed name cannot be saved, or undefined when it can. */
export function secretNameError(name: string): MessageKey | undefined {
  if (name.trim() === '') return 'secrets.error.nameEmpty';
  return SECRET_NAME_PATTERN.test(name) ? undefined : 'secrets.error.name';
}

/** The name as it would be saved, or `NAME` while none (or a bad one) is typed, for the hints. */
export function displayName(typed: string): string {
  return secretNameError(typed) === undefined ? canonicalSecretName(typed) : 'NAME';
}

/** Where the app takes the secret's value from: a stored value wins over the environment. */
export function secretSource(entry: SecretEntry, t: Translate): string {
  if (entry.stored && entry.environment !== null)
    return t('secrets.storedOverridesEnv', { variable: entry.environment });
  if (entry.stored) return t('secrets.stored');
  return t('secrets.fromEnv', { variable: entry.environment ?? secretEnvName(entry.name) });
}
