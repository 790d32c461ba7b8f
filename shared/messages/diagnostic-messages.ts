import { isErrorCode, type ErrorCode } from '../error-codes';
import { CONNECTOR_MESSAGES } from './connector-messages';
import { DELTA_MESSAGES } from './delta-messages';
import { DOCUMENT_MESSAGES } from './document-messages';
import { ENGINE_MESSAGES } from './engine-messages';
import { HOST_MESSAGES } from './host-messages';
import { ERROR_CELLS_MESSAGES } from './error-cells-messages';
import { NODE_MESSAGES } from './node-messages';
import { SECRET_MESSAGES } from './secret-messages';
import { SERVER_MESSAGES } from './server-messages';
import { SOURCE_MESSAGES } from './source-messages';
import {
  LOCATING_ARGS,
  placeholdersOf,
  renderTemplate,
  type MessageArg,
  type MessageLocale,
  type Placeholders,
  type Template,
} from './template';

/**
 * Every diagnostic's text, keyed by its code (`node.unknown-type`) or by its
 * code and a variant (`node.cycle/self`) when one code says several things.
 * English is the Diagnostic's `message`; each locale renders the same key
 * and arguments. messages.test.ts checks every code has a template, and both
 * languages use the same argument names; `error()` checks each call's
 * arguments against the template at compile time.
 */
export const DIAGNOSTIC_MESSAGES = {
  ...DOCUMENT_MESSAGES,
  ...NODE_MESSAGES,
  ...ENGINE_MESSAGES,
  ...SOURCE_MESSAGES,
  ...CONNECTOR_MESSAGES,
  ...HOST_MESSAGES,
  ...DELTA_MESSAGES,
  ...SERVER_MESSAGES,
  ...SECRET_MESSAGES,
  ...ERROR_CELLS_MESSAGES,
} as const satisfies Record<string, Template>;

type Table = typeof DIAGNOSTIC_MESSAGES;
export type MessageKey = keyof Table;

/** The arguments a key's English template names; a template without any takes `{}`. */
export type MessageArgs<K extends MessageKey> = [Placeholders<Table[K]['en']>] extends [never]
  ? Readonly<Record<string, never>>
  : { readonly [N in Placeholders<Table[K]['en']>]: MessageArg } & { readonly offset?: number };

/** `node.cycle/self` → `node.cycle`. */
export function codeOfKey(key: MessageKey): ErrorCode {
  const code = key.split('/')[0] ?? key;
  return isErrorCode(code) ? code : 'internal';
}

/** The variant part of a key, if any: `node.cycle/self` → `self`. */
export function variantOfKey(key: MessageKey): string | undefined {
  const at = key.indexOf('/');
  return at < 0 ? undefined : key.slice(at + 1);
}

function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(DIAGNOSTIC_MESSAGES, key);
}

/** A key's text in a locale; undefined for a key this build does not know (a diagnostic from an older record). */
export function renderMessage(
  key: string,
  args: Readonly<Record<string, MessageArg>>,
  locale: MessageLocale,
): string | undefined {
  if (!isMessageKey(key)) return undefined;
  return renderTemplate(DIAGNOSTIC_MESSAGES[key][locale], args, locale);
}

/** A key and its arguments, checked together by said(): what a pure helper returns for its caller to blame on a node or param. */
export interface Said {
  readonly key: MessageKey;
  readonly args: Readonly<Record<string, MessageArg>>;
}

export function said<K extends MessageKey>(key: K, args: MessageArgs<K>): Said {
  return { key, args };
}

/**
 * Whether arguments that crossed a boundary fill their template: every name
 * it uses, and no other but the locating ones (`offset`). A key this build does not know passes (a record
 * from another version is shown by its English message).
 */
export function argsFitTemplate(key: string, args: Readonly<Record<string, MessageArg>>): boolean {
  if (!isMessageKey(key)) return true;
  return (
    placeholdersOf(DIAGNOSTIC_MESSAGES[key].en).join() ===
    Object.keys(args)
      .filter((k) => !LOCATING_ARGS.includes(k))
      .sort()
      .join()
  );
}
