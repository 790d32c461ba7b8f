import {
  HTTP_COLUMN_TYPES,
  PAGINATION_STYLES,
  type HttpPagination,
  type HttpSourceConfig,
} from '../../external/http-api';
import { defineNode, type NodeIssue } from '../node-type';
import { p } from '../params';

/**
 * HTTP JSON source: GET requests, page after page, read into DuckDB by the
 * engine's HTTP connector. Secrets are referenced as `${secret:NAME}` in
 * header and query values and resolved at run time (the app's stored
 * secrets, else DUTO_SECRET_NAME in the environment): the pipeline never
 * holds them.
 */

const style = (...values: Array<(typeof PAGINATION_STYLES)[number]>) => ({ param: 'pagination', equals: values });
const nameValue = (itemLabel: string, description: string) =>
  p.list({
    label: `${itemLabel[0]?.toUpperCase() ?? ''}${itemLabel.slice(1)}s`,
    itemLabel,
    description,
    fields: { name: p.requiredString({ label: 'Name' }), value: p.string({ label: 'Value' }) },
  });

export const sourceHttp = defineNode({
  type: 'source.http',
  version: 1,
  category: 'source',
  label: 'HTTP JSON API',
  description:
    'Reads records from a JSON API page by page, e.g. GET https://api.example.com/v1/orders, records at data.items, next page from a cursor.',
  keywords: ['http', 'https', 'api', 'rest', 'json', 'web', 'url', 'fetch', 'pagination'],
  inputs: [],
  outputs: [{ name: 'out', label: 'Rows' }],
  params: {
    url: p.requiredString({ label: 'URL', placeholder: 'https://api.example.com/v1/items' }),
    query: nameValue('query parameter', 'Added to the URL. A value can reference a secret as ${secret:NAME}.'),
    headers: nameValue(
      'header',
      'A value can reference a secret as ${secret:NAME} (e.g. Bearer ${secret:API_TOKEN}), stored under Connections → Secrets or read from DUTO_SECRET_NAME when the pipeline runs; never write the secret itself.',
    ),
    recordsPath: p.string({
      label: 'Records at',
      placeholder: 'e.g. data.items',
      description: 'Dotted path to the array of records in each response. Empty: the response itself.',
    }),
    pagination: p.enum({
      label: 'Pages',
      values: PAGINATION_STYLES,
      labels: {
        none: 'One request',
        page: 'Page number parameter',
        offset: 'Offset and limit parameters',
        cursor: 'Cursor from the response',
        link: 'Link header (rel="next")',
      },
      default: 'none',
    }),
    pageParam: p.string({ label: 'Page parameter', default: 'page', showIf: style('page') }),
    firstPage: p.number({ label: 'First page number', default: 1, integer: true, showIf: style('page') }),
    pageSizeParam: p.string({
      label: 'Page size parameter',
      placeholder: 'e.g. per_page',
      description: 'Empty: no page size is sent.',
      showIf: style('page'),
    }),
    offsetParam: p.string({ label: 'Offset parameter', default: 'offset', showIf: style('offset') }),
    limitParam: p.string({ label: 'Limit parameter', default: 'limit', showIf: style('offset') }),
    pageSize: p.number({
      label: 'Records per page',
      default: 100,
      min: 1,
      integer: true,
      showIf: style('page', 'offset'),
    }),
    cursorParam: p.string({ label: 'Cursor parameter', default: 'cursor', showIf: style('cursor') }),
    cursorPath: p.string({
      label: 'Next cursor at',
      placeholder: 'e.g. meta.next_cursor',
      description: 'Dotted path in the response; paging ends when it is missing, null or empty.',
      showIf: style('cursor'),
    }),
    maxPages: p.number({
      label: 'At most this many pages',
      default: 0,
      min: 0,
      integer: true,
      description: '0: no limit.',
      showIf: style('page', 'offset', 'cursor', 'link'),
    }),
    columnTypes: p.list({
      label: 'Column types',
      itemLabel: 'column type',
      description:
        'Override the type inferred from the first page (nested fields are named like user.id). Also declares columns when the first page may be empty.',
      fields: {
        column: p.requiredString({ label: 'Column' }),
        type: p.enum({ label: 'Type', values: HTTP_COLUMN_TYPES, default: 'VARCHAR' }),
      },
    }),
    requestsPerSecond: p.number({
      label: 'Requests per second at most',
      default: 0,
      min: 0,
      advanced: true,
      description: '0: no limit.',
    }),
    timeoutSeconds: p.number({ label: 'Timeout per request (seconds)', default: 30, min: 1, advanced: true }),
    retries: p.number({
      label: 'Retries',
      default: 4,
      min: 0,
      max: 10,
      integer: true,
      advanced: true,
      description: 'On 408, 429, 5xx and lost connections, waiting 1, 2, 4… seconds or as Retry-After says.',
    }),
  },
  compile(ctx) {
    const o = ctx.params;
    const issues: NodeIssue[] = [];
    const url = o.url.trim();
    if (!/^https?:\/\/[^\s/?#]+/i.test(url))
      issues.push({ param: 'url', message: `"${url}" is not an http:// or https:// URL` });
    let pagination: HttpPagination;
    switch (o.pagination) {
      case 'page':
        pagination = {
          style: 'page',
          pageParam: o.pageParam.trim(),
          firstPage: o.firstPage,
          sizeParam: o.pageSizeParam.trim(),
          size: o.pageSize,
        };
        if (pagination.pageParam === '') issues.push({ param: 'pageParam', message: 'name the page number parameter' });
        break;
      case 'offset':
        pagination = {
          style: 'offset',
          offsetParam: o.offsetParam.trim(),
          limitParam: o.limitParam.trim(),
          limit: o.pageSize,
        };
        if (pagination.offsetParam === '') issues.push({ param: 'offsetParam', message: 'name the offset parameter' });
        if (pagination.limitParam === '') issues.push({ param: 'limitParam', message: 'name the limit parameter' });
        break;
      case 'cursor':
        pagination = { style: 'cursor', cursorParam: o.cursorParam.trim(), cursorPath: o.cursorPath.trim() };
        if (pagination.cursorParam === '') issues.push({ param: 'cursorParam', message: 'name the cursor parameter' });
        if (pagination.cursorPath === '')
          issues.push({
            param: 'cursorPath',
            message: 'say where the next cursor is in the response, e.g. meta.next_cursor',
          });
        break;
      case 'link':
        pagination = { style: 'link' };
        break;
      case 'none':
        pagination = { style: 'none' };
        break;
    }
    if (issues.length > 0) return { issues };
    const config: HttpSourceConfig = {
      url,
      query: o.query,
      headers: o.headers,
      recordsPath: o.recordsPath.trim(),
      pagination,
      maxPages: o.pagination === 'none' ? 0 : o.maxPages,
      requestsPerSecond: o.requestsPerSecond,
      timeoutSeconds: o.timeoutSeconds,
      retries: o.retries,
      columnTypes: o.columnTypes,
    };
    return { externalSource: { kind: 'http', config, param: 'url', describe: `GET ${url}`, url } };
  },
});
