import { secretEnvName } from '../../../shared/connections/secret-names';

/**
 * Where `${secret:NAME}` references get their values. Headless, from the
 * environment variable DUTO_SECRET_<NAME>: the prefix keeps a pipeline file
 * (which is data, not trust) from sending arbitrary environment variables,
 * such as cloud credentials, to a server. The app's host adds the values
 * stored in the keychain (electron/host/connections/secret-manager.ts).
 */

/** A secret's value, or why there is none, phrased to follow "the secret NAME, which is …". */
export type SecretAnswer = { value: string } | { problem: string };

export type SecretLookup = (name: string) => SecretAnswer;

/** Secrets from the environment (DUTO_SECRET_<NAME>). */
export function environmentSecrets(env: Readonly<Record<string, string | undefined>> = process.env): SecretLookup {
  return (name) => {
    const value = env[secretEnvName(name)];
    return value === undefined || value === '' ? { problem: `not set: set the environment variable ${secretEnvName(name)}` } : { value };
  };
}
