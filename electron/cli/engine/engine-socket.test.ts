import { chmodSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { engineSocket, ensurePrivateFolder, privateFolder } from './engine-socket';

const bin: unknown = createRequire(import.meta.url)('../../../bin/engine-client.js');

describe("the resident engine's socket", () => {
  it('is where bin/engine-client.js looks for it, one per build', () => {
    const dir = mkdtempSync(join(tmpdir(), 'duto-sock-'));
    const bundle = join(dir, 'cli.cjs');
    writeFileSync(bundle, 'x');
    const env = { XDG_RUNTIME_DIR: join(dir, 'run') };
    const client = (bin as { engineSocket: (b: string, e: object) => string | undefined }).engineSocket;
    expect(engineSocket(bundle, env)).toBe(client(bundle, env));
    expect(engineSocket(bundle, env)).toMatch(new RegExp(`^${dir}/run/duto/engine-[0-9a-f]{16}\\.sock$`));
    const before = engineSocket(bundle, env);
    writeFileSync(bundle, 'xy'); // Rebuilt: another engine.
    expect(engineSocket(bundle, env)).not.toBe(before);
    expect(engineSocket(bundle, {})).toBe(client(bundle, {}));
    expect(engineSocket(bundle, { XDG_RUNTIME_DIR: join(dir, 'x'.repeat(120)) })).toBeUndefined();
  });

  it("lives in a folder that is this user's alone: not one others may enter, nor a link to one", () => {
    const dir = mkdtempSync(join(tmpdir(), 'duto-sock-'));
    const own = join(dir, 'own');
    expect(ensurePrivateFolder(own)).toBe(true);
    expect(privateFolder(own)).toBe(true);
    const open = join(dir, 'open');
    mkdirSync(open);
    chmodSync(open, 0o777);
    expect(ensurePrivateFolder(open)).toBe(false);
    chmodSync(open, 0o750);
    expect(privateFolder(open)).toBe(false);
    const link = join(dir, 'link');
    symlinkSync(own, link);
    expect(privateFolder(link)).toBe(false);
    expect(privateFolder(join(dir, 'missing'))).toBe(false);
    const file = join(dir, 'file');
    writeFileSync(file, '');
    chmodSync(file, 0o700);
    expect(privateFolder(file)).toBe(false);
  });
});
