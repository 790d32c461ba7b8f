import { HTTP_SOURCE_CONFIG } from '../../../../shared/external/http-api';
import type { ConnectorFactory } from '../../external/connector';
import { HttpSource } from './http-source';

/** JSON APIs over HTTP GET, page by page. */
export const httpConnector: ConnectorFactory = {
  kind: 'http',
  source: (ctx) => {
    const c = HTTP_SOURCE_CONFIG.parse(ctx.config);
    return new HttpSource(
      {
        url: c.url,
        query: c.query,
        headers: c.headers,
        recordsPath: c.recordsPath,
        pagination: c.pagination,
        maxPages: c.maxPages,
        requestsPerSecond: c.requestsPerSecond,
        timeoutMs: c.timeoutSeconds * 1000,
        retries: c.retries,
        columnTypes: c.columnTypes,
      },
      ctx.secrets,
    );
  },
};
