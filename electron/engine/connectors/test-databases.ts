import { randomBytes } from 'node:crypto';
import mysql from 'mysql2';
import pg from 'pg';
import type { ConnectionsFile } from '../../../shared/connections/connection';
import type { PipelineDocument } from '../../../shared/format/document';
import { parseDocument } from '../../../shared/format/parse';
import { connectionLookup } from '../connections/lookup';
import type { ConnectionLookup } from '../connections/resolved';

/**
 * The real servers the connector tests use (PostgreSQL and MariaDB on
 * 127.0.0.1, as .ci/run starts them): each test file makes its own schema
 * or database with a random name and drops it afterwards.
 */

export const PG = {
  host: '127.0.0.1',
  port: 5432,
  user: process.env['DUTO_TEST_PG_USER'] ?? 'postgres',
  database: 'test',
};
export const MY = { host: '127.0.0.1', port: 3306, user: 'root' };

export function randomName(prefix: string): string {
  return `${prefix}_${randomBytes(5).toString('hex')}`;
}

export async function pgQuery(sql: string, values: unknown[] = []): Promise<unknown[][]> {
  return (await pgQueries([[sql, values]]))[0] ?? [];
}

/** Several statements on one connection, in order. */
export async function pgQueries(
  statements: ReadonlyArray<readonly [string, (readonly unknown[])?]>,
): Promise<unknown[][][]> {
  const c = new pg.Client(PG);
  await c.connect();
  try {
    const out: unknown[][][] = [];
    for (const [text, values] of statements)
      out.push((await c.query({ text, values: [...(values ?? [])], rowMode: 'array' })).rows);
    return out;
  } finally {
    await c.end();
  }
}

export async function myQuery(sql: string, values: unknown[] = [], database?: string): Promise<unknown[][]> {
  return (await myQueries([[sql, values]], database))[0] ?? [];
}

/** Several statements on one connection, in order. */
export async function myQueries(
  statements: ReadonlyArray<readonly [string, (readonly unknown[])?]>,
  database?: string,
): Promise<unknown[][][]> {
  const conn = mysql.createConnection({
    ...MY,
    ...(database === undefined ? {} : { database }),
    multipleStatements: false,
    dateStrings: true,
    supportBigNumbers: true,
    bigNumberStrings: true,
  });
  try {
    const out: unknown[][][] = [];
    for (const [sql, values] of statements) {
      out.push(
        await new Promise<unknown[][]>((resolve, reject) =>
          conn.query({ sql, values: [...(values ?? [])], rowsAsArray: true }, (err, rows) =>
            err === null ? resolve(Array.isArray(rows) ? rows.filter(Array.isArray) : []) : reject(err),
          ),
        ),
      );
    }
    return out;
  } finally {
    conn.end();
  }
}

/** A PostgreSQL schema for one test file. */
export async function pgSchema(): Promise<{ name: string; drop: () => Promise<void> }> {
  const name = randomName('duto_t');
  await pgQuery(`CREATE SCHEMA ${name}`);
  return { name, drop: async () => void (await pgQuery(`DROP SCHEMA IF EXISTS ${name} CASCADE`)) };
}

/** A MariaDB database for one test file. */
export async function myDatabase(): Promise<{ name: string; drop: () => Promise<void> }> {
  const name = randomName('duto_t');
  await myQuery(`CREATE DATABASE ${name} CHARACTER SET utf8mb4`);
  return { name, drop: async () => void (await myQuery(`DROP DATABASE IF EXISTS ${name}`)) };
}

export function testConnectionsFile(mysqlDatabase = 'test'): ConnectionsFile {
  return {
    format: 'duto.connections',
    version: 1,
    connections: {
      warehouse: { kind: 'postgres', ...PG },
      shop: { kind: 'mysql', ...MY, database: mysqlDatabase },
    },
  };
}

export function testConnections(mysqlDatabase = 'test', env: Record<string, string> = {}): ConnectionLookup {
  return connectionLookup([testConnectionsFile(mysqlDatabase)], env);
}

export interface NodeSpec {
  id: string;
  type: string;
  typeVersion?: number;
  inputs?: Record<string, string | string[]>;
  params?: Record<string, unknown>;
}

/** A pipeline of these nodes, checked by the document schema (so tests can write params loosely). */
export function doc(...nodes: NodeSpec[]): PipelineDocument {
  const parsed = parseDocument({ format: 'duto.pipeline', version: 1, nodes });
  if (!parsed.ok) throw new Error(parsed.diagnostics.map((d) => d.message).join('; '));
  return parsed.document;
}

/**
 * `source` (a late_bad table: i, and x whose 'oops' row comes after thousands
 * of good ones) with x cast to an integer, into `sink`: the run fails
 * mid-stream, with the sink already loading.
 */
export function failingLate(source: NodeSpec, sink: (input: string) => NodeSpec): PipelineDocument {
  return doc(
    source,
    {
      id: 'typed',
      type: 'transform.derive',
      inputs: { in: source.id },
      params: { columns: [{ name: 'y', expression: 'CAST(x AS INTEGER)::VARCHAR' }] },
    },
    {
      id: 'kept',
      type: 'transform.select',
      inputs: { in: 'typed' },
      params: { columns: [{ column: 'i' }, { column: 'y' }] },
    },
    sink('kept'),
  );
}
