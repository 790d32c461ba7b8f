import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { DebugLogger } from 'builder-util';
import type { Configuration } from 'electron-builder';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// electron-builder.yml is read with electron-builder's own loader and checked
// against its own schema (the installed app-builder-lib), so what is asserted
// here is what packaging will use, and a misspelt key cannot pass unnoticed.
const root = fileURLToPath(new URL('../..', import.meta.url));
const load = (): Promise<Configuration> => getConfig(root, null, null);

describe('electron-builder.yml', () => {
  it('is valid for the installed electron-builder', async () => {
    await expect(validateConfiguration(await load(), new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('flips the fuses that keep the packaged binary from running anything but Duto', async () => {
    const config = await load();
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
      loadBrowserProcessSpecificV8Snapshot: false,
    });
    // onlyLoadAppFromAsar and the integrity check mean nothing without an asar.
    expect(config.asar).not.toBe(false);
  });

  it('would refuse a misspelt fuse, so the check above cannot pass on a typo', async () => {
    const config = { ...(await load()), electronFuses: { runAsnode: false } } as unknown as Configuration;
    await expect(validateConfiguration(config, new DebugLogger(false))).rejects.toThrow(/electronFuses/);
  });

  it('registers *.duto.json with a MIME type, which Linux needs to offer Duto for it', async () => {
    const config = await load();
    expect(config.fileAssociations).toEqual([
      expect.objectContaining({ ext: 'duto.json', mimeType: 'application/x-duto-pipeline+json', role: 'Editor' }),
    ]);
  });
});
