import type { Credentials } from './credentials';
import { HttpSourceError } from './http-error';
import { sleep } from '../../session/abortable-sleep';
import type { RateLimiter } from './rate-limiter';
import { said } from '../../../../shared/messages/diagnostic-messages';

/**
 * One page of JSON over HTTP GET, with the policy a polite, robust client
 * follows: a timeout per attempt, retries with exponential backoff on 408,
 * 429, 5xx and lost connections (honouring Retry-After), a rate limit, and a
 * cap on the size of a response. Cancelling aborts the request in flight.
 */

export interface RequestPolicy {
  timeoutMs: number;
  /** Retries after the first attempt. */
  retries: number;
  /** The first retry waits this long, each next one twice as long. */
  backoffMs: number;
  /** A Retry-After (or backoff) longer than this fails instead of waiting. */
  maxRetryWaitMs: number;
  maxResponseBytes: number;
}

export interface JsonPage {
  body: unknown;
  headers: Headers;
  /** The URL that answered, after redirects. */
  url: string;
}

type Attempt = { ok: true; page: JsonPage } | { ok: false; reason: string; waitMs: number | undefined };

/** Redirects followed for one request before giving up (fetch's own limit is 20; curl's 50 by default). */
export const MAX_REDIRECTS = 10;
const REDIRECTS: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);

export class JsonClient {
  constructor(
    private readonly policy: RequestPolicy,
    private readonly limiter: RateLimiter,
    private readonly headers: Headers,
    private readonly credentials: Credentials,
  ) {}

  /** `where` names the request in messages, e.g. `page 3 (GET https://…)`. */
  async get(url: string, where: string, signal: AbortSignal): Promise<JsonPage> {
    for (let attempt = 0; ; attempt++) {
      await this.limiter.wait(signal);
      const outcome = await this.attempt(url, where, signal);
      if (outcome.ok) return outcome.page;
      if (attempt >= this.policy.retries) {
        throw new HttpSourceError(
          attempt === 0
            ? said('http.unavailable', { where, reason: outcome.reason })
            : said('http.unavailable/attempts', { where, reason: outcome.reason, attempts: attempt + 1 }),
        );
      }
      const waitMs = outcome.waitMs ?? this.policy.backoffMs * 2 ** attempt;
      if (waitMs > this.policy.maxRetryWaitMs) {
        throw new HttpSourceError(
          said('http.unavailable/wait', {
            where,
            reason: outcome.reason,
            wait: seconds(waitMs),
            max: seconds(this.policy.maxRetryWaitMs),
          }),
        );
      }
      await sleep(waitMs, signal);
    }
  }

  private async attempt(url: string, where: string, signal: AbortSignal): Promise<Attempt> {
    const timeout = AbortSignal.timeout(this.policy.timeoutMs);
    const both = AbortSignal.any([signal, timeout]);
    const lost = (what: string, e: unknown): Attempt => {
      if (signal.aborted) throw signal.reason;
      if (timeout.aborted)
        return { ok: false, reason: `${what} within ${seconds(this.policy.timeoutMs)}`, waitMs: undefined };
      return { ok: false, reason: `${what}: ${networkReason(e)}`, waitMs: undefined };
    };
    let res: Response;
    let answered: string;
    try {
      ({ res, url: answered } = await this.follow(url, where, both));
    } catch (e) {
      if (e instanceof HttpSourceError) throw e;
      return lost('no response', e);
    }
    if (res.status === 408 || res.status === 429 || res.status >= 500) {
      await res.body?.cancel().catch(() => undefined);
      return {
        ok: false,
        reason: `HTTP ${res.status}${res.statusText === '' ? '' : ` ${res.statusText}`}`,
        waitMs: retryAfterMs(res.headers.get('retry-after')),
      };
    }
    let text: string;
    try {
      text = await this.readText(res, where);
    } catch (e) {
      if (e instanceof HttpSourceError) throw e;
      return lost('the response did not arrive whole', e);
    }
    if (!res.ok) {
      const detail = text.trim().slice(0, 300);
      const status = `${String(res.status)}${res.statusText === '' ? '' : ` ${res.statusText}`}`;
      throw new HttpSourceError(
        detail === '' ? said('http.status', { where, status }) : said('http.status/detail', { where, status, detail }),
      );
    }
    try {
      return { ok: true, page: { body: JSON.parse(text), headers: res.headers, url: answered } };
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      throw new HttpSourceError(said('http.json', { where, detail: why }));
    }
  }

  /**
   * The request, following redirects itself rather than fetch's automatic
   * following (which keeps Authorization and cookies on the way): at most
   * MAX_REDIRECTS; never from https to http; once it leaves the origin the
   * credentials are for, without them for every later hop.
   */
  private async follow(url: string, where: string, signal: AbortSignal): Promise<{ res: Response; url: string }> {
    let current = new URL(url);
    let headers = this.headers;
    let stripped = false;
    for (let hop = 0; ; hop++) {
      const res = await fetch(current, { headers, signal, redirect: 'manual' });
      const location = res.headers.get('location');
      if (!REDIRECTS.has(res.status) || location === null) return { res, url: current.href };
      await res.body?.cancel().catch(() => undefined);
      if (hop >= MAX_REDIRECTS) throw new HttpSourceError(said('http.redirect', { where, max: MAX_REDIRECTS }));
      let next: URL;
      try {
        next = new URL(location, current);
      } catch {
        throw new HttpSourceError(
          said('http.redirect/not-url', { where, status: String(res.status), location: location.slice(0, 100) }),
        );
      }
      if (next.protocol !== 'http:' && next.protocol !== 'https:')
        throw new HttpSourceError(
          said('http.redirect/protocol', { where, status: String(res.status), protocol: next.protocol }),
        );
      if (current.protocol === 'https:' && next.protocol === 'http:') {
        throw new HttpSourceError(
          said('http.redirect/downgrade', { where, status: String(res.status), origin: next.origin }),
        );
      }
      if (!stripped && next.origin !== this.credentials.origin) {
        stripped = true;
        headers = this.credentials.withoutHeaders(headers);
      }
      current = stripped ? this.credentials.withoutQuery(next) : next;
    }
  }

  /** The body as text, refusing one larger than the cap before it fills memory. */
  private async readText(res: Response, where: string): Promise<string> {
    if (res.body === null) return '';
    const decoder = new TextDecoder();
    let text = '';
    let bytes = 0;
    for await (const chunk of res.body) {
      bytes += chunk.byteLength;
      if (bytes > this.policy.maxResponseBytes) {
        await res.body.cancel().catch(() => undefined);
        throw new HttpSourceError(
          said('http.too-large', { where, max: Math.round(this.policy.maxResponseBytes / 1_048_576) }),
        );
      }
      text += decoder.decode(chunk, { stream: true });
    }
    return text + decoder.decode();
  }
}

/** Retry-After as seconds or as an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const t = header.trim();
  if (/^\d+$/.test(t)) return Number(t) * 1000;
  const at = Date.parse(t);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

function seconds(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  return `${Number.isInteger(s) ? s : s.toFixed(1)} s`;
}

/** fetch reports "fetch failed"; the reason (refused, reset, DNS…) is in its cause. */
function networkReason(e: unknown): string {
  const cause = e instanceof Error && e.cause instanceof Error ? e.cause : e;
  return cause instanceof Error ? cause.message : String(cause);
}
