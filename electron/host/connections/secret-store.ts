import type { SecretStorageStatus } from '../../../shared/ipc/connection-ops';

/**
 * Where connection passwords are kept, by connection name, and named
 * secrets, by `secret.<NAME>` (secretStoreKey()). Three kinds:
 * the Electron main process's safeStorage vault (electron/main/secret-vault.ts),
 * the engine host's view of it across the utility-process port
 * (remote-secret-store.ts), and memory, for the browser shell.
 */
export interface SecretStore {
  status(): Promise<SecretStorageStatus>;
  /** The names that have a stored password. */
  names(): Promise<string[]>;
  /** The stored passwords of these names; a stored one that cannot be decrypted is listed in `unreadable`. */
  get(names: readonly string[]): Promise<StoredPasswords>;
  /** Stores a password; where it could only be kept as plain text, only when `allowPlainText`. */
  set(name: string, password: string, allowPlainText: boolean): Promise<'stored' | 'needs-consent'>;
  delete(name: string): Promise<void>;
}

export interface StoredPasswords {
  passwords: ReadonlyMap<string, string>;
  unreadable: readonly string[];
  /** Why the unreadable ones are, when it is not a decryption failure (the store itself failed). */
  reason?: string;
}

/** The browser shell's store: there is no keychain to reach, so passwords live until the server stops. */
export function createMemorySecretStore(): SecretStore {
  const kept = new Map<string, string>();
  return {
    status: async () => ({ mode: 'memory', backend: 'memory', file: null }),
    names: async () => [...kept.keys()],
    get: async (names) => {
      const passwords = new Map<string, string>();
      for (const n of names) {
        const p = kept.get(n);
        if (p !== undefined) passwords.set(n, p);
      }
      return { passwords, unreadable: [] };
    },
    set: async (name, password) => {
      kept.set(name, password);
      return 'stored';
    },
    delete: async (name) => {
      kept.delete(name);
    },
  };
}
