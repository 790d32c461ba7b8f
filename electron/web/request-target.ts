/**
 * The request target, checked and decoded once, by hand: `new URL` and
 * `decodeURIComponent` throw on what a hostile client sends (`http://[`,
 * `/%C0`), and a throw in the request handler must never reach the process.
 * Only origin-form targets (`/path?query`) are served; the query is dropped,
 * since nothing here reads it (a token in it is never accepted).
 */

export type RequestTarget =
  | {
      ok: true;
      /** The decoded segments: never empty strings of `.`/`..`, a `/`, a `\`, NUL or another control character. */ segments: readonly string[];
    }
  | { ok: false; status: 400 | 414; reason: string };

/** Far above any address the renderer asks for; a longer one is refused before it is looked at. */
export const MAX_TARGET_LENGTH = 4096;

// RFC 3986 pchar, plus `/` between segments and `?` … after the path.
const PATH_CHARS = /^[A-Za-z0-9\-._~!$&'()*+,;=:@%/]*$/;
const PERCENT = /%(?![0-9A-Fa-f]{2})/;
// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
const FORBIDDEN_DECODED = /[\u0000-\u001f\u007f\\/]/;

export function parseRequestTarget(raw: string | undefined): RequestTarget {
  if (raw === undefined || raw === '') return refused(400, 'the request has no target');
  if (raw.length > MAX_TARGET_LENGTH) return refused(414, 'the address is too long');
  // Absolute-form (`http://…`), authority-form (`host:port`), asterisk-form (`*`) and `//host/…` are for proxies.
  if (!raw.startsWith('/') || raw.startsWith('//'))
    return refused(400, 'only a path is accepted as the request target');
  const end = firstOf(raw, '?', '#');
  const path = raw.slice(0, end);
  if (!PATH_CHARS.test(path)) return refused(400, 'the path holds characters a URL path cannot hold');
  if (PERCENT.test(path)) return refused(400, 'the path holds a bad percent-escape');
  const segments: string[] = [];
  const parts = path.slice(1).split('/');
  for (const [i, part] of parts.entries()) {
    const decoded = decodeSegment(part);
    if (decoded === null) return refused(400, 'the path is not valid UTF-8 once decoded');
    if (FORBIDDEN_DECODED.test(decoded))
      return refused(400, 'the path holds an encoded separator or control character');
    if (decoded === '.' || decoded === '..') return refused(400, 'the path holds a dot segment');
    // `/a//b` is refused too; a trailing `/` (the root `/` included) is allowed.
    if (decoded === '' && i < parts.length - 1) return refused(400, 'the path holds an empty segment');
    if (decoded !== '') segments.push(decoded);
  }
  return { ok: true, segments };
}

function decodeSegment(part: string): string | null {
  try {
    return decodeURIComponent(part);
  } catch {
    return null;
  }
}

function firstOf(text: string, ...marks: string[]): number {
  let end = text.length;
  for (const mark of marks) {
    const at = text.indexOf(mark);
    if (at >= 0 && at < end) end = at;
  }
  return end;
}

function refused(status: 400 | 414, reason: string): RequestTarget {
  return { ok: false, status, reason };
}
