import { DutoError, type Diagnostic } from '../../../shared/diagnostics';

/**
 * Every secret value a session resolves — connection passwords, passwords
 * inside DUTO_CONN_<NAME>_URL, named secrets, a webhook URL — is added to
 * its Redactor, which replaces them by `***` where results leave the engine
 * (session results, CLI output, run history, host replies). Servers echo
 * what they were sent in other shapes, so the usual encodings of a value go
 * too: URL-encoded (either hex case, `+` for spaces), JSON-escaped, base64
 * and base64url (also inside a longer encoded text, such as Basic auth's
 * `user:token`), and for a value that is base64, what it decodes to.
 *
 * Short values: one of fewer than MIN_ANYWHERE characters would turn
 * ordinary words into `***`, so 2 or 3 characters are replaced only as a
 * whole word (not next to a letter or digit), and a single character never.
 */

export const MIN_ANYWHERE = 4;
/** Base64 of a value is matched only when this much of it is fixed by the value alone: shorter would match by chance. */
const MIN_BASE64_CORE = 8;
const MASK = '***';

interface Form {
  text: string;
  /** Replaced only where no letter or digit touches it. */
  wordOnly: boolean;
  /** Matches it where a plain search cannot (hex escapes in either case). */
  pattern?: RegExp;
}

export class Redactor {
  private readonly values = new Set<string>();
  private forms: Form[] | undefined;

  /** Adds values to hide; empty and undefined ones are ignored. */
  add(...values: ReadonlyArray<string | undefined>): void {
    for (const v of values) {
      if (v === undefined || v.length < 2 || this.values.has(v)) continue;
      this.values.add(v);
      this.forms = undefined;
    }
  }

  /** Whether any value is known (nothing to do otherwise). */
  get empty(): boolean {
    return this.values.size === 0;
  }

  /** The text with every known value, in every form above, replaced by `***`. */
  text(text: string): string {
    if (this.values.size === 0 || text.length < 2) return text;
    this.forms ??= formsOf(this.values);
    let out = text;
    for (const f of this.forms) {
      if (f.pattern !== undefined) out = out.replace(f.pattern, MASK);
      else if (out.includes(f.text))
        out = f.wordOnly ? out.replace(wordPattern(f.text), MASK) : out.split(f.text).join(MASK);
    }
    return out;
  }

  /** A copy of a plain-data value (results, records, events) with every string in it redacted. */
  deep<T extends object>(value: T): T {
    if (this.values.size === 0) return value;
    const copy = structuredClone(value);
    this.scrub(copy);
    return copy;
  }

  diagnostic(d: Diagnostic): Diagnostic {
    return this.deep(d);
  }

  /** An error as it may leave the engine: a DutoError with redacted diagnostics, another error with a redacted message. */
  error(e: unknown): unknown {
    if (this.values.size === 0) return e;
    if (e instanceof DutoError) return new DutoError(e.diagnostics.map((d) => this.diagnostic(d)));
    if (e instanceof Error) {
      const copy = new Error(this.text(e.message));
      copy.name = e.name;
      return copy;
    }
    return typeof e === 'string' ? this.text(e) : e;
  }

  /** Redacts the strings of a structuredClone'd value in place (plain objects and arrays only). */
  private scrub(value: unknown): void {
    if (Array.isArray(value)) {
      value.forEach((v: unknown, i) => {
        if (typeof v === 'string') value[i] = this.text(v);
        else this.scrub(v);
      });
      return;
    }
    if (value === null || typeof value !== 'object' || value instanceof Date || ArrayBuffer.isView(value)) return;
    for (const key of Object.keys(value)) {
      const v: unknown = Reflect.get(value, key);
      if (typeof v === 'string') Reflect.set(value, key, this.text(v));
      else this.scrub(v);
    }
  }
}

/** One-off redaction of a text with these values, as a Redactor would do it. */
export function redactValues(text: string, values: readonly string[]): string {
  const r = new Redactor();
  r.add(...values);
  return r.text(text);
}

function formsOf(values: ReadonlySet<string>): Form[] {
  const forms = new Map<string, Form>();
  const put = (text: string, wordOnly: boolean, pattern?: RegExp): void => {
    if (text === '' || forms.get(text)?.wordOnly === false) return;
    forms.set(text, { text, wordOnly, ...(pattern === undefined ? {} : { pattern }) });
  };
  for (const v of values) {
    if (v.length < MIN_ANYWHERE) {
      put(v, true);
      continue;
    }
    for (const form of encodings(v)) put(form, false);
    if (/[^A-Za-z0-9]/.test(v)) put(`uri:${v}`, false, uriPattern(v));
  }
  // Longest first: a URL goes whole before the password inside it.
  return [...forms.values()].sort((a, b) => b.text.length - a.text.length);
}

/** The value and the shapes servers and logs put it in. */
function encodings(v: string): string[] {
  const out = [v, JSON.stringify(v).slice(1, -1)];
  const bytes = Buffer.from(v, 'utf8');
  out.push(...base64Cores(bytes));
  const decoded = decodedBase64(v);
  if (decoded !== undefined) out.push(decoded);
  return out.filter((f) => f.length >= MIN_ANYWHERE);
}

/**
 * The characters of base64 (and base64url) that depend only on `bytes`,
 * wherever they start in a longer encoded text: for each of the three
 * alignments, the encoding with as many bytes before it, cut to the
 * characters whose six bits all come from `bytes`.
 */
function base64Cores(bytes: Buffer): string[] {
  const out: string[] = [];
  for (let k = 0; k < 3; k++) {
    const encoded = Buffer.concat([Buffer.alloc(k), bytes]).toString('base64');
    const start = Math.ceil((8 * k) / 6);
    const end = Math.floor((8 * (k + bytes.length)) / 6);
    const core = encoded.slice(start, end);
    if (core.length < MIN_BASE64_CORE) continue;
    out.push(core, core.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  return out;
}

/** What a base64 value (e.g. Basic auth's `dXNlcjpwYXNz`) decodes to, when that is text. */
function decodedBase64(v: string): string | undefined {
  if (v.length < 8 || !/^[A-Za-z0-9+/_-]+={0,2}$/.test(v)) return undefined;
  const text = Buffer.from(v, 'base64').toString('utf8');
  // eslint-disable-next-line no-control-regex
  return text.length >= MIN_ANYWHERE && !/[\u0000-\u001f\u007f\ufffd]/.test(text) ? text : undefined;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function wordPattern(text: string): RegExp {
  return new RegExp(`(?<![A-Za-z0-9])${escapeRegExp(text)}(?![A-Za-z0-9])`, 'g');
}

/**
 * A value as any URL encoder may have written it: each character other than
 * a letter or digit either as is or percent-encoded (hex in either case), a
 * space also as `+` — encodeURIComponent, URLSearchParams and servers differ.
 */
function uriPattern(v: string): RegExp {
  const parts = [...v].map((c) => {
    if (/[A-Za-z0-9]/.test(c)) return c;
    const hex = [...Buffer.from(c, 'utf8')]
      .map(
        (b) =>
          `%${b
            .toString(16)
            .toUpperCase()
            .padStart(2, '0')
            .replace(/[A-F]/g, (x) => `[${x}${x.toLowerCase()}]`)}`,
      )
      .join('');
    return `(?:${escapeRegExp(c)}|${hex}${c === ' ' ? '|\\+' : ''})`;
  });
  return new RegExp(parts.join(''), 'g');
}
