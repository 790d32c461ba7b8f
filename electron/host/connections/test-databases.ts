import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { afterAll, beforeAll, expect } from 'vitest';
import type { ConnectionDefinition } from '../../../shared/connections/connection';

/**
 * The real servers the connection tests use (see the brief: PostgreSQL with
 * trust auth, MariaDB with a password-less root), and a MariaDB user with a
 * password made for a test, so a wrong password is really refused.
 */

export const POSTGRES: ConnectionDefinition = {
  kind: 'postgres',
  host: '127.0.0.1',
  port: 5432,
  database: 'test',
  user: 'postgres',
};

export function mariadb(user: string): ConnectionDefinition {
  return { kind: 'mysql', host: '127.0.0.1', port: 3306, database: 'test', user };
}

/** Distinctive, so a leak is found by a plain substring search. */
export function testPassword(label: string): string {
  return `${label}-S3cr3t-${randomBytes(6).toString('hex')}`;
}

export interface MariadbUser {
  user: string;
  password: string;
  /** A table the user may read: ids 1..3. */
  table: string;
  drop(): Promise<void>;
}

export async function createMariadbUser(): Promise<MariadbUser> {
  const suffix = randomBytes(4).toString('hex');
  const user = `duto_mgr_${suffix}`;
  const table = `duto_mgr_orders_${suffix}`;
  const password = testPassword('maria');
  const root = await createConnection({ host: '127.0.0.1', port: 3306, user: 'root', database: 'test' });
  try {
    await root.query(`CREATE TABLE ${table} (id INT PRIMARY KEY, amount INT)`);
    await root.query(`INSERT INTO ${table} VALUES (1, 10), (2, 20), (3, 30)`);
    await root.query('CREATE USER ?@? IDENTIFIED BY ?', [user, '%', password]);
    await root.query(`GRANT SELECT ON test.${table} TO ?@?`, [user, '%']);
  } finally {
    await root.end();
  }
  return {
    user,
    password,
    table,
    async drop() {
      const r = await createConnection({ host: '127.0.0.1', port: 3306, user: 'root', database: 'test' });
      try {
        await r.query('DROP USER IF EXISTS ?@?', [user, '%']);
        await r.query(`DROP TABLE IF EXISTS ${table}`);
      } finally {
        await r.end();
      }
    },
  };
}

/** For a test file: a MariaDB user made before its tests and dropped after them. */
export function mariadbUserForTests(): () => MariadbUser {
  let made: MariadbUser | undefined;
  beforeAll(async () => {
    made = await createMariadbUser();
  });
  afterAll(async () => {
    await made?.drop();
  });
  return () => {
    if (made === undefined) throw new Error('the MariaDB test user is made before the tests run');
    return made;
  };
}

/** Every file under these folders, with its text. */
export function filesUnder(...dirs: string[]): Array<{ path: string; text: string }> {
  const out: Array<{ path: string; text: string }> = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else out.push({ path, text: readFileSync(path, 'latin1') });
    }
  };
  dirs.forEach(walk);
  return out;
}

/** None of these texts holds the password, in clear or in base64. */
export function expectNoPassword(texts: readonly string[], password: string): void {
  for (const text of texts) {
    expect(text).not.toContain(password);
    expect(text).not.toContain(Buffer.from(password).toString('base64'));
  }
}

/** A local port nothing listens on (taken, then released). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 1;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
