/**
 * Where a named secret may be sent: its origins, `https://api.example.com`
 * — scheme, host and port, as browsers compare them. A `${secret:NAME}` is
 * resolved only for a URL whose origin is one of them, so a pipeline from
 * elsewhere cannot send a stored token to a host of its choosing.
 *
 * Normalising is the WHATWG URL parser's work (lower-case host, IDN to
 * punycode, default port dropped); shared/ has no URL class of its own, so
 * callers hand theirs in (`(t) => new URL(t)`: Node's and the browser's fit).
 */

/** The part of a parsed URL an origin is read from. */
export interface UrlParts {
  protocol: string;
  username: string;
  password: string;
  pathname: string;
  search: string;
  hash: string;
  origin: string;
}

/** Throws on text that is not a URL. */
export type UrlParser = (text: string) => UrlParts;

export type OriginProblem = 'empty' | 'not-url' | 'scheme' | 'credentials' | 'path';

export type OriginResult = { ok: true; origin: string } | { ok: false; problem: OriginProblem };

/** `HTTPS://Api.Example.com:443/` → `https://api.example.com`; a path, query, user or other scheme is refused. */
export function normalizeOrigin(text: string, parse: UrlParser): OriginResult {
  const t = text.trim();
  if (t === '') return { ok: false, problem: 'empty' };
  let u: UrlParts;
  try {
    u = parse(t);
  } catch {
    return { ok: false, problem: 'not-url' };
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return { ok: false, problem: 'scheme' };
  if (u.username !== '' || u.password !== '') return { ok: false, problem: 'credentials' };
  if ((u.pathname !== '/' && u.pathname !== '') || u.search !== '' || u.hash !== '' || /[?#]/.test(t))
    return { ok: false, problem: 'path' };
  return { ok: true, origin: u.origin };
}

/** At most this many origins per secret: a secret meant for everywhere is not bound at all. */
export const MAX_SECRET_ORIGINS = 20;

/** Origins written as a list (`a, b` or one per line), each normalised; the first problem names its entry. */
export function parseOriginList(
  text: string,
  parse: UrlParser,
): { ok: true; origins: string[] } | { ok: false; entry: string; problem: OriginProblem } {
  const entries = text
    .split(/[,\n]/)
    .map((e) => e.trim())
    .filter((e) => e !== '');
  if (entries.length === 0) return { ok: false, entry: '', problem: 'empty' };
  const origins: string[] = [];
  for (const entry of entries) {
    const r = normalizeOrigin(entry, parse);
    if (!r.ok) return { ok: false, entry, problem: r.problem };
    if (!origins.includes(r.origin)) origins.push(r.origin);
  }
  return { ok: true, origins };
}
