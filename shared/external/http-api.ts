import { z } from 'zod';

/**
 * What the HTTP JSON source asks of its connector: the data contract between
 * the catalog's pure compile and the engine's HTTP connector (which parses it
 * back with this schema). Header and query values may hold `${secret:NAME}`,
 * resolved by the engine when it sends the request: the config never holds
 * a secret.
 */

/** Types a field can be read as: inferred from the first page, or set per column. */
export const HTTP_COLUMN_TYPES = ['VARCHAR', 'BIGINT', 'DOUBLE', 'BOOLEAN', 'TIMESTAMP', 'DATE'] as const;
export type HttpColumnType = (typeof HTTP_COLUMN_TYPES)[number];

export const PAGINATION_STYLES = ['none', 'page', 'offset', 'cursor', 'link'] as const;

const nameValue = z.strictObject({ name: z.string().min(1), value: z.string() });

export const HTTP_PAGINATION = z.discriminatedUnion('style', [
  z.strictObject({ style: z.literal('none') }),
  /** `sizeParam` empty: no page size is sent. */
  z.strictObject({
    style: z.literal('page'),
    pageParam: z.string().min(1),
    firstPage: z.number().int(),
    sizeParam: z.string(),
    size: z.number().int().min(1),
  }),
  z.strictObject({
    style: z.literal('offset'),
    offsetParam: z.string().min(1),
    limitParam: z.string().min(1),
    limit: z.number().int().min(1),
  }),
  z.strictObject({ style: z.literal('cursor'), cursorParam: z.string().min(1), cursorPath: z.string().min(1) }),
  z.strictObject({ style: z.literal('link') }),
]);
export type HttpPagination = z.infer<typeof HTTP_PAGINATION>;

export const HTTP_SOURCE_CONFIG = z.strictObject({
  url: z.string().min(1),
  query: z.array(nameValue),
  headers: z.array(nameValue),
  /** Dotted path to the records in each response (`data.items`); empty: the response itself. */
  recordsPath: z.string(),
  pagination: HTTP_PAGINATION,
  /** 0: no cap. */
  maxPages: z.number().int().min(0),
  /** 0: no limit. */
  requestsPerSecond: z.number().min(0),
  timeoutSeconds: z.number().positive(),
  retries: z.number().int().min(0),
  columnTypes: z.array(z.strictObject({ column: z.string().min(1), type: z.enum(HTTP_COLUMN_TYPES) })),
});
export type HttpSourceConfig = z.infer<typeof HTTP_SOURCE_CONFIG>;

/** `${secret:NAME}` references in a text. */
export const SECRET_REF = /\$\{secret:([A-Za-z_][A-Za-z0-9_]*)\}/g;
