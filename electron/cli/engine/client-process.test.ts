import { mkdtempSync, realpathSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { enterClientProcess, sameWorld, type ProcessState } from './client-process';
import type { RunRequest } from './engine-frames';

const request = (env: Record<string, string>, cwd: string, umask = 0o077): RunRequest => ({
  t: 'run',
  v: 1,
  argv: ['run', 'p.duto.json'],
  cwd,
  env,
  umask,
  tty: false,
  columns: 80,
});

/** A process of its own (a worker thread may not chdir): folders must exist, as for the real one. */
function engineProcess(): ProcessState {
  let dir = '/';
  let mask = 0o022;
  return {
    env: { PATH: '/usr/bin', HOME: '/home/engine' },
    cwd: () => dir,
    chdir: (d) => {
      if (!statSync(d).isDirectory()) throw new Error('not a folder');
      dir = d;
    },
    umask: (m?: number) => {
      const old = mask;
      if (m !== undefined) mask = m;
      return old;
    },
  };
}

describe("the engine takes on a client's process for one command", () => {
  it("runs in the client's environment, folder and umask, and gives all three back — the client's secrets included", () => {
    const host = engineProcess();
    const dir = realpathSync(mkdtempSync(join(tmpdir(), 'duto-client-')));
    const leave = enterClientProcess(request({ DUTO_SECRET_TOKEN: 's3cr3t', HOME: '/home/client' }, dir), host);
    expect(leave).toBeDefined();
    expect(host.env).toEqual({ DUTO_SECRET_TOKEN: 's3cr3t', HOME: '/home/client' }); // Only what the client has.
    expect(host.cwd()).toBe(dir);
    expect(host.umask()).toBe(0o077);
    leave?.();
    expect(host.env).toEqual({ PATH: '/usr/bin', HOME: '/home/engine' });
    expect(host.cwd()).toBe('/');
    expect(host.umask()).toBe(0o022);
  });

  it('does not take on a client whose folder is gone', () => {
    const host = engineProcess();
    expect(enterClientProcess(request({ A: 'b' }, join(tmpdir(), 'duto-no-such-folder-4711')), host)).toBeUndefined();
    expect(host.env).toEqual({ PATH: '/usr/bin', HOME: '/home/engine' });
    expect(host.cwd()).toBe('/');
  });

  it('serves only clients with its own time zone and language, which a process reads once', () => {
    const engine = { TZ: 'America/Sao_Paulo', LANG: 'pt_BR.UTF-8', PATH: '/bin' };
    expect(sameWorld(engine, { TZ: 'America/Sao_Paulo', LANG: 'pt_BR.UTF-8', PATH: '/usr/bin' })).toBe(true);
    expect(sameWorld(engine, { TZ: 'UTC', LANG: 'pt_BR.UTF-8' })).toBe(false);
    expect(sameWorld(engine, { TZ: 'America/Sao_Paulo', LANG: 'C.UTF-8' })).toBe(false);
    expect(sameWorld(engine, { TZ: 'America/Sao_Paulo', LANG: 'pt_BR.UTF-8', LC_ALL: 'C' })).toBe(false);
  });
});
