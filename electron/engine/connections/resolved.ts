import { redactValues } from '../sandbox/redactor';
import type { ConnectionDefinition, ConnectionKind } from '../../../shared/connections/connection';

/**
 * A connection ready to connect: its definition plus the secret parts from
 * the environment or the keychain. Lives only in the engine's memory; every
 * message that could echo it is scrubbed of `secrets`.
 */
export interface ResolvedConnection {
  name: string;
  kind: ConnectionKind;
  host: string | undefined;
  port: number | undefined;
  database: string | undefined;
  user: string | undefined;
  password: string | undefined;
  options: NonNullable<ConnectionDefinition['options']>;
  /** `stored`: the password came from the app's store, not the environment (for what a refusal says to check). */
  passwordSource?: 'stored';
  /** Values that must never appear in a message, a log or an export. */
  secrets: readonly string[];
  /** `connection "warehouse" (postgres at db:5432, database sales, user etl)`: for messages. */
  label: string;
}

/** Finds named connections; throws a ConnectorError (param `connection`) when a name cannot be resolved. */
export interface ConnectionLookup {
  resolve(name: string): ResolvedConnection;
}

/** Replaces every secret in a text (and its encoded forms) by `***`: see Redactor. */
export function redact(text: string, secrets: readonly string[]): string {
  return redactValues(text, secrets);
}
