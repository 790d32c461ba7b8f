import {
  CONNECTION_NAME_PATTERN,
  DEFAULT_PORTS,
  connectionSchema,
  type ConnectionDefinition,
  type ConnectionKind,
} from '../../../shared/connections/connection';
import type { ConnectionEntry, PasswordChange } from '../../../shared/ipc/connection-ops';
import type { MessageKey } from '../i18n/messages.en';

/**
 * The connection form as text fields, and the way back to a definition.
 * Kept apart from the component so the rules (what is empty, what a port
 * is, what a blank password means) read in one place.
 */

export type SslChoice = '' | 'disable' | 'require' | 'verify';

export interface FormValues {
  name: string;
  kind: ConnectionKind;
  host: string;
  port: string;
  database: string;
  user: string;
  /** Typed by the user; never filled from the host (it never sends one). */
  password: string;
  clearPassword: boolean;
  description: string;
  ssl: SslChoice;
  connectTimeoutSeconds: string;
  applicationName: string;
}

/** `form`: a problem no single field explains. */
export type FormField = 'name' | 'port' | 'connectTimeoutSeconds' | 'form';
export type FormErrors = Partial<Record<FormField, MessageKey>>;

export function emptyForm(): FormValues {
  return {
    name: '',
    kind: 'postgres',
    host: '',
    port: '',
    database: '',
    user: '',
    password: '',
    clearPassword: false,
    description: '',
    ssl: '',
    connectTimeoutSeconds: '',
    applicationName: '',
  };
}

export function formOf(entry: ConnectionEntry): FormValues {
  const d = entry.definition;
  return {
    name: entry.name,
    kind: d.kind,
    host: d.host ?? '',
    port: d.port === undefined ? '' : String(d.port),
    database: d.database ?? '',
    user: d.user ?? '',
    password: '',
    clearPassword: false,
    description: d.description ?? '',
    ssl: d.options?.ssl ?? '',
    connectTimeoutSeconds:
      d.options?.connectTimeoutSeconds === undefined ? '' : String(d.options.connectTimeoutSeconds),
    applicationName: d.options?.applicationName ?? '',
  };
}

export function portPlaceholder(kind: ConnectionKind): string {
  return String(DEFAULT_PORTS[kind]);
}

export type FormResult = { ok: true; definition: ConnectionDefinition } | { ok: false; errors: FormErrors };

/** The definition the form describes; empty fields are left out (the driver's defaults apply). */
export function definitionOf(v: FormValues): FormResult {
  const errors: FormErrors = {};
  if (!CONNECTION_NAME_PATTERN.test(v.name)) errors.name = 'connections.error.name';
  const port = v.port.trim() === '' ? undefined : Number(v.port);
  if (port !== undefined && !(Number.isInteger(port) && port >= 1 && port <= 65535))
    errors.port = 'connections.error.port';
  const timeout = v.connectTimeoutSeconds.trim() === '' ? undefined : Number(v.connectTimeoutSeconds);
  if (timeout !== undefined && !(Number.isFinite(timeout) && timeout > 0 && timeout <= 600))
    errors.connectTimeoutSeconds = 'connections.error.timeout';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const text = (s: string): string | undefined => (s.trim() === '' ? undefined : s.trim());
  const options = {
    ...(v.ssl === '' ? {} : { ssl: v.ssl }),
    ...(timeout === undefined ? {} : { connectTimeoutSeconds: timeout }),
    ...(text(v.applicationName) === undefined ? {} : { applicationName: text(v.applicationName) }),
  };
  const parsed = connectionSchema.safeParse({
    kind: v.kind,
    host: text(v.host),
    port,
    database: text(v.database),
    user: text(v.user),
    description: text(v.description),
    ...(Object.keys(options).length === 0 ? {} : { options }),
  });
  // The checks above cover what the schema refuses today; the schema stays the last word.
  return parsed.success
    ? { ok: true, definition: parsed.data }
    : { ok: false, errors: { form: 'connections.error.invalid' } };
}

/** A typed password replaces the stored one; a blank field keeps it, unless the user asked to remove it. */
export function passwordChangeOf(v: FormValues): PasswordChange {
  if (v.password !== '') return { action: 'set', value: v.password };
  return v.clearPassword ? { action: 'clear' } : { action: 'keep' };
}
