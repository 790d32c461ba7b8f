import { SECRET_REF } from '../../../../shared/external/http-api';
import {
  originRefusal,
  type SecretChange,
  type SecretLookup,
  type SecretProblem,
  type SecretRefusal,
} from '../../external/secret-lookup';
import { renderMessage, type Said } from '../../../../shared/messages/diagnostic-messages';
import { SECRET_PROBLEMS, SECRET_REFUSALS } from '../../../../shared/messages/secret-messages';
import { renderTemplate } from '../../../../shared/messages/template';
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

/** Where a text with `${secret:NAME}` is: an HTTP source's URL, one of its query parameters or headers, or the CLI's --notify. */
export type SecretPlace = { in: 'url' } | { in: 'query' | 'header'; name: string } | { in: 'notify' };

/**
 * "<place> uses the secret NAME, which <why>": at an HTTP source's place, a
 * template of shared/messages/secret-messages.ts (so it reads in the user's
 * language) and its English; at --notify, a CLI usage error, English only.
 */
interface Told {
  said: Said | undefined;
  message: string;
}

function placeArgs(
  place: { in: 'url' } | { in: 'query' | 'header'; name: string },
  secret: string,
): Record<string, string> {
  return { secret, ...(place.in === 'url' ? {} : { name: place.name }) };
}

function notifyText(secret: string, body: { en: string }, args: Readonly<Record<string, string>>): Told {
  return {
    said: undefined,
    message: `--notify uses the secret ${secret}, which ${renderTemplate(body.en, args, 'en')}`,
  };
}

function told(said: Said): Told {
  return { said, message: renderMessage(said.key, said.args, 'en') ?? said.key };
}

function problemSaid(place: SecretPlace, secret: string, p: SecretProblem): Told {
  if (place.in === 'notify') return notifyText(secret, SECRET_PROBLEMS[p.reason], p.args);
  return told({ key: `http.secret/${place.in}-${p.reason}`, args: { ...p.args, ...placeArgs(place, secret) } });
}

function refusalSaid(place: SecretPlace, secret: string, r: SecretRefusal): Told {
  if (place.in === 'notify') return notifyText(secret, SECRET_REFUSALS[r.reason], r.args);
  return told({ key: `http.secret-origin/${place.in}-${r.reason}`, args: { ...r.args, ...placeArgs(place, secret) } });
}

export class MissingSecretError extends Error {
  /** The message's template and arguments; none for --notify (the CLI's usage errors are English). */
  readonly said: Said | undefined;
  constructor(
    readonly secret: string,
    place: SecretPlace,
    problem: SecretProblem,
  ) {
    const s = problemSaid(place, secret, problem);
    super(s.message);
    this.name = 'MissingSecretError';
    this.said = s.said;
  }
}

/** One secret a text referenced: where, and the origins its value may go to. */
export interface SecretUse {
  name: string;
  place: SecretPlace;
  origins: readonly string[] | 'any';
  change: SecretChange;
}

/**
 * Replaces every reference with its value; `place` names where it is for
 * the error when a secret is not set. Returns the text, the values used (so
 * messages can be redacted) and each use (so its origins can be checked
 * against the URL it is for, before any request).
 */
export function resolveSecrets(
  text: string,
  lookup: SecretLookup,
  place: SecretPlace,
): { text: string; values: string[]; uses: SecretUse[] } {
  const values: string[] = [];
  const uses: SecretUse[] = [];
  const resolved = text.replace(SECRET_REF, (_m, name: string) => {
    const answer = lookup(name);
    if ('problem' in answer) throw new MissingSecretError(name, place, answer.problem);
    values.push(answer.value);
    uses.push({ name, place, origins: answer.origins, change: answer.change });
    return answer.value;
  });
  return { text: resolved, values, uses };
}

export class SecretOriginError extends Error {
  /** The message's template and arguments; none for --notify. */
  readonly said: Said | undefined;
  constructor(
    readonly use: SecretUse,
    refusal: SecretRefusal,
  ) {
    const s = refusalSaid(use.place, use.name, refusal);
    super(s.message);
    this.name = 'SecretOriginError';
    this.said = s.said;
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
