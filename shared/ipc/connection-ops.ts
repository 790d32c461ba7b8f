import { z } from 'zod';
import { connectionNameSchema, connectionSchema } from '../connections/connection';

/**
 * The shapes of the connection manager's operations (`connections.*` in the
 * contract). A password crosses only inside a request (renderer → host):
 * no response has a place for one.
 */

/**
 * Where stored passwords are kept:
 * - `keychain`: encrypted with the OS keychain (Electron safeStorage);
 * - `plain-text`: Electron found no keyring (Linux `basic_text`): stored
 *   obfuscated but readable, only after the user agreed;
 * - `memory`: the browser shell, for this launch only;
 * - `unavailable`: nothing can be stored; environment variables still work.
 */
export const SECRET_STORAGE_MODES = ['keychain', 'plain-text', 'memory', 'unavailable'] as const;

export const secretStorageSchema = z.object({
  mode: z.enum(SECRET_STORAGE_MODES),
  /** The backend as the platform names it: gnome_libsecret, kwallet5, basic_text, keychain, dpapi, memory… */
  backend: z.string().max(100),
  /** The file holding the encrypted passwords, where there is one. */
  file: z.string().max(4096).nullable(),
});
export type SecretStorageStatus = z.infer<typeof secretStorageSchema>;

export const MAX_PASSWORD_LENGTH = 4096;

/** What to do with a connection's stored password. */
export const passwordChangeSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('keep') }),
  z.object({ action: z.literal('set'), value: z.string().min(1).max(MAX_PASSWORD_LENGTH) }),
  z.object({ action: z.literal('clear') }),
]);
export type PasswordChange = z.infer<typeof passwordChangeSchema>;

export const connectionEntrySchema = z.object({
  name: connectionNameSchema,
  definition: connectionSchema,
  /** A password is stored for it (never the password itself). */
  hasPassword: z.boolean(),
  /** The DUTO_CONN_<NAME>_… environment variables that are set for it (names only). */
  environment: z.array(z.string().max(200)),
});
export type ConnectionEntry = z.infer<typeof connectionEntrySchema>;

export const listConnectionsResultSchema = z.object({
  /** The user's connections file, which the CLI reads too. */
  file: z.string().max(4096),
  storage: secretStorageSchema,
  connections: z.array(connectionEntrySchema),
});

export const saveConnectionRequestSchema = z.object({
  name: connectionNameSchema,
  /** The entry being edited (renamed when it differs from `name`); absent when creating. */
  previousName: connectionNameSchema.optional(),
  definition: connectionSchema,
  password: passwordChangeSchema.default({ action: 'keep' }),
  /** Set only after the user agreed to a password stored as plain text (no keyring). */
  allowPlainTextStorage: z.boolean().default(false),
});

export const saveConnectionResultSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('saved'), connection: connectionEntrySchema, storage: secretStorageSchema }),
  /** Nothing was saved: the password could only be stored as plain text; ask, then save again with `allowPlainTextStorage`. */
  z.object({ status: z.literal('needs-plain-text-consent'), storage: secretStorageSchema }),
]);

export const testConnectionRequestSchema = z.object({
  name: connectionNameSchema,
  /** The form's values, saved or not; absent: the saved connection, resolved as a pipeline would. */
  definition: connectionSchema.optional(),
  /** With `definition`: the password typed in the form (`set`), the stored one (`keep`) or none stored (`clear`). */
  password: passwordChangeSchema.default({ action: 'keep' }),
  /** With `definition`, when editing: whose stored password `keep` means. */
  previousName: connectionNameSchema.optional(),
});

/** The result of connecting and running `SELECT 1`; a failure is a result, not an error of the operation. */
export const testConnectionResultSchema = z.object({
  ok: z.boolean(),
  /** On failure: what went wrong, naming the connection; never a password. */
  message: z.string(),
  code: z.string(),
  elapsedMs: z.number(),
});
