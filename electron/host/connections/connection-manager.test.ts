import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ConnectionDefinition } from '../../../shared/connections/connection';
import type { PipelineDocument } from '../../../shared/format/document';
import type { OperationName, Reply } from '../../../shared/ipc/contract';
import { freshDir } from '../../engine/test-support';
import { browserShellHosts } from '../test-hosts';
import { createConnectionManager } from './connection-manager';
import { createMemorySecretStore, type SecretStore } from './secret-store';
import {
  closedPort,
  expectNoPassword,
  filesUnder,
  mariadb,
  mariadbUserForTests,
  POSTGRES,
  testPassword,
} from './test-databases';

const makeHost = browserShellHosts();
const maria = mariadbUserForTests();

function value<T>(reply: Reply<OperationName>): T {
  if (!reply.ok) throw new Error(`expected ok, got ${JSON.stringify(reply)}`);
  return reply.value as T;
}

type TestResult = { ok: boolean; code: string; message: string };
type ListResult = {
  file: string;
  storage: { mode: string };
  connections: Array<{ name: string; definition: ConnectionDefinition; hasPassword: boolean; environment: string[] }>;
};

describe('connection manager (host, real PostgreSQL and MariaDB)', () => {
  it('saves the definition to the user connections file and the password only in the secret store', async () => {
    const { call, connectionsFile } = makeHost();
    const password = testPassword('pg');
    const saved = value<{ status: string; connection: { hasPassword: boolean } }>(
      await call('connections.save', {
        name: 'warehouse',
        definition: POSTGRES,
        password: { action: 'set', value: password },
      }),
    );
    expect(saved).toMatchObject({ status: 'saved', connection: { hasPassword: true } });
    const onDisk: unknown = JSON.parse(readFileSync(connectionsFile, 'utf8'));
    expect(onDisk).toEqual({ format: 'duto.connections', version: 1, connections: { warehouse: POSTGRES } });
    const list = value<ListResult>(await call('connections.list', {}));
    expect(list.file).toBe(connectionsFile);
    expect(list.storage.mode).toBe('memory');
    expect(list.connections).toEqual([{ name: 'warehouse', definition: POSTGRES, hasPassword: true, environment: [] }]);
  });

  it('tests a saved PostgreSQL connection with SELECT 1, and names the connection when the login is refused', async () => {
    const { call } = makeHost();
    const password = testPassword('pg');
    await call('connections.save', {
      name: 'warehouse',
      definition: POSTGRES,
      password: { action: 'set', value: password },
    });
    expect(value<TestResult>(await call('connections.test', { name: 'warehouse' }))).toMatchObject({ ok: true });
    // The server trusts 127.0.0.1 (no password check), so a refused login here is a role that does not exist.
    const refused = value<TestResult>(
      await call('connections.test', {
        name: 'warehouse',
        definition: { ...POSTGRES, user: 'no_such_role' },
        password: { action: 'set', value: password },
      }),
    );
    expect(refused.ok).toBe(false);
    expect(refused.message).toContain(
      'connection "warehouse" (postgres at 127.0.0.1:5432, database test, user no_such_role)',
    );
    expect(refused.message).toContain('role "no_such_role" does not exist');
    expect(refused.message).not.toContain(password);
  });

  it('reports an unreachable server clearly, naming the connection', async () => {
    const { call } = makeHost();
    const port = await closedPort();
    for (const definition of [
      { ...POSTGRES, port },
      { ...mariadb('root'), port },
    ]) {
      const r = value<TestResult>(
        await call('connections.test', {
          name: 'nowhere',
          definition,
          password: { action: 'set', value: 'pw-never-shown' },
        }),
      );
      expect(r.ok).toBe(false);
      expect(r.message).toContain(`connection "nowhere" (${definition.kind} at 127.0.0.1:${port}`);
      expect(r.message).toMatch(/refused the connection/);
      expect(r.message).not.toContain('pw-never-shown');
    }
  });

  it('MariaDB: the stored password logs in; a wrong one is refused with a message that names the connection and holds no password', async () => {
    const { call } = makeHost();
    await call('connections.save', {
      name: 'shop',
      definition: mariadb(maria().user),
      password: { action: 'set', value: maria().password },
    });
    expect(value<TestResult>(await call('connections.test', { name: 'shop' }))).toMatchObject({
      ok: true,
      code: 'connection.ok',
    });

    const wrong = testPassword('wrong');
    await call('connections.save', {
      name: 'shop',
      previousName: 'shop',
      definition: mariadb(maria().user),
      password: { action: 'set', value: wrong },
    });
    const refused = value<TestResult>(await call('connections.test', { name: 'shop' }));
    expect(refused.ok).toBe(false);
    expect(refused.message).toContain(
      `connection "shop" (mysql at 127.0.0.1:3306, database test, user ${maria().user})`,
    );
    // The stored password is the one to check, not the environment variable the CLI would read.
    expect(refused.message).toMatch(
      /refused user .* with this password \(check the password stored for it under Connections\)/,
    );
    expect(refused.message).not.toContain(wrong);
    expect(refused.message).not.toContain(maria().password);

    // Unsaved form values are tested as typed, and the saved connection is untouched.
    expect(
      value<TestResult>(
        await call('connections.test', {
          name: 'shop',
          definition: mariadb(maria().user),
          password: { action: 'set', value: maria().password },
        }),
      ),
    ).toMatchObject({ ok: true });
    expect(value<TestResult>(await call('connections.test', { name: 'shop' })).ok).toBe(false);
  });

  it('falls back to DUTO_CONN_<NAME>_PASSWORD, and a stored password wins over it', async () => {
    const { call } = makeHost({ DUTO_CONN_SHOP_PASSWORD: maria().password });
    await call('connections.save', { name: 'shop', definition: mariadb(maria().user) });
    const list = value<ListResult>(await call('connections.list', {}));
    expect(list.connections[0]).toMatchObject({
      name: 'shop',
      hasPassword: false,
      environment: ['DUTO_CONN_SHOP_PASSWORD'],
    });
    expect(value<TestResult>(await call('connections.test', { name: 'shop' })).ok).toBe(true);
    await call('connections.save', {
      name: 'shop',
      previousName: 'shop',
      definition: mariadb(maria().user),
      password: { action: 'set', value: 'not-the-password' },
    });
    expect(value<TestResult>(await call('connections.test', { name: 'shop' })).ok).toBe(false);
    await call('connections.save', {
      name: 'shop',
      previousName: 'shop',
      definition: mariadb(maria().user),
      password: { action: 'clear' },
    });
    expect(value<TestResult>(await call('connections.test', { name: 'shop' })).ok).toBe(true);
  });

  it('renames a connection with its stored password, and deletes both', async () => {
    const { call, connectionsFile } = makeHost();
    await call('connections.save', {
      name: 'shop',
      definition: mariadb(maria().user),
      password: { action: 'set', value: maria().password },
    });
    const renamed = await call('connections.save', {
      name: 'store',
      previousName: 'shop',
      definition: mariadb(maria().user),
    });
    expect(value<{ connection: { name: string; hasPassword: boolean } }>(renamed).connection).toEqual(
      expect.objectContaining({ name: 'store', hasPassword: true }),
    );
    expect(value<TestResult>(await call('connections.test', { name: 'store' })).ok).toBe(true);
    expect(value<ListResult>(await call('connections.list', {})).connections.map((c) => c.name)).toEqual(['store']);

    expect(value<{ deleted: boolean }>(await call('connections.delete', { name: 'store' }))).toEqual({ deleted: true });
    expect(value<ListResult>(await call('connections.list', {})).connections).toEqual([]);
    expect(JSON.parse(readFileSync(connectionsFile, 'utf8'))).toMatchObject({ connections: {} });
    expect(value<{ deleted: boolean }>(await call('connections.delete', { name: 'store' }))).toEqual({
      deleted: false,
    });
    // Re-created under the old name, it does not inherit a password.
    await call('connections.save', { name: 'store', definition: mariadb(maria().user) });
    expect(value<ListResult>(await call('connections.list', {})).connections[0]?.hasPassword).toBe(false);
  });

  it('refuses duplicates, unknown entries, bad names and a password inside a definition', async () => {
    const { call } = makeHost();
    await call('connections.save', { name: 'warehouse', definition: POSTGRES });
    expect(await call('connections.save', { name: 'warehouse', definition: POSTGRES })).toMatchObject({
      ok: false,
      error: { code: 'connections.exists' },
    });
    expect(await call('connections.save', { name: 'other', previousName: 'gone', definition: POSTGRES })).toMatchObject(
      { ok: false, error: { code: 'connections.not-found' } },
    );
    expect(await call('connections.save', { name: 'Bad Name', definition: POSTGRES })).toMatchObject({
      ok: false,
      error: { code: 'request.invalid' },
    });
    const leaky = { ...POSTGRES, password: 'in-the-file' };
    const refused = await call('connections.save', { name: 'leaky', definition: leaky });
    expect(refused).toMatchObject({ ok: false, error: { code: 'request.invalid' } });
    expect(JSON.stringify(refused)).not.toContain('in-the-file');
  });

  it('never writes a password to any file, nor sends one back', async () => {
    const { call, userDataDir, configDir, replies } = makeHost();
    const pgPassword = testPassword('pg');
    await call('connections.save', {
      name: 'warehouse',
      definition: POSTGRES,
      password: { action: 'set', value: pgPassword },
    });
    await call('connections.save', {
      name: 'shop',
      definition: mariadb(maria().user),
      password: { action: 'set', value: maria().password },
    });
    await call('connections.test', { name: 'warehouse' });
    await call('connections.test', { name: 'shop' });
    await call('connections.test', {
      name: 'shop',
      definition: { ...mariadb(maria().user), user: 'nobody_here' },
      password: { action: 'keep' },
    });
    await call('connections.save', { name: 'store', previousName: 'shop', definition: mariadb(maria().user) });
    await call('connections.list', {});
    await call('pipeline.check', { document: mysqlPreviewDoc('store', maria().table), baseDir: configDir });
    const files = filesUnder(userDataDir, configDir);
    expect(files.map((f) => f.path)).toContain(join(configDir, 'duto', 'connections.json'));
    for (const password of [pgPassword, maria().password]) {
      expectNoPassword(
        files.map((f) => f.text),
        password,
      );
      expectNoPassword(replies, password);
    }
  });

  it('gives a pipeline session the stored password of the connection it names: a MariaDB source previews through the host', async () => {
    const { call, configDir } = makeHost();
    await call('connections.save', {
      name: 'shop',
      definition: mariadb(maria().user),
      password: { action: 'set', value: maria().password },
    });
    const doc = mysqlPreviewDoc('shop', maria().table);
    const preview = value<{ rows: unknown[][] }>(
      await call('pipeline.preview', {
        document: doc,
        baseDir: configDir,
        nodeId: 'orders',
        limit: 10,
        requestId: 'p1',
      }),
    );
    expect(preview.rows).toEqual([
      [1, 10],
      [2, 20],
      [3, 30],
    ]);
    // Without its password the same pipeline fails on the node, naming the connection; the session was not reused.
    await call('connections.save', {
      name: 'shop',
      previousName: 'shop',
      definition: mariadb(maria().user),
      password: { action: 'clear' },
    });
    const check = value<{ ok: boolean; diagnostics: Array<{ nodeId?: string; message: string }> }>(
      await call('pipeline.check', { document: doc, baseDir: configDir }),
    );
    expect(check.ok).toBe(false);
    expect(check.diagnostics.find((d) => d.nodeId === 'orders')?.message).toContain('connection "shop"');
  });
});

describe("the app reads only the user's connections file", () => {
  it('a duto.connections.json beside the pipeline neither redefines a connection nor adds one: nothing goes to the hosts it names', async () => {
    const { call, replies, connectionsFile } = makeHost({ DUTO_CONN_EXTRA_PASSWORD: 'env-S3cr3t-extra' });
    const password = testPassword('pg');
    await call('connections.save', {
      name: 'warehouse',
      definition: POSTGRES,
      password: { action: 'set', value: password },
    });
    // Where the pipeline's file would send the passwords: a listener that counts who connects.
    const collector = createServer((socket) => {
      arrivals++;
      socket.destroy();
    });
    let arrivals = 0;
    await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
    const address = collector.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    try {
      const project = freshDir('duto-shipped-');
      const shipped = { ...POSTGRES, port };
      writeFileSync(
        join(project, 'duto.connections.json'),
        JSON.stringify({ format: 'duto.connections', version: 1, connections: { warehouse: shipped, extra: shipped } }),
      );
      const read = (id: string, connection: string) => ({
        id,
        type: 'source.postgres',
        params: { connection, mode: 'query', query: 'SELECT 1 AS one' },
      });
      const doc: PipelineDocument = {
        format: 'duto.pipeline',
        version: 2,
        nodes: [read('mine', 'warehouse'), read('theirs', 'extra')],
      };
      const check = value<{
        diagnostics: Array<{ severity: string; nodeId?: string; param?: string; message: string }>;
        schemas: Record<string, unknown>;
      }>(await call('pipeline.check', { document: doc, baseDir: project, file: join(project, 'p.duto.json') }));
      expect(check.schemas['mine']).toEqual([{ name: 'one', type: 'INTEGER' }]);
      const theirs = check.diagnostics.find((d) => d.nodeId === 'theirs' && d.severity === 'error');
      expect(theirs?.param).toBe('connection');
      expect(theirs?.message).toBe(
        `there is no connection "extra": define it in the Connections dialog (it writes ${connectionsFile}), or set DUTO_CONN_EXTRA_URL`,
      );
      expect(arrivals).toBe(0);
      expectNoPassword(replies, password);
    } finally {
      await new Promise<void>((resolve) => collector.close(() => resolve()));
    }
  });
});

describe('session lookups', () => {
  /** The memory store, noting which names each session asked for. */
  function recording(store: SecretStore): { store: SecretStore; asked: string[][] } {
    const asked: string[][] = [];
    return { asked, store: { ...store, get: (names) => (asked.push([...names]), store.get(names)) } };
  }

  it('fetch only the passwords of the connections a document names, and change key when a connection changes', async () => {
    const dir = freshDir('duto-conn-lookup-');
    const { store, asked } = recording(createMemorySecretStore());
    const manager = createConnectionManager({
      file: join(dir, 'connections.json'),
      env: { DUTO_CONN_SHOP_PASSWORD: 'from-env' },
      secrets: store,
    });
    await manager.handlers['connections.save']({
      name: 'warehouse',
      definition: POSTGRES,
      password: { action: 'set', value: 'pg-pw' },
      allowPlainTextStorage: false,
    });
    await manager.handlers['connections.save']({
      name: 'other',
      definition: POSTGRES,
      password: { action: 'set', value: 'other-pw' },
      allowPlainTextStorage: false,
    });
    await manager.handlers['connections.save']({
      name: 'shop',
      definition: mariadb('etl'),
      password: { action: 'keep' },
      allowPlainTextStorage: false,
    });
    asked.length = 0;

    const doc = mysqlPreviewDoc('${conn}', 't');
    doc.params = { conn: { default: 'warehouse' } };
    doc.nodes.push({ id: 'more', type: 'source.mysql', params: { connection: 'shop', mode: 'table', table: 't' } });
    const lookup = await manager.lookupFor(doc, {});
    expect(asked).toEqual([['shop', 'warehouse']]);
    expect(lookup.resolve('warehouse')).toMatchObject({
      password: 'pg-pw',
      label: 'connection "warehouse" (postgres at 127.0.0.1:5432, database test, user postgres)',
    });
    expect(lookup.resolve('shop').password).toBe('from-env');
    expect(lookup.resolve('other').password).toBeUndefined();
    expect(() => lookup.resolve('missing')).toThrow(/there is no connection "missing"/);

    const stamp = manager.sessionStamp(doc, {});
    expect(stamp).not.toBe('');
    expect(manager.sessionStamp({ format: 'duto.pipeline', version: 2, nodes: [] }, {})).toBe('');
    await manager.handlers['connections.save']({
      name: 'warehouse',
      previousName: 'warehouse',
      definition: POSTGRES,
      password: { action: 'set', value: 'new-pw' },
      allowPlainTextStorage: false,
    });
    expect(manager.sessionStamp(doc, {})).not.toBe(stamp);
  });
});

describe('session lookups when the secret store fails', () => {
  it('report it on the connection a node names, instead of failing the whole check', async () => {
    const dir = freshDir('duto-conn-lookup-');
    const failing: SecretStore = {
      ...createMemorySecretStore(),
      get: async () => Promise.reject(new Error('the stored passwords file is damaged')),
    };
    const manager = createConnectionManager({ file: join(dir, 'connections.json'), env: {}, secrets: failing });
    await manager.handlers['connections.save']({
      name: 'shop',
      definition: mariadb('etl'),
      password: { action: 'keep' },
      allowPlainTextStorage: false,
    });
    const lookup = await manager.lookupFor(mysqlPreviewDoc('shop', 't'), {});
    expect(() => lookup.resolve('shop')).toThrow(
      'the stored password of connection "shop" cannot be read: the stored passwords file is damaged',
    );
  });
});

function mysqlPreviewDoc(connection: string, table: string): PipelineDocument {
  return {
    format: 'duto.pipeline',
    version: 2,
    nodes: [{ id: 'orders', type: 'source.mysql', params: { connection, mode: 'table', table } }],
  };
}
