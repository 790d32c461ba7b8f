import { SECRET_REF } from '../../../../shared/external/http-api';
import { originRefusal, type SecretLookup } from '../../external/secret-lookup';
import { redactValues } from '../../sandbox/redactor';

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

/** One secret a text referenced: where, and the origins its value may go to. */
export interface SecretUse {
  name: string;
  where: string;
  origins: readonly string[] | 'any';
  change: string;
}

/**
 * Replaces every reference with its value; `where` names the place for the
 * error when a secret is not set. Returns the text, the values used (so
 * messages can be redacted) and each use (so its origins can be checked
 * against the URL it is for, before any request).
 */
export function resolveSecrets(
  text: string,
  lookup: SecretLookup,
  where: string,
): { text: string; values: string[]; uses: SecretUse[] } {
  const values: string[] = [];
  const uses: SecretUse[] = [];
  const resolved = text.replace(SECRET_REF, (_m, name: string) => {
    const answer = lookup(name);
    if ('problem' in answer) throw new MissingSecretError(name, where, answer.problem);
    values.push(answer.value);
    uses.push({ name, where, origins: answer.origins, change: answer.change });
    return answer.value;
  });
  return { text: resolved, values, uses };
}

export class SecretOriginError extends Error {
  constructor(
    readonly use: SecretUse,
    refusal: string,
  ) {
    super(`${use.where} uses the secret ${use.name}, which ${refusal}`);
    this.name = 'SecretOriginError';
  }
}

/** Throws SecretOriginError for the first use whose secret may not be sent to `origin`. */
export function checkOrigins(uses: readonly SecretUse[], origin: string): void {
  for (const use of uses) {
    const refusal = originRefusal(use, origin);
    if (refusal !== undefined) throw new SecretOriginError(use, refusal);
  }
}

/** A text with every secret value used so far replaced by `***`, for messages (see Redactor). */
export function redact(text: string, values: readonly string[]): string {
  return redactValues(text, values);
}
