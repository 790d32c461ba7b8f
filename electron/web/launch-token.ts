import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * This launch's credential for the browser shell's API. It is new at every
 * launch (a new launch revokes the old one) and travels only in a request
 * header the page sets itself: no cookie, which browsers would also send to
 * every other port of 127.0.0.1.
 */
export interface LaunchToken {
  readonly value: string;
  /** Compared in constant time, through digests so that the length does not tell either. */
  matches(presented: string): boolean;
}

export function newLaunchToken(): LaunchToken {
  const value = randomBytes(32).toString('base64url');
  const expected = digest(value);
  return { value, matches: (presented) => timingSafeEqual(digest(presented), expected) };
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

/** The token of `Authorization: Bearer <token>`, or null when the header is absent or not of that shape. */
export function bearerToken(authorization: string | undefined): string | null {
  const match = /^Bearer ([A-Za-z0-9_-]{1,512})$/.exec(authorization ?? '');
  return match?.[1] ?? null;
}
