/**
 * What of a request is a credential, and the one origin it is for (the
 * source's URL, whose origin every `${secret:…}` was checked against). On a
 * redirect to another origin the client drops them, as curl does: every
 * header that carried a secret, Authorization, Proxy-Authorization, Cookie
 * and any header whose name says it holds a key or token; every query value
 * that carried a secret or holds a secret's value, and any query parameter
 * named like a key or token. Paging to another origin is refused instead
 * (pagination.ts's caller), since each page would need them again.
 */

/** Header and query names that hold credentials whatever their value (validation keeps literal ones out of pipelines). */
const CREDENTIAL_NAME =
  /^(authorization|proxy-authorization|cookie)$|api[-_]?key|token|secret|passw|auth|session|signature|^sig$|^key$/i;

export class Credentials {
  constructor(
    /** `https://api.example.com`: where they may go. */
    readonly origin: string,
    /** Lower-case names of the headers that carried a `${secret:…}`. */
    private readonly secretHeaders: ReadonlySet<string>,
    /** Names of the query parameters that carried a `${secret:…}`. */
    private readonly secretQuery: ReadonlySet<string>,
    /** The secret values in use. */
    private readonly values: readonly string[],
    /** Whether the request carries any credential at all (a secret, or a credential header). */
    readonly present: boolean,
  ) {}

  static of(
    url: URL,
    headers: Headers,
    secretHeaders: ReadonlySet<string>,
    secretQuery: ReadonlySet<string>,
    values: readonly string[],
  ): Credentials {
    const named = [...headers.keys()].some((h) => CREDENTIAL_NAME.test(h));
    return new Credentials(url.origin, secretHeaders, secretQuery, values, values.length > 0 || named);
  }

  /** The headers with every credential removed. */
  withoutHeaders(headers: Headers): Headers {
    const out = new Headers();
    for (const [name, value] of headers) {
      if (this.secretHeaders.has(name) || CREDENTIAL_NAME.test(name) || this.holdsSecret(value)) continue;
      out.append(name, value);
    }
    return out;
  }

  /** The URL with every credential removed from its query (and any user name or password). */
  withoutQuery(url: URL): URL {
    const out = new URL(url.href);
    out.username = '';
    out.password = '';
    for (const [name, value] of [...out.searchParams]) {
      if (this.secretQuery.has(name) || CREDENTIAL_NAME.test(name) || this.holdsSecret(value))
        out.searchParams.delete(name);
    }
    return out;
  }

  private holdsSecret(text: string): boolean {
    return this.values.some((v) => v.length >= 2 && text.includes(v));
  }
}
