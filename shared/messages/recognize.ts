import type { ErrorCode } from '../error-codes';
import { DIAGNOSTIC_MESSAGES, type MessageKey, type Said } from './diagnostic-messages';
import { placeholdersOf } from './template';

/**
 * English text made elsewhere (a node type's check, a param's zod message)
 * read back as one of a code's templates, so it can be shown in the user's
 * language. The template is the pattern: its English renders the very same
 * text again, so the two cannot drift. Text no template matches stays free.
 */

interface Pattern {
  key: MessageKey;
  regex: RegExp;
  names: string[];
}

const patterns = new Map<string, Pattern[]>();

function patternsOf(code: ErrorCode): Pattern[] {
  let out = patterns.get(code);
  if (out !== undefined) return out;
  out = [];
  for (const [key, t] of Object.entries(DIAGNOSTIC_MESSAGES)) {
    if (!key.startsWith(`${code}/`) || !isKey(key)) continue;
    const names: string[] = [];
    const body = t.en.split(/(\{\w+\})/).map((part) => {
      const name = /^\{(\w+)\}$/.exec(part)?.[1];
      if (name === undefined) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      const seen = names.indexOf(name);
      if (seen >= 0) return `\\${String(seen + 1)}`;
      names.push(name);
      return '(.+?)';
    });
    out.push({ key, regex: new RegExp(`^${body.join('')}$`, 's'), names });
  }
  // The most literal text first: `pick a column` before `{detail}`-like catch-alls.
  out.sort((a, b) => literalLength(b.key) - literalLength(a.key));
  patterns.set(code, out);
  return out;
}

function isKey(key: string): key is MessageKey {
  return Object.hasOwn(DIAGNOSTIC_MESSAGES, key);
}

/** How much of a template's English is its own words (placeholders left out): the more, the more specific. */
function literalLength(key: MessageKey): number {
  const en = DIAGNOSTIC_MESSAGES[key].en;
  return en.length - placeholdersOf(en).reduce((n, name) => n + name.length + 2, 0);
}

/** The code's template whose English is exactly `message`, with the arguments read off it. */
export function recognize(code: ErrorCode, message: string): Said | undefined {
  for (const p of patternsOf(code)) {
    const m = p.regex.exec(message);
    if (m === null) continue;
    return { key: p.key, args: Object.fromEntries(p.names.map((name, i) => [name, m[i + 1] ?? ''])) };
  }
  return undefined;
}
