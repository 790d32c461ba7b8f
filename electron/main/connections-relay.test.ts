import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PipelineDocument } from '../../shared/format/document';
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
  const vault = createSecretVault({ file: join(userDataDir, 'connection-secrets.json'), safeStorage: testSafeStorage({ backend }), platform: 'linux' });
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
            shell: { 'app.info': async () => { throw new Error('main'); }, 'file.openDialog': async () => ({ path: null }), 'file.saveDialog': async () => ({ path: null }) },
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
    expect(await relayed('connections.storage', relay)({})).toMatchObject({ mode: 'keychain', backend: 'gnome_libsecret' });
    const saved = await relayed('connections.save', relay)({ name: 'shop', definition: mariadb(maria().user), password: { action: 'set', value: maria().password }, allowPlainTextStorage: false });
    expect(saved).toMatchObject({ status: 'saved', connection: { hasPassword: true } });
    expect(JSON.parse(readFileSync(join(userDataDir, 'connection-secrets.json'), 'utf8'))).toMatchObject({ secrets: { shop: { backend: 'gnome_libsecret' } } });

    expect(await relayed('connections.test', relay)({ name: 'shop', password: { action: 'keep' } })).toMatchObject({ ok: true });
    const doc: PipelineDocument = { format: 'duto.pipeline', version: 1, nodes: [{ id: 'orders', type: 'source.mysql', params: { connection: 'shop', mode: 'table', table: maria().table } }] };
    const preview = await relayed('pipeline.preview', relay)({ document: doc, baseDir: configDir, params: {}, nodeId: 'orders', limit: 5, offset: 0, requestId: 'p' });
    expect(preview.rows).toHaveLength(3);

    expectNoPassword(filesUnder(userDataDir, configDir).map((f) => f.text), maria().password);
    relay.dispose();
  });

  it('without a keyring, saves nothing until the user agrees to plain-text storage', async () => {
    const { relay, userDataDir, configDir } = electronShell('basic_text');
    const save = relayed('connections.save', relay);
    const request = { name: 'shop', definition: mariadb(maria().user), password: { action: 'set' as const, value: maria().password }, allowPlainTextStorage: false };
    expect(await save(request)).toEqual({ status: 'needs-plain-text-consent', storage: { mode: 'plain-text', backend: 'basic_text', file: join(userDataDir, 'connection-secrets.json') } });
    expect(readdirSync(userDataDir)).toEqual([]);
    expect(readdirSync(configDir)).toEqual([]);
    expect(await save({ ...request, allowPlainTextStorage: true })).toMatchObject({ status: 'saved', connection: { hasPassword: true } });
    expect(await relayed('connections.test', relay)({ name: 'shop', password: { action: 'keep' } })).toMatchObject({ ok: true });
    relay.dispose();
  });
});
