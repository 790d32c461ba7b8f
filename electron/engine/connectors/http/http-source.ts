import type { Column } from '../../../../shared/catalog/node-type';
import type { ExternalSource, ExternalValue, RowBatch } from '../../external/types';
import { HttpSourceError } from './http-error';
import { JsonClient, type JsonPage, type RequestPolicy } from './json-client';
import { atPath } from './json-path';
import { firstPageUrl, nextPageUrl, type Pagination } from './pagination';
import { RateLimiter } from './rate-limiter';
import {
  flatten,
  inferLayout,
  isHttpColumnType,
  toColumnValue,
  type HttpColumnType,
  type RecordLayout,
} from './record-columns';
import { environmentSecrets, type SecretLookup } from '../../external/secret-lookup';
import {
  checkOrigins,
  MissingSecretError,
  redact,
  resolveSecrets,
  SecretOriginError,
  type SecretPlace,
  type SecretUse,
} from './secret-refs';
import { Credentials } from './credentials';
import { said } from '../../../../shared/messages/diagnostic-messages';

/**
 * Records of a JSON API, read page by page with GET. Columns come from the
 * first page (see record-columns.ts), fetched once for them and reused by
 * the next read only. A limit stops paging as soon as it is reached;
 * aborting cancels the request in flight.
 */

export interface NameValue {
  name: string;
  value: string;
}

export interface HttpReadOptions {
  url: string;
  /** Added to the URL's query. Values may hold `${secret:NAME}`. */
  query?: readonly NameValue[];
  /** Values may hold `${secret:NAME}` (e.g. `Bearer ${secret:API_TOKEN}`). */
  headers?: readonly NameValue[];
  /** Where the records are in each response, e.g. `data.items`; empty: the response itself. */
  recordsPath?: string;
  pagination?: Pagination;
  /** Stop after this many pages; 0 or absent: no cap. */
  maxPages?: number;
  /** 0 or absent: no limit. */
  requestsPerSecond?: number;
  timeoutMs?: number;
  retries?: number;
  backoffMs?: number;
  maxRetryWaitMs?: number;
  maxResponseBytes?: number;
  /** Types forced on some columns (by flattened name, case-insensitive); they also declare columns. */
  columnTypes?: ReadonlyArray<{ column: string; type: string }>;
}

export const HTTP_DEFAULTS = {
  timeoutMs: 30_000,
  retries: 4,
  backoffMs: 1_000,
  maxRetryWaitMs: 120_000,
  maxResponseBytes: 64 * 1_048_576,
} as const;

const BATCH_ROWS = 2048;

interface Prepared {
  client: JsonClient;
  credentials: Credentials;
  firstUrl: string;
  /** Secret values in use, replaced by *** in every message. */
  secrets: string[];
}

interface Fetched {
  page: JsonPage;
  url: string;
  records: unknown[];
}

export class HttpSource implements ExternalSource {
  private first: Promise<Fetched> | undefined;
  private prepared: Prepared | undefined;
  private layout: RecordLayout | undefined;

  constructor(
    private readonly options: HttpReadOptions,
    private readonly secrets: SecretLookup = environmentSecrets(),
  ) {}

  async columns(signal: AbortSignal): Promise<Column[]> {
    return (await this.recordLayout(signal)).columns;
  }

  async *rows(options: { limit?: number; signal: AbortSignal }): AsyncIterable<RowBatch> {
    const { signal } = options;
    const limit = options.limit ?? Infinity;
    if (limit <= 0) return;
    const layout = await this.recordLayout(signal);
    const { client, credentials } = this.prepare();
    const pagination = this.options.pagination ?? { style: 'none' };
    const maxPages = this.options.maxPages ?? 0;
    let fetched = await this.firstPage(signal);
    // The first page serves one read: a later read (a run after previews) asks again, for fresh data.
    this.first = undefined;
    let emitted = 0;
    for (let n = 1; ; n++) {
      const where = this.where(n, fetched.url);
      let batch: RowBatch = [];
      for (let i = 0; i < fetched.records.length && emitted < limit; i++) {
        batch.push(this.row(fetched.records[i], layout, where, i + 1));
        emitted++;
        if (batch.length >= BATCH_ROWS) {
          yield batch;
          batch = [];
        }
      }
      if (batch.length > 0) yield batch;
      if (emitted >= limit || (maxPages > 0 && n >= maxPages)) return;
      const next = nextPageUrl(pagination, {
        url: fetched.url,
        responseUrl: fetched.page.url,
        body: fetched.page.body,
        headers: fetched.page.headers,
        records: fetched.records.length,
        where,
      });
      if (next === undefined) return;
      const nextWhere = this.where(n + 1, next);
      refuseForeignPage(next, credentials, nextWhere);
      const page = await client.get(next, nextWhere, signal);
      const records = this.records(page.body, nextWhere);
      if (
        (pagination.style === 'page' || pagination.style === 'offset') &&
        records.length > 0 &&
        signature(records) === signature(fetched.records)
      ) {
        // A server that ignores the paging parameter answers the same page forever.
        throw new HttpSourceError(
          said('http.pagination/same-records', {
            where: nextWhere,
            page: n,
            param: pagination.style === 'page' ? pagination.pageParam : pagination.offsetParam,
          }),
          'pagination',
        );
      }
      fetched = { page, url: next, records };
    }
  }

  async close(): Promise<void> {
    this.first = undefined;
  }

  private async recordLayout(signal: AbortSignal): Promise<RecordLayout> {
    if (this.layout !== undefined) return this.layout;
    const first = await this.firstPage(signal);
    const layout = inferLayout(first.records, this.overrides());
    if (layout.columns.length === 0) {
      throw new HttpSourceError(said('http.no-columns', { where: this.where(1, first.url) }), 'recordsPath');
    }
    this.layout = layout;
    return layout;
  }

  private firstPage(signal: AbortSignal): Promise<Fetched> {
    if (this.first === undefined) {
      const { client, firstUrl } = this.prepare();
      const where = this.where(1, firstUrl);
      this.first = client
        .get(firstUrl, where, signal)
        .then((page) => ({ page, url: firstUrl, records: this.records(page.body, where) }));
      // A failed or cancelled first request is not remembered: the next call asks again.
      this.first.catch(() => (this.first = undefined));
    }
    return this.first;
  }

  /**
   * Resolves secrets and builds the client once. A secret that is not set,
   * or whose origins do not include the URL's, fails here, before any
   * request.
   */
  private prepare(): Prepared {
    if (this.prepared !== undefined) return this.prepared;
    const o = this.options;
    const used: string[] = [];
    const uses: Array<{ use: SecretUse; param: string }> = [];
    const resolve = (text: string, place: SecretPlace, param: string): { text: string; secret: boolean } => {
      try {
        const r = resolveSecrets(text, this.secrets, place);
        used.push(...r.values);
        uses.push(...r.uses.map((use) => ({ use, param })));
        return { text: r.text, secret: r.uses.length > 0 };
      } catch (e) {
        if (e instanceof MissingSecretError && e.said !== undefined) throw new HttpSourceError(e.said, param);
        throw e;
      }
    };
    let base: URL;
    try {
      base = new URL(resolve(o.url, { in: 'url' }, 'url').text);
    } catch (e) {
      if (e instanceof HttpSourceError) throw e;
      throw new HttpSourceError(said('http.url', { url: o.url }));
    }
    if (base.protocol !== 'http:' && base.protocol !== 'https:')
      throw new HttpSourceError(said('http.url/protocol', { url: o.url }));
    const secretQuery = new Set<string>();
    for (const q of o.query ?? []) {
      const value = resolve(q.value, { in: 'query', name: q.name }, 'query');
      if (value.secret) secretQuery.add(q.name);
      base.searchParams.append(q.name, value.text);
    }
    const headers = new Headers();
    const secretHeaders = new Set<string>();
    for (const h of o.headers ?? []) {
      const value = resolve(h.value, { in: 'header', name: h.name }, 'headers');
      try {
        headers.append(h.name, value.text);
      } catch {
        throw new HttpSourceError(said('http.header', { name: h.name }), 'headers');
      }
      if (value.secret) secretHeaders.add(h.name.toLowerCase());
    }
    for (const { use, param } of uses) {
      try {
        checkOrigins([use], base.origin);
      } catch (e) {
        if (e instanceof SecretOriginError && e.said !== undefined) throw new HttpSourceError(e.said, param);
        throw e;
      }
    }
    if (!headers.has('accept')) headers.set('accept', 'application/json');
    const policy: RequestPolicy = {
      timeoutMs: o.timeoutMs ?? HTTP_DEFAULTS.timeoutMs,
      retries: o.retries ?? HTTP_DEFAULTS.retries,
      backoffMs: o.backoffMs ?? HTTP_DEFAULTS.backoffMs,
      maxRetryWaitMs: o.maxRetryWaitMs ?? HTTP_DEFAULTS.maxRetryWaitMs,
      maxResponseBytes: o.maxResponseBytes ?? HTTP_DEFAULTS.maxResponseBytes,
    };
    const credentials = Credentials.of(base, headers, secretHeaders, secretQuery, used);
    const client = new JsonClient(policy, new RateLimiter(o.requestsPerSecond ?? 0), headers, credentials);
    this.prepared = {
      client,
      credentials,
      firstUrl: firstPageUrl(base.href, o.pagination ?? { style: 'none' }),
      secrets: used,
    };
    return this.prepared;
  }

  private where(page: number, url: string): string {
    return `page ${page} of GET ${redact(url, this.prepared?.secrets ?? [])}`;
  }

  private overrides(): Array<{ column: string; type: HttpColumnType }> {
    return (this.options.columnTypes ?? []).map((o) => {
      const type = o.type.trim().toUpperCase();
      if (!isHttpColumnType(type)) {
        throw new HttpSourceError(said('http.column-type', { column: o.column, type: o.type }), 'columnTypes');
      }
      return { column: o.column, type };
    });
  }

  /** The records of a response: an array at the records path, one object, or nothing for null. */
  private records(body: unknown, where: string): unknown[] {
    const path = this.options.recordsPath ?? '';
    const found = atPath(body, path);
    if (!found.found) {
      const keys = found.keys.map((k) => `"${k}"`).join(', ');
      const missing = { where, path };
      if (found.keys.length === 0) throw new HttpSourceError(said('http.records', missing), 'recordsPath');
      throw new HttpSourceError(
        found.at === ''
          ? said('http.records/keys', { ...missing, keys })
          : said('http.records/keys-at', { ...missing, keys, at: found.at }),
        'recordsPath',
      );
    }
    const v = found.value;
    if (Array.isArray(v)) return v;
    if (v === null) return [];
    if (typeof v === 'object') return [v];
    const value = JSON.stringify(v).slice(0, 40);
    throw new HttpSourceError(
      path === ''
        ? said('http.records/response-not', { where, value })
        : said('http.records/not', { where, path, value }),
      'recordsPath',
    );
  }

  private row(record: unknown, layout: RecordLayout, where: string, n: number): ExternalValue[] {
    const values: ExternalValue[] = new Array<ExternalValue>(layout.columns.length).fill(null);
    for (const [field, v] of flatten(record)) {
      const i = layout.index.get(field);
      if (i === undefined) continue;
      const type = layout.types[i] ?? 'VARCHAR';
      const typed = toColumnValue(v, type);
      if (typed === undefined) {
        const name = layout.columns[i]?.name ?? field;
        throw new HttpSourceError(
          said('http.value-type', {
            where,
            record: String(n),
            value: JSON.stringify(v).slice(0, 60),
            field,
            type,
            column: name,
          }),
          'columnTypes',
        );
      }
      values[i] = typed;
    }
    return values;
  }
}

/** Enough of a page to tell it from the next one: its size and its first and last records. */
function signature(records: readonly unknown[]): string {
  return `${records.length}:${JSON.stringify(records[0])}:${JSON.stringify(records[records.length - 1])}`;
}

/**
 * A next page on another origin than the one the credentials are for is
 * refused rather than followed: it would need them (the first page did),
 * and they are never sent there. Without credentials it is followed.
 */
function refuseForeignPage(next: string, credentials: Credentials, where: string): void {
  const origin = new URL(next).origin;
  if (origin === credentials.origin || !credentials.present) return;
  throw new HttpSourceError(
    said('http.pagination/foreign', { where, origin, credentials: credentials.origin }),
    'pagination',
  );
}
