import { join } from 'node:path';
import { afterEach } from 'vitest';
import type { OperationName, Reply, Request } from '../../shared/ipc/contract';
import { freshDir } from '../engine/test-support';
import type { SecretStore } from './connections/secret-store';
import { createHost, type Host } from './host';

/** For tests: keeps the hosts a test file creates and closes them after each test. */
export function hostsClosedAfterEach(): <H extends Host>(host: H) => H {
  const hosts: Host[] = [];
  afterEach(() => {
    for (const h of hosts.splice(0)) h.close();
  });
  return (host) => {
    hosts.push(host);
    return host;
  };
}

/**
 * For tests: a host as the browser shell runs it (secrets in memory unless
 * given), with its own user-data and config folders and environment, and
 * `call`, which keeps every reply so a test can check that none carries a
 * password or secret back.
 */
export function browserShellHosts(): (
  env?: Record<string, string>,
  secrets?: SecretStore,
) => {
  host: Host;
  call: <K extends OperationName>(op: K, request: Request<K>) => Promise<Reply<OperationName>>;
  replies: string[];
  userDataDir: string;
  configDir: string;
  connectionsFile: string;
} {
  const track = hostsClosedAfterEach();
  return (env = {}, secrets) => {
    const userDataDir = freshDir('duto-host-user-');
    const configDir = freshDir('duto-host-config-');
    const connectionsFile = join(configDir, 'duto', 'connections.json');
    const host = track(
      createHost({
        userDataDir,
        connectionsFile,
        env,
        threads: 1,
        emit: () => undefined,
        ...(secrets === undefined ? {} : { secrets }),
        shell: {
          'app.info': async () => ({ shell: 'web', version: '0', platform: 'test', workDir: '/', examplesDir: null }),
          'app.pendingOpens': async () => ({ paths: [] }),
          'file.openDialog': async () => ({ path: null }),
          'file.saveDialog': async () => ({ path: null }),
        },
      }),
    );
    const replies: string[] = [];
    const call = async <K extends OperationName>(op: K, request: Request<K>): Promise<Reply<OperationName>> => {
      const reply = await host.dispatch(op, request);
      replies.push(JSON.stringify(reply));
      return reply;
    };
    return { host, call, replies, userDataDir, configDir, connectionsFile };
  };
}
