import { SECRET_REF } from '../../../../shared/external/http-api';
import type { SecretLookup } from '../../external/secret-lookup';
import { redactValues } from '../../redactor';

/**
 * Secrets by reference: a header or query value holds `${secret:NAME}`,
 * never the secret itself, and NAME is resolved (see secret-lookup.ts) when
 * the request is made.
 */

/** Names referenced in a text, in order of first use. */
export function secretNames(text: string): string[] {
  return [...new Set([...text.matchAll(SECRET_REF)].map((m) => m[1] ?? ''))];
}

export class MissingSecretError extends Error {
  constructor(
    readonly secret: string,
    where: string,
    problem: string,
  ) {
    super(`${where} uses the secret ${secret}, which is ${problem}`);
    this.name = 'MissingSecretError';
  }
}

/**
 * Replaces every reference with its value; `where` names the place for the
 * error when a secret is not set. Returns the text and the values used, so
 * messages can be redacted.
 */
export function resolveSecrets(text: string, lookup: SecretLookup, where: string): { text: string; values: string[] } {
  const values: string[] = [];
  const resolved = text.replace(SECRET_REF, (_m, name: string) => {
    const answer = lookup(name);
    if ('problem' in answer) throw new MissingSecretError(name, where, answer.problem);
    values.push(answer.value);
    return answer.value;
  });
  return { text: resolved, values };
}

/** A text with every secret value used so far replaced by `***`, for messages (see Redactor). */
export function redact(text: string, values: readonly string[]): string {
  return redactValues(text, values);
}
