import { HttpSourceError } from './http-error';
import { atPath } from './json-path';
import { nextLink } from './link-header';
import { said } from '../../../../shared/messages/diagnostic-messages';

/**
 * How an API splits its records into pages, and how to ask for the next:
 * - `page`: a page number parameter (page=1, 2, …), until a page is empty;
 * - `offset`: offset and limit parameters, the offset advanced by the records received, until a page is empty;
 * - `cursor`: the next cursor read from each response at a JSON path, until it is missing, null or empty;
 * - `link`: the `rel="next"` URL of the Link header (GitHub's style), until there is none.
 * The state lives in the URL itself, so each step needs only the last page.
 */
export type Pagination =
  | { style: 'none' }
  | { style: 'page'; pageParam: string; firstPage: number; sizeParam?: string; size?: number }
  | { style: 'offset'; offsetParam: string; limitParam: string; limit: number }
  | { style: 'cursor'; cursorParam: string; cursorPath: string }
  | { style: 'link' };

/** The first page's URL: the base URL with the pagination's starting parameters. */
export function firstPageUrl(base: string, p: Pagination): string {
  const url = new URL(base);
  if (p.style === 'page') {
    url.searchParams.set(p.pageParam, String(p.firstPage));
    if (p.sizeParam !== undefined && p.sizeParam !== '' && p.size !== undefined)
      url.searchParams.set(p.sizeParam, String(p.size));
  } else if (p.style === 'offset') {
    url.searchParams.set(p.offsetParam, '0');
    url.searchParams.set(p.limitParam, String(p.limit));
  }
  return url.href;
}

export interface PageSeen {
  /** The URL asked for. */
  url: string;
  /** The URL that answered (after redirects), which relative links resolve against. */
  responseUrl: string;
  body: unknown;
  headers: Headers;
  records: number;
  /** Names the page in messages. */
  where: string;
}

/** The next page's URL, or undefined when `page` was the last. */
export function nextPageUrl(p: Pagination, page: PageSeen): string | undefined {
  switch (p.style) {
    case 'none':
      return undefined;
    case 'page':
      return page.records === 0
        ? undefined
        : withParam(page.url, p.pageParam, String(Number(new URL(page.url).searchParams.get(p.pageParam)) + 1));
    case 'offset':
      return page.records === 0
        ? undefined
        : withParam(
            page.url,
            p.offsetParam,
            String(Number(new URL(page.url).searchParams.get(p.offsetParam)) + page.records),
          );
    case 'cursor': {
      const cursor = nextCursor(page.body, p.cursorPath, page.where);
      if (cursor === undefined) return undefined;
      if (new URL(page.url).searchParams.get(p.cursorParam) === cursor) {
        throw new HttpSourceError(said('http.pagination/same-cursor', { where: page.where, cursor }), 'cursorPath');
      }
      return withParam(page.url, p.cursorParam, cursor);
    }
    case 'link': {
      const next = nextLink(page.headers.get('link'), page.responseUrl);
      if (next === page.url)
        throw new HttpSourceError(said('http.pagination/same-link', { where: page.where }), 'pagination');
      return next;
    }
  }
}

function withParam(url: string, name: string, value: string): string {
  const u = new URL(url);
  u.searchParams.set(name, value);
  return u.href;
}

/**
 * The cursor at `path`. A last page often leaves the field out: missing,
 * null or empty ends the paging. But when even the object holding it is
 * missing, the path is wrong, and saying so beats reading one page quietly.
 */
function nextCursor(body: unknown, path: string, where: string): string | undefined {
  const found = atPath(body, path);
  if (!found.found) {
    const segments = path.split('.');
    const depth = found.at === '' ? 0 : found.at.split('.').length;
    if (depth === segments.length - 1) return undefined;
    const missing = { where, key: segments.slice(0, depth + 1).join('.'), path };
    const keys = found.keys.map((k) => `"${k}"`).join(', ');
    throw new HttpSourceError(
      found.keys.length === 0
        ? said('http.pagination/no-cursor', missing)
        : said('http.pagination/no-cursor-keys', { ...missing, keys }),
      'cursorPath',
    );
  }
  const v = found.value;
  if (v === null || v === undefined || v === '' || v === false) return undefined;
  if (typeof v === 'string' || typeof v === 'number') return String(v);
  throw new HttpSourceError(
    said(Array.isArray(v) ? 'http.pagination/cursor-array' : 'http.pagination/cursor-object', { where, path }),
    'cursorPath',
  );
}
