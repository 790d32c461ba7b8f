import { z } from 'zod';
import { CONNECTION_NAME_PATTERN } from './connection';

/**
 * Named secrets: what a `${secret:NAME}` reference in a pipeline (an HTTP
 * header or query value) stands for. Names are case-insensitive, as the
 * environment variable DUTO_SECRET_<NAME> they map to is upper case, so they
 * are kept upper case.
 */

export const SECRET_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]{0,99}$/;
export const secretNameSchema = z
  .string()
  .regex(SECRET_NAME_PATTERN, 'expected a secret name: letters, digits and _, not starting with a digit')
  .transform((name) => name.toUpperCase());

export function canonicalSecretName(name: string): string {
  return name.toUpperCase();
}

/** The environment variable a secret is read from, headless and in the app. */
export function secretEnvName(name: string): string {
  return `DUTO_SECRET_${canonicalSecretName(name)}`;
}

/**
 * One store keeps connection passwords and named secrets: a connection's
 * key is its name, a secret's is `secret.<NAME>`, which no connection name
 * can be (they have no dot).
 */
const SECRET_KEY_PREFIX = 'secret.';
const SECRET_KEY_PATTERN = /^secret\.[A-Z_][A-Z0-9_]{0,99}$/;

export function secretStoreKey(name: string): string {
  return `${SECRET_KEY_PREFIX}${canonicalSecretName(name)}`;
}

/** The secret name of a store key, or undefined for a connection's key. */
export function secretOfStoreKey(key: string): string | undefined {
  return SECRET_KEY_PATTERN.test(key) ? key.slice(SECRET_KEY_PREFIX.length) : undefined;
}

export const storeKeySchema = z
  .string()
  .refine(
    (k) => CONNECTION_NAME_PATTERN.test(k) || SECRET_KEY_PATTERN.test(k),
    'expected a connection name or secret.<NAME>',
  );
