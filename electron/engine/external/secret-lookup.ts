import { secretEnvName } from '../../../shared/connections/secret-names';
import { originProblemText, parseOriginList } from '../../../shared/connections/secret-origins';

/**
 * Where `${secret:NAME}` references get their values, and where each value
 * may be sent. Headless, from the environment variable DUTO_SECRET_<NAME>:
 * the prefix keeps a pipeline file (which is data, not trust) from sending
 * arbitrary environment variables, such as cloud credentials, to a server.
 * The app's host adds the values stored in the keychain
 * (electron/host/connections/secret-manager.ts), each with its origins.
 */

/**
 * A secret's value and the origins it may be sent to (`any`: a
 * DUTO_SECRET_<NAME> without DUTO_SECRET_<NAME>_ORIGINS — the user set it
 * explicitly), with where to change them; or why there is none, phrased to
 * follow "the secret NAME, which is …".
 */
export type SecretAnswer = { value: string; origins: readonly string[] | 'any'; change: string } | { problem: string };

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
      return { problem: `not set: set the environment variable ${secretEnvName(name)}` };
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
  if (listed.trim() === '') return { value, origins: 'any', change: `in ${variable}` };
  const parsed = parseOriginList(listed, (t) => new URL(t));
  if (!parsed.ok)
    return { problem: `set, but ${variable} has "${parsed.entry}", which ${originProblemText(parsed.problem)}` };
  return { value, origins: parsed.origins, change: `in ${variable}` };
}

/**
 * Why a secret may not be sent to `origin` (phrased to follow "the secret
 * NAME, which …"), or undefined when it may.
 */
export function originRefusal(
  answer: { origins: readonly string[] | 'any'; change: string },
  origin: string,
): string | undefined {
  if (answer.origins === 'any' || answer.origins.includes(origin)) return undefined;
  if (answer.origins.length === 0) {
    return `was stored without the origins it may be sent to (secrets saved before Duto bound them to servers have none), so it is not sent to ${origin}: say where it may be sent ${answer.change}`;
  }
  return `may be sent only to ${answer.origins.join(', ')}, not to ${origin}: if that server is meant to get it, add ${origin} to its origins ${answer.change}`;
}
