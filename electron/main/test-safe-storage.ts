import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { SafeStorageLike } from './secret-vault';

/**
 * A stand-in for Electron's safeStorage in tests (no Electron runtime here):
 * real AES-256-GCM under a key of its own, so ciphertext from another
 * "keyring" fails to decrypt as it would for real, and calls are counted.
 */
export interface TestSafeStorage extends SafeStorageLike {
  plainTextAllowed: boolean;
  backendCalls: number;
}

export function testSafeStorage(options: { backend?: string; available?: boolean } = {}): TestSafeStorage {
  const key = randomBytes(32);
  const backend = options.backend ?? 'gnome_libsecret';
  const storage: TestSafeStorage = {
    plainTextAllowed: false,
    backendCalls: 0,
    // Like Electron: a keyring-less Linux encrypts only once its fixed key is allowed.
    isEncryptionAvailable: () => (options.available ?? true) && (backend !== 'basic_text' || storage.plainTextAllowed),
    encryptString(plain) {
      if (!storage.isEncryptionAvailable()) throw new Error('Encryption is not available.');
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    decryptString(encrypted) {
      const decipher = createDecipheriv('aes-256-gcm', key, encrypted.subarray(0, 12));
      decipher.setAuthTag(encrypted.subarray(12, 28));
      return Buffer.concat([decipher.update(encrypted.subarray(28)), decipher.final()]).toString('utf8');
    },
    getSelectedStorageBackend() {
      storage.backendCalls++;
      return backend;
    },
    setUsePlainTextEncryption(usePlainText) {
      storage.plainTextAllowed = usePlainText;
    },
  };
  return storage;
}
