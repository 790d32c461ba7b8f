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
  /**
   * Stores a password; where it could only be kept as plain text, only when
   * `allowPlainText`. `origins`: where a named secret may be sent, kept
   * beside it in the clear (they are not secret); absent for a connection's.
   */
  set(
    name: string,
    password: string,
    allowPlainText: boolean,
    origins?: readonly string[],
  ): Promise<'stored' | 'needs-consent'>;
  /** Changes the origins of a stored value without touching it; false when nothing is stored under `name`. */
  setOrigins(name: string, origins: readonly string[]): Promise<boolean>;
  /** The origins of every stored value that has them (read without decrypting anything). */
  origins(): Promise<ReadonlyMap<string, readonly string[]>>;
  delete(name: string): Promise<void>;
}

export interface StoredPasswords {
  passwords: ReadonlyMap<string, string>;
  unreadable: readonly string[];
  /** Why the unreadable ones are, when it is not a decryption failure (the store itself failed). */
  reason?: string;
  /** The origins stored with these values (a named secret saved before origins existed has none). */
  origins?: ReadonlyMap<string, readonly string[]>;
}

/** The browser shell's store: there is no keychain to reach, so passwords live until the server stops. */
export function createMemorySecretStore(): SecretStore {
  const kept = new Map<string, { password: string; origins?: readonly string[] }>();
  const originsOf = (names: Iterable<string>): Map<string, readonly string[]> => {
    const out = new Map<string, readonly string[]>();
    for (const n of names) {
      const o = kept.get(n)?.origins;
      if (o !== undefined) out.set(n, o);
    }
    return out;
  };
  return {
    status: async () => ({ mode: 'memory', backend: 'memory', file: null }),
    names: async () => [...kept.keys()],
    get: async (names) => {
      const passwords = new Map<string, string>();
      for (const n of names) {
        const p = kept.get(n)?.password;
        if (p !== undefined) passwords.set(n, p);
      }
      return { passwords, unreadable: [], origins: originsOf(names) };
    },
    set: async (name, password, _allowPlainText, origins) => {
      kept.set(name, { password, ...(origins === undefined ? {} : { origins: [...origins] }) });
      return 'stored';
    },
    setOrigins: async (name, origins) => {
      const entry = kept.get(name);
      if (entry === undefined) return false;
      kept.set(name, { ...entry, origins: [...origins] });
      return true;
    },
    origins: async () => originsOf(kept.keys()),
    delete: async (name) => {
      kept.delete(name);
    },
  };
}
