import { z } from 'zod';
import { secretNameSchema } from '../connections/secret-names';
import { MAX_SECRET_ORIGINS } from '../connections/secret-origins';
import { MAX_PASSWORD_LENGTH, secretStorageSchema } from './connection-ops';

/**
 * The shapes of the named-secret operations (`secrets.*` in the contract):
 * values for `${secret:NAME}` references, kept where connection passwords
 * are. A value crosses only inside a save request (renderer → host): no
 * response has a place for one.
 */

export const secretEntrySchema = z.object({
  name: z.string().max(100),
  /** A value is stored for it (never the value itself). */
  stored: z.boolean(),
  /** DUTO_SECRET_<NAME>, when that variable is set in Duto's environment (used when none is stored). */
  environment: z.string().max(120).nullable(),
  /**
   * The origins its value may be sent to (`https://api.example.com`). Empty:
   * nowhere (a value stored before secrets had origins, or a bad
   * DUTO_SECRET_<NAME>_ORIGINS); null: anywhere (only the environment sets it,
   * without DUTO_SECRET_<NAME>_ORIGINS).
   */
  origins: z.array(z.string().max(300)).max(MAX_SECRET_ORIGINS).nullable(),
});
export type SecretEntry = z.infer<typeof secretEntrySchema>;

export const listSecretsResultSchema = z.object({
  storage: secretStorageSchema,
  /** Stored ones and those only the environment sets, by name. */
  secrets: z.array(secretEntrySchema),
});

export const saveSecretRequestSchema = z.object({
  name: secretNameSchema,
  /** Absent: the stored value stays, only its origins change (nothing is retyped). */
  value: z.string().min(1).max(MAX_PASSWORD_LENGTH).optional(),
  /** Where the value may be sent: origins such as `https://api.example.com`, normalised and checked by the host. */
  origins: z.array(z.string().max(300)).min(1).max(MAX_SECRET_ORIGINS),
  /** Set only after the user agreed to a value stored as plain text (no keyring). */
  allowPlainTextStorage: z.boolean().default(false),
});

export const saveSecretResultSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('saved'), secret: secretEntrySchema, storage: secretStorageSchema }),
  /** Nothing was saved: the value could only be stored as plain text; ask, then save again with `allowPlainTextStorage`. */
  z.object({ status: z.literal('needs-plain-text-consent'), storage: secretStorageSchema }),
]);

export const deleteSecretRequestSchema = z.object({ name: secretNameSchema });
