import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freshDir } from '../engine/test-support';
import { createSecretVault } from './secret-vault';
import { testSafeStorage } from './test-safe-storage';

function vaultWith(storage: ReturnType<typeof testSafeStorage>, platform: NodeJS.Platform = 'linux') {
  const file = join(freshDir('duto-vault-'), 'connection-secrets.json');
  return { file, vault: createSecretVault({ file, safeStorage: storage, platform }) };
}

describe('secret vault (safeStorage in the main process)', () => {
  it('keeps passwords encrypted, as base64, in a file only its owner may read', async () => {
    const { file, vault } = vaultWith(testSafeStorage());
    expect(await vault.status()).toEqual({ mode: 'keychain', backend: 'gnome_libsecret', file });
    expect(await vault.set('warehouse', 'pg-S3cr3t', false)).toBe('stored');
    expect(await vault.set('shop', 'maria-S3cr3t', false)).toBe('stored');
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain('S3cr3t');
    expect(text).not.toContain(Buffer.from('pg-S3cr3t').toString('base64'));
    const parsed = JSON.parse(text) as { format: string; secrets: Record<string, { backend: string; value: string }> };
    expect(parsed.format).toBe('duto.connection-secrets');
    expect(parsed.secrets['warehouse']?.backend).toBe('gnome_libsecret');
    expect(Buffer.from(parsed.secrets['warehouse']?.value ?? '', 'base64').length).toBeGreaterThan(28);
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);

    expect((await vault.names()).sort()).toEqual(['shop', 'warehouse']);
    const got = await vault.get(['warehouse', 'missing']);
    expect([...got.passwords]).toEqual([['warehouse', 'pg-S3cr3t']]);
    expect(got.unreadable).toEqual([]);
    await vault.delete('warehouse');
    await vault.delete('never-stored');
    expect(await vault.names()).toEqual(['shop']);
  });

  it("keeps a named secret's origins beside its value, in the clear, and changes them without touching the value", async () => {
    const { file, vault } = vaultWith(testSafeStorage());
    await vault.set('secret.API_TOKEN', 'tok-S3cr3t', false, ['https://api.example.com']);
    await vault.set('shop', 'maria-S3cr3t', false);
    const before = JSON.parse(readFileSync(file, 'utf8')) as {
      secrets: Record<string, { value: string; origins?: string[] }>;
    };
    expect(before.secrets['secret.API_TOKEN']?.origins).toEqual(['https://api.example.com']);
    expect(before.secrets['shop']?.origins).toBeUndefined();
    expect([...(await vault.origins())]).toEqual([['secret.API_TOKEN', ['https://api.example.com']]]);

    expect(await vault.setOrigins('secret.API_TOKEN', ['https://api.example.com', 'https://eu.example.com'])).toBe(
      true,
    );
    expect(await vault.setOrigins('secret.NONE', ['https://x.example'])).toBe(false);
    const after = JSON.parse(readFileSync(file, 'utf8')) as typeof before;
    expect(after.secrets['secret.API_TOKEN']?.value).toBe(before.secrets['secret.API_TOKEN']?.value);
    const got = await vault.get(['secret.API_TOKEN']);
    expect(got.passwords.get('secret.API_TOKEN')).toBe('tok-S3cr3t');
    expect(got.origins?.get('secret.API_TOKEN')).toEqual(['https://api.example.com', 'https://eu.example.com']);
    expect(Object.keys(after.secrets).sort()).toEqual(['secret.API_TOKEN', 'shop']);
  });

  it('without a keyring (basic_text) says so and stores only with consent', async () => {
    const storage = testSafeStorage({ backend: 'basic_text' });
    const { file, vault } = vaultWith(storage);
    expect(await vault.status()).toEqual({ mode: 'plain-text', backend: 'basic_text', file });
    expect(await vault.set('warehouse', 'pw', false)).toBe('needs-consent');
    expect(existsSync(file)).toBe(false);
    expect(await vault.set('warehouse', 'pw', true)).toBe('stored');
    expect(storage.plainTextAllowed).toBe(true);
    expect((await vault.get(['warehouse'])).passwords.get('warehouse')).toBe('pw');
  });

  it('reports storage as unavailable when safeStorage cannot encrypt, and refuses to store', async () => {
    const { vault } = vaultWith(testSafeStorage({ available: false }));
    expect((await vault.status()).mode).toBe('unavailable');
    await expect(vault.set('warehouse', 'pw', true)).rejects.toThrow(/cannot be encrypted/);
  });

  it('names the backend by platform, asking safeStorage only on Linux', async () => {
    const storage = testSafeStorage();
    expect((await vaultWith(storage, 'darwin').vault.status()).backend).toBe('keychain');
    expect((await vaultWith(storage, 'win32').vault.status()).backend).toBe('dpapi');
    expect(storage.backendCalls).toBe(0);
  });

  it('lists a password encrypted under another keyring as unreadable instead of failing', async () => {
    const { file, vault } = vaultWith(testSafeStorage());
    await vault.set('warehouse', 'pw', false);
    const other = createSecretVault({ file, safeStorage: testSafeStorage(), platform: 'linux' });
    expect(await other.get(['warehouse'])).toEqual({
      passwords: new Map(),
      unreadable: ['warehouse'],
      origins: new Map(),
    });
  });

  it('refuses a damaged file with a message naming it, and does not overwrite it', async () => {
    const { file, vault } = vaultWith(testSafeStorage());
    writeFileSync(file, '{"format": "something else"}');
    await expect(vault.names()).rejects.toThrow(file);
    await expect(vault.set('warehouse', 'pw', false)).rejects.toThrow(/damaged/);
    expect(readFileSync(file, 'utf8')).toBe('{"format": "something else"}');
  });
});
