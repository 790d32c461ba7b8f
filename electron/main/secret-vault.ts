import { existsSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { storeKeySchema } from '../../shared/connections/secret-names';
import { MAX_SECRET_ORIGINS } from '../../shared/connections/secret-origins';
import type { SecretStorageStatus } from '../../shared/ipc/connection-ops';
import { writeFileAtomic } from '../host/atomic-write';
import type { SecretStore } from '../host/connections/secret-store';
import { makeFolder } from '../host/make-folder';

/**
 * Connection passwords and named secrets (keys `secret.<NAME>`) in the Electron shell: encrypted by safeStorage (the
 * OS keychain) in the main process, kept as base64 in one file in userData
 * that only its owner may read. On Linux without a keyring safeStorage's
 * backend is `basic_text` — a fixed key, so readable by anyone who can read
 * the file — and a password is stored that way only with the user's consent.
 * Written against the small part of safeStorage it uses, so it is tested
 * without Electron; main.ts hands it the real one.
 */

/** The part of Electron's `safeStorage` used here (the real object fits it as is). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only: `basic_text`, `gnome_libsecret`, `kwallet5`, … */
  getSelectedStorageBackend(): string;
  /** Linux only: lets a keyring-less system use its fixed key. */
  setUsePlainTextEncryption(usePlainText: boolean): void;
}

export interface SecretVaultOptions {
  /** The vault file, e.g. `<userData>/connection-secrets.json`. */
  file: string;
  safeStorage: SafeStorageLike;
  platform: NodeJS.Platform;
}

export const SECRETS_FORMAT = 'duto.connection-secrets';

const vaultFileSchema = z.strictObject({
  format: z.literal(SECRETS_FORMAT),
  version: z.literal(1),
  /**
   * Name → the backend it was encrypted with, the encrypted bytes in base64,
   * and for a named secret the origins it may be sent to (not secret: kept
   * in the clear, so the list shows them without decrypting anything).
   */
  secrets: z.record(
    storeKeySchema,
    z.strictObject({
      backend: z.string(),
      value: z.string(),
      origins: z.array(z.string()).max(MAX_SECRET_ORIGINS).optional(),
    }),
  ),
});
type VaultFile = z.infer<typeof vaultFileSchema>;

export function createSecretVault(options: SecretVaultOptions): SecretStore {
  const { file, safeStorage: ss, platform } = options;
  let queue: Promise<unknown> = Promise.resolve();

  const backend = (): string =>
    platform === 'linux'
      ? ss.getSelectedStorageBackend()
      : platform === 'darwin'
        ? 'keychain'
        : platform === 'win32'
          ? 'dpapi'
          : 'unknown';

  const status = (): SecretStorageStatus => {
    const b = backend();
    // Electron reports no encryption on a keyring-less Linux until its fixed key is allowed.
    // Allowing it only makes storing possible: set() still asks for consent first.
    if (b === 'basic_text') ss.setUsePlainTextEncryption(true);
    const mode = !ss.isEncryptionAvailable() ? 'unavailable' : b === 'basic_text' ? 'plain-text' : 'keychain';
    return { mode, backend: b, file };
  };

  const read = (): VaultFile => {
    if (!existsSync(file)) return { format: SECRETS_FORMAT, version: 1, secrets: {} };
    let parsed: ReturnType<typeof vaultFileSchema.safeParse>;
    try {
      parsed = vaultFileSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    } catch (e) {
      throw new Error(
        `cannot read the stored passwords (${file}): ${e instanceof Error ? e.message : String(e)}; remove the file to store passwords again`,
        { cause: e },
      );
    }
    if (!parsed.success)
      throw new Error(`the stored passwords file ${file} is damaged; remove it to store passwords again`);
    return parsed.data;
  };

  /** One read-modify-write at a time; the file is never readable by others, even briefly. */
  const update = (change: (secrets: VaultFile['secrets']) => VaultFile['secrets']): Promise<void> => {
    const next = queue.then(async () => {
      const current = read();
      await makeFolder(dirname(file));
      await writeFileAtomic(
        file,
        JSON.stringify({ ...current, secrets: change(current.secrets) }, null, 2) + '\n',
        0o600,
      );
    });
    queue = next.catch(() => undefined);
    return next;
  };

  return {
    status: async () => status(),
    names: async () => Object.keys(read().secrets),
    async get(names) {
      status();
      const stored = read().secrets;
      const passwords = new Map<string, string>();
      const unreadable: string[] = [];
      const origins = new Map<string, readonly string[]>();
      for (const name of names) {
        const entry = stored[name];
        if (entry === undefined) continue;
        if (entry.origins !== undefined) origins.set(name, entry.origins);
        try {
          passwords.set(name, ss.decryptString(Buffer.from(entry.value, 'base64')));
        } catch {
          // Encrypted under another keyring or user: the password has to be entered again.
          unreadable.push(name);
        }
      }
      return { passwords, unreadable, origins };
    },
    async set(name, password, allowPlainText, origins) {
      const s = status();
      if (s.mode === 'unavailable')
        throw new Error(`passwords cannot be encrypted here (safeStorage backend ${s.backend})`);
      if (s.mode === 'plain-text' && !allowPlainText) return 'needs-consent';
      const value = ss.encryptString(password).toString('base64');
      await update((secrets) => ({
        ...secrets,
        [name]: { backend: s.backend, value, ...(origins === undefined ? {} : { origins: [...origins] }) },
      }));
      return 'stored';
    },
    async setOrigins(name, origins) {
      let found = false;
      await update((secrets) => {
        const entry = Object.hasOwn(secrets, name) ? secrets[name] : undefined;
        found = entry !== undefined;
        return entry === undefined ? secrets : { ...secrets, [name]: { ...entry, origins: [...origins] } };
      });
      return found;
    },
    async origins() {
      const out = new Map<string, readonly string[]>();
      for (const [name, entry] of Object.entries(read().secrets))
        if (entry.origins !== undefined) out.set(name, entry.origins);
      return out;
    },
    async delete(name) {
      if (!Object.hasOwn(read().secrets, name)) return;
      await update((secrets) => Object.fromEntries(Object.entries(secrets).filter(([n]) => n !== name)));
    },
  };
}
