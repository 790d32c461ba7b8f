import { afterEach } from 'vitest';
import type { Host } from './host';

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
