import { z } from 'zod';

/**
 * Named database connections. A pipeline names a connection
 * (`connection: "warehouse"`); its definition — kind, host, port, database,
 * user, options — lives outside the pipeline, in a connections file, and its
 * password (or a whole URL) comes from the environment (headless) or the OS
 * keychain (the app). Nothing here ever holds a secret: the schema has no
 * place for one, and refuses unknown keys such as `password`.
 */

export const CONNECTION_KINDS = ['postgres', 'mysql', 'clickhouse'] as const;
export type ConnectionKind = (typeof CONNECTION_KINDS)[number];

/** Like node ids: lowercase, so the environment variable names derived from it are unambiguous. */
export const CONNECTION_NAME_PATTERN = /^[a-z][a-z0-9_]{0,62}$/;
export const connectionNameSchema = z
  .string()
  .regex(
    CONNECTION_NAME_PATTERN,
    'expected a connection name: lowercase letters, digits and _, starting with a letter',
  );

export const connectionSchema = z.strictObject({
  kind: z.enum(CONNECTION_KINDS),
  host: z.string().min(1).optional(),
  port: z.number().int().min(1).max(65535).optional(),
  database: z.string().min(1).optional(),
  user: z.string().min(1).optional(),
  description: z.string().optional(),
  /** Driver options that are not secrets. */
  options: z
    .strictObject({
      /** `require` verifies nothing but encrypts; `verify` checks the server's certificate too. */
      ssl: z.enum(['disable', 'require', 'verify']).optional(),
      connectTimeoutSeconds: z.number().positive().max(600).optional(),
      /** No-progress limit on every wait for the server (an answer, the next rows, a drained write); default 60 s. */
      idleTimeoutSeconds: z.number().positive().max(86_400).optional(),
      /** PostgreSQL statement_timeout (MySQL max_statement_time) for every statement; default none: a long load is not a stall. */
      statementTimeoutSeconds: z.number().positive().max(86_400).optional(),
      applicationName: z.string().optional(),
    })
    .optional(),
});

export type ConnectionDefinition = z.infer<typeof connectionSchema>;

export const CONNECTIONS_FORMAT = 'duto.connections';

export const connectionsFileSchema = z.strictObject({
  format: z.literal(CONNECTIONS_FORMAT),
  version: z.literal(1),
  connections: z.record(connectionNameSchema, connectionSchema),
});

export type ConnectionsFile = z.infer<typeof connectionsFileSchema>;

/** Environment variables that carry a connection's secret parts, headless. */
export function connectionEnvNames(name: string): { password: string; url: string } {
  const key = name.toUpperCase();
  return { password: `DUTO_CONN_${key}_PASSWORD`, url: `DUTO_CONN_${key}_URL` };
}

/** Default ports, for messages and for connecting. */
/** ClickHouse is reached over its HTTP interface (8123; 8443 with TLS, see the connector). */
export const DEFAULT_PORTS: Readonly<Record<ConnectionKind, number>> = {
  postgres: 5432,
  mysql: 3306,
  clickhouse: 8123,
};

/** `postgres at db.internal:5432, database sales, user etl`: where a connection goes, never its password. */
export function describeConnection(
  c: Pick<ConnectionDefinition, 'kind' | 'host' | 'port' | 'database' | 'user'>,
): string {
  const host = `${c.host ?? 'localhost'}:${String(c.port ?? DEFAULT_PORTS[c.kind])}`;
  return [
    `${c.kind} at ${host}`,
    c.database === undefined ? '' : `database ${c.database}`,
    c.user === undefined ? '' : `user ${c.user}`,
  ]
    .filter((x) => x !== '')
    .join(', ');
}
