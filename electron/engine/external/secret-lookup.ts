import { secretEnvName } from '../../../shared/connections/secret-names';
import { parseOriginList } from '../../../shared/connections/secret-origins';
import type { SECRET_PROBLEMS, SECRET_REFUSALS } from '../../../shared/messages/secret-messages';

/**
 * Where `${secret:NAME}` references get their values, and where each value
 * may be sent. Headless, from the environment variable DUTO_SECRET_<NAME>:
 * the prefix keeps a pipeline file (which is data, not trust) from sending
 * arbitrary environment variables, such as cloud credentials, to a server.
 * The app's host adds the values stored in the keychain
 * (electron/host/connections/secret-manager.ts), each with its origins.
 */

/**
 * Where a secret's origins are changed: its DUTO_SECRET_<NAME>_ORIGINS
 * variable, or the Secrets dialog (under the name it is stored as).
 */
export type SecretChange = { variable: string } | { stored: string };

/**
 * Why a secret has no value: a reason of shared/messages/secret-messages.ts
 * (SECRET_PROBLEMS) and the arguments its template names.
 */
export interface SecretProblem {
  reason: keyof typeof SECRET_PROBLEMS;
  args: Readonly<Record<string, string>>;
}

/**
 * A secret's value and the origins it may be sent to (`any`: a
 * DUTO_SECRET_<NAME> without DUTO_SECRET_<NAME>_ORIGINS — the user set it
 * explicitly), with where to change them; or why there is none.
 */
export type SecretAnswer =
  { value: string; origins: readonly string[] | 'any'; change: SecretChange } | { problem: SecretProblem };

export type SecretLookup = (name: string) => SecretAnswer;

/** The variable that binds DUTO_SECRET_<NAME> to origins: `https://api.example.com, https://eu.example.com`. */
export function secretOriginsEnvName(name: string): string {
  return `${secretEnvName(name)}_ORIGINS`;
}

/** Secrets from the environment (DUTO_SECRET_<NAME>, bound by DUTO_SECRET_<NAME>_ORIGINS when set). */
export function environmentSecrets(env: Readonly<Record<string, string | undefined>> = process.env): SecretLookup {
  return (name) => {
    const value = env[secretEnvName(name)];
    if (value === undefined || value === '')
      return { problem: { reason: 'env-unset', args: { variable: secretEnvName(name) } } };
    return environmentAnswer(name, value, env);
  };
}

/** DUTO_SECRET_<NAME>'s value with the origins its _ORIGINS variable gives (any when unset). */
export function environmentAnswer(
  name: string,
  value: string,
  env: Readonly<Record<string, string | undefined>>,
): SecretAnswer {
  const variable = secretOriginsEnvName(name);
  const listed = env[variable] ?? '';
  if (listed.trim() === '') return { value, origins: 'any', change: { variable } };
  const parsed = parseOriginList(listed, (t) => new URL(t));
  if (!parsed.ok)
    return { problem: { reason: `env-origins-${parsed.problem}`, args: { variable, entry: parsed.entry } } };
  return { value, origins: parsed.origins, change: { variable } };
}

/** Why a secret may not be sent to a server: a reason of SECRET_REFUSALS and its template's arguments. */
export interface SecretRefusal {
  reason: keyof typeof SECRET_REFUSALS;
  args: Readonly<Record<string, string>>;
}

/** Why a secret may not be sent to `origin`, or undefined when it may. */
export function originRefusal(
  answer: { origins: readonly string[] | 'any'; change: SecretChange },
  origin: string,
): SecretRefusal | undefined {
  if (answer.origins === 'any' || answer.origins.includes(origin)) return undefined;
  const listed = answer.origins.length === 0 ? {} : { origins: answer.origins.join(', ') };
  const where = answer.origins.length === 0 ? 'none' : 'listed';
  return 'variable' in answer.change
    ? { reason: `${where}-env`, args: { ...listed, origin, variable: answer.change.variable } }
    : { reason: `${where}-stored`, args: { ...listed, origin, stored: answer.change.stored } };
}
