import { describe, expect, it } from 'vitest';
import { compileType } from '../../../test/compile-kit';
import { sourceHttp } from './source-http';

/* Compiles to the spec the HTTP connector reads (electron/engine/connectors/http/ reads a real server). */

describe('source.http', () => {
  it('compiles each pagination style to its spec; secrets stay references', () => {
    const c = compileType(sourceHttp, {
      url: 'https://api.example.com/v1/items',
      headers: [{ name: 'Authorization', value: 'Bearer ${secret:API_TOKEN}' }],
      recordsPath: 'data.items',
      pagination: 'cursor',
      cursorPath: 'meta.next',
      maxPages: 50,
    });
    expect(c).toEqual({
      externalSource: {
        kind: 'http',
        config: {
          url: 'https://api.example.com/v1/items',
          query: [],
          headers: [{ name: 'Authorization', value: 'Bearer ${secret:API_TOKEN}' }],
          recordsPath: 'data.items',
          pagination: { style: 'cursor', cursorParam: 'cursor', cursorPath: 'meta.next' },
          maxPages: 50,
          requestsPerSecond: 0,
          timeoutSeconds: 30,
          retries: 4,
          columnTypes: [],
        },
        param: 'url',
        describe: 'GET https://api.example.com/v1/items',
        url: 'https://api.example.com/v1/items',
      },
    });
    const pageOf = (raw: Record<string, unknown>): unknown => {
      const r = compileType(sourceHttp, { url: 'http://h/x', ...raw });
      return 'externalSource' in r ? r.externalSource?.config['pagination'] : r;
    };
    expect(pageOf({ pagination: 'page', pageSizeParam: 'per_page', pageSize: 50 })).toEqual({
      style: 'page',
      pageParam: 'page',
      firstPage: 1,
      sizeParam: 'per_page',
      size: 50,
    });
    expect(pageOf({ pagination: 'offset' })).toEqual({
      style: 'offset',
      offsetParam: 'offset',
      limitParam: 'limit',
      limit: 100,
    });
    expect(pageOf({ pagination: 'link' })).toEqual({ style: 'link' });
  });

  it('reports a URL that is not http(s) and a cursor style without its path', () => {
    expect(compileType(sourceHttp, { url: 'file:///etc/passwd', pagination: 'cursor' })).toEqual({
      issues: [
        { param: 'url', message: '"file:///etc/passwd" is not an http:// or https:// URL' },
        { param: 'cursorPath', message: 'say where the next cursor is in the response, e.g. meta.next_cursor' },
      ],
    });
  });
});
