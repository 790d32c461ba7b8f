import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PipelineDocument } from '../../shared/format/document';
import { sendJson, startApi } from '../engine/connectors/http/test-api-server';
import { freshDir } from '../engine/test-support';
import { createRemoteSecretStore } from '../host/connections/remote-secret-store';
import { answerSecretCall } from '../host/connections/secret-protocol';
import { expectNoPassword, filesUnder, mariadb, mariadbUserForTests } from '../host/connections/test-databases';
import { createHost } from '../host/host';
import { hostsClosedAfterEach } from '../host/test-hosts';
import { createEngineRelay } from './engine-relay';
import { relayed } from './relayed-handlers';
import { createSecretVault } from './secret-vault';
import { inMemoryEngineProcess } from './test-engine-process';
import { testSafeStorage } from './test-safe-storage';

/**
 * The Electron shell's password path, without Electron: renderer request →
 * main's handler → engine host (utility-process protocol, in memory) →
 * main's safeStorage vault, and back to the host when a connection is tested
 * or a pipeline session opens. Only safeStorage itself is a stand-in.
 */

const track = hostsClosedAfterEach();
const maria = mariadbUserForTests();

function electronShell(backend = 'gnome_libsecret') {
  const userDataDir = freshDir('duto-electron-user-');
  const configDir = freshDir('duto-electron-config-');
  const vault = createSecretVault({
    file: join(userDataDir, 'connection-secrets.json'),
    safeStorage: testSafeStorage({ backend }),
    platform: 'linux',
  });
  const relay = createEngineRelay({
    start: () =>
      inMemoryEngineProcess((port) =>
        track(
          createHost({
            userDataDir,
            connectionsFile: join(configDir, 'duto', 'connections.json'),
            env: {},
            threads: 1,
            emit: () => undefined,
            shell: {
              'app.info': async () => {
                throw new Error('main');
              },
              'app.pendingOpens': async () => ({ paths: [] }),
              'file.openDialog': async () => ({ path: null }),
              'file.saveDialog': async () => ({ path: null }),
            },
            secrets: createRemoteSecretStore(port),
          }),
        ),
      ),
    emit: () => undefined,
    answerSecret: (request) => answerSecretCall(vault, request),
  });
  return { relay, userDataDir, configDir };
}

describe('connections in the Electron shell (host in its utility process, passwords in main)', () => {
  it('stores the password with safeStorage in main, and the host gets it back to test and to run a pipeline', async () => {
    const { relay, userDataDir, configDir } = electronShell();
    expect(await relayed('connections.storage', relay)({})).toMatchObject({
      mode: 'keychain',
      backend: 'gnome_libsecret',
    });
    const saved = await relayed(
      'connections.save',
      relay,
    )({
      name: 'shop',
      definition: mariadb(maria().user),
      password: { action: 'set', value: maria().password },
      allowPlainTextStorage: false,
    });
    expect(saved).toMatchObject({ status: 'saved', connection: { hasPassword: true } });
    expect(JSON.parse(readFileSync(join(userDataDir, 'connection-secrets.json'), 'utf8'))).toMatchObject({
      secrets: { shop: { backend: 'gnome_libsecret' } },
    });

    expect(await relayed('connections.test', relay)({ name: 'shop', password: { action: 'keep' } })).toMatchObject({
      ok: true,
    });
    const doc: PipelineDocument = {
      format: 'duto.pipeline',
      version: 2,
      nodes: [
        { id: 'orders', type: 'source.mysql', params: { connection: 'shop', mode: 'table', table: maria().table } },
      ],
    };
    const preview = await relayed(
      'pipeline.preview',
      relay,
    )({ document: doc, baseDir: configDir, params: {}, nodeId: 'orders', limit: 5, offset: 0, requestId: 'p' });
    expect(preview.rows).toHaveLength(3);

    expectNoPassword(
      filesUnder(userDataDir, configDir).map((f) => f.text),
      maria().password,
    );
    relay.dispose();
  });

  it('without a keyring, saves nothing until the user agrees to plain-text storage', async () => {
    const { relay, userDataDir, configDir } = electronShell('basic_text');
    const save = relayed('connections.save', relay);
    const request = {
      name: 'shop',
      definition: mariadb(maria().user),
      password: { action: 'set' as const, value: maria().password },
      allowPlainTextStorage: false,
    };
    expect(await save(request)).toEqual({
      status: 'needs-plain-text-consent',
      storage: { mode: 'plain-text', backend: 'basic_text', file: join(userDataDir, 'connection-secrets.json') },
    });
    expect(readdirSync(userDataDir)).toEqual([]);
    expect(readdirSync(configDir)).toEqual([]);
    expect(await save({ ...request, allowPlainTextStorage: true })).toMatchObject({
      status: 'saved',
      connection: { hasPassword: true },
    });
    expect(await relayed('connections.test', relay)({ name: 'shop', password: { action: 'keep' } })).toMatchObject({
      ok: true,
    });
    relay.dispose();
  });

  it('keeps named secrets in the same vault, encrypted, and gives an HTTP source the one it references', async () => {
    const token = 'tok-relay-5b1e0c';
    const api = await startApi((req, res) =>
      req.headers['authorization'] === `Bearer ${token}`
        ? sendJson(res, [{ id: 7 }])
        : sendJson(res, { error: 'no' }, {}, 401),
    );
    try {
      const { relay, userDataDir, configDir } = electronShell();
      const save = relayed('secrets.save', relay);
      expect(
        await save({
          name: 'api_token',
          value: token,
          origins: ['https://elsewhere.example'],
          allowPlainTextStorage: false,
        }),
      ).toMatchObject({ status: 'saved', secret: { name: 'API_TOKEN', stored: true } });
      const vault: unknown = JSON.parse(readFileSync(join(userDataDir, 'connection-secrets.json'), 'utf8'));
      // The value encrypted, its origins beside it in the clear (they are not secret).
      expect(vault).toMatchObject({
        secrets: { 'secret.API_TOKEN': { backend: 'gnome_libsecret', origins: ['https://elsewhere.example'] } },
      });
      expect(JSON.stringify(vault)).not.toContain(token);
      expect(await relayed('secrets.list', relay)({})).toMatchObject({
        storage: { mode: 'keychain' },
        secrets: [{ name: 'API_TOKEN', stored: true, environment: null, origins: ['https://elsewhere.example'] }],
      });

      const doc: PipelineDocument = {
        format: 'duto.pipeline',
        version: 2,
        nodes: [
          {
            id: 'api',
            type: 'source.http',
            params: { url: api.base, headers: [{ name: 'Authorization', value: 'Bearer ${secret:API_TOKEN}' }] },
          },
        ],
      };
      const check = await relayed('pipeline.check', relay)({ document: doc, baseDir: configDir, params: {} });
      expect(JSON.stringify(check.diagnostics)).toContain(
        `may be sent only to https://elsewhere.example, not to ${api.base}`,
      );
      expect(api.requests).toHaveLength(0);
      // Its origins change across the port without the value being sent again.
      await save({ name: 'API_TOKEN', origins: [api.base], allowPlainTextStorage: false });
      const preview = await relayed(
        'pipeline.preview',
        relay,
      )({ document: doc, baseDir: configDir, params: {}, nodeId: 'api', limit: 5, offset: 0, requestId: 'p' });
      expect(preview.rows).toEqual([[7]]);
      expect(await relayed('secrets.delete', relay)({ name: 'API_TOKEN' })).toEqual({ deleted: true });
      expect(JSON.parse(readFileSync(join(userDataDir, 'connection-secrets.json'), 'utf8'))).toMatchObject({
        secrets: {},
      });
      expectNoPassword(
        filesUnder(userDataDir, configDir).map((f) => f.text),
        token,
      );
      relay.dispose();
    } finally {
      await api.close();
    }
  });
});
