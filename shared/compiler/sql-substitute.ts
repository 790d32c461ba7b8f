import { said, type Said } from '../messages/diagnostic-messages';
import { literal } from '../sql/quote';

/**
 * `${name}` inside user-written SQL (expressions, queries) stands for a
 * value, never for SQL text: a `--param` can change what a filter compares
 * with, not what the filter is. Where it stands decides its form:
 *
 * - in code: a literal — a number or boolean when the parameter's default
 *   is one (and the value parses as one), else a quoted string;
 * - inside a quoted string or identifier: the value with that quote doubled
 *   (and backslashes doubled in an `E'…'` string);
 * - inside a dollar-quoted string: as is, unless it holds the closing tag;
 * - inside a comment: left alone.
 *
 * `$${` writes a literal `${`, as everywhere else. DuckDB's parser then checks
 * the result (electron/engine/walls/user-sql.ts).
 */

export type ParamType = 'number' | 'boolean' | 'string';

export interface SqlSubstitution {
  text: string;
  /** Names used but not given. */
  unknown: string[];
  problems: Said[];
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const NAME = /^\$\{([A-Za-z_][A-Za-z0-9_]*)\}/;
const DOLLAR_TAG = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/;

function codeLiteral(name: string, value: string, type: ParamType, problems: Said[]): string {
  if (type === 'number') {
    if (NUMBER.test(value.trim())) return value.trim();
    problems.push(said('param.value/number', { name, value }));
    return 'NULL';
  }
  if (type === 'boolean') {
    const v = value.trim().toLowerCase();
    if (v === 'true' || v === 'false') return v;
    problems.push(said('param.value/boolean', { name, value }));
    return 'NULL';
  }
  try {
    return literal(value);
  } catch {
    problems.push(said('param.value/nul', { name }));
    return 'NULL';
  }
}

export function substituteSql(
  text: string,
  values: ReadonlyMap<string, string>,
  types: ReadonlyMap<string, ParamType>,
): SqlSubstitution {
  const unknown: string[] = [];
  const problems: Said[] = [];
  let out = '';
  let i = 0;
  const valueOf = (name: string): string | undefined => {
    const v = values.get(name);
    if (v === undefined) unknown.push(name);
    return v;
  };
  /** At a `$`: a `$${` escape or a `${name}` reference, with how it reads in this context; null when neither. */
  const reference = (inside: (name: string, value: string) => string): { text: string; length: number } | null => {
    if (text.startsWith('$${', i)) return { text: '${', length: 3 };
    const m = NAME.exec(text.slice(i, i + 260));
    if (m === null || m[1] === undefined) return null;
    const v = valueOf(m[1]);
    return { text: v === undefined ? m[0] : inside(m[1], v), length: m[0].length };
  };
  /** Copies a quoted run up to and including its closing quote, substituting inside it. */
  const quoted = (quote: string, escapeBackslash: boolean): void => {
    out += text[i] ?? '';
    i++;
    while (i < text.length) {
      const ch = text[i] ?? '';
      if (ch === quote && text[i + 1] === quote) {
        out += quote + quote;
        i += 2;
        continue;
      }
      if (escapeBackslash && ch === '\\') {
        out += text.slice(i, i + 2);
        i += 2;
        continue;
      }
      if (ch === quote) {
        out += ch;
        i++;
        return;
      }
      if (ch === '$') {
        const r = reference((_, v) => {
          const doubled = v.replaceAll(quote, quote + quote);
          return escapeBackslash ? doubled.replaceAll('\\', '\\\\') : doubled;
        });
        if (r !== null) {
          out += r.text;
          i += r.length;
          continue;
        }
      }
      out += ch;
      i++;
    }
  };

  while (i < text.length) {
    const ch = text[i] ?? '';
    const next = text[i + 1] ?? '';
    if (ch === "'") {
      quoted("'", false);
    } else if ((ch === 'E' || ch === 'e') && next === "'" && !/[A-Za-z0-9_]/.test(text[i - 1] ?? '')) {
      out += ch;
      i++;
      quoted("'", true);
    } else if (ch === '"') {
      quoted('"', false);
    } else if (ch === '-' && next === '-') {
      const end = text.indexOf('\n', i);
      const stop = end < 0 ? text.length : end;
      out += text.slice(i, stop);
      i = stop;
    } else if (ch === '/' && next === '*') {
      // Block comments nest in DuckDB's (PostgreSQL's) grammar.
      let depth = 0;
      let j = i;
      while (j < text.length) {
        if (text.startsWith('/*', j)) {
          depth++;
          j += 2;
        } else if (text.startsWith('*/', j)) {
          depth--;
          j += 2;
          if (depth === 0) break;
        } else j++;
      }
      out += text.slice(i, j);
      i = j;
    } else if (ch === '$') {
      const r = reference((name, v) => codeLiteral(name, v, types.get(name) ?? 'string', problems));
      if (r !== null) {
        out += r.text;
        i += r.length;
        continue;
      }
      const tag = DOLLAR_TAG.exec(text.slice(i, i + 70))?.[0];
      if (tag === undefined) {
        out += ch;
        i++;
        continue;
      }
      out += tag;
      i += tag.length;
      while (i < text.length && !text.startsWith(tag, i)) {
        const r2 =
          text[i] === '$'
            ? reference((name, v) => {
                if (v.includes(tag)) problems.push(said('param.value/ends-string', { name, tag }));
                return v.replaceAll(tag, '');
              })
            : null;
        if (r2 !== null) {
          out += r2.text;
          i += r2.length;
        } else {
          out += text[i] ?? '';
          i++;
        }
      }
      if (i < text.length) {
        out += tag;
        i += tag.length;
      }
    } else {
      out += ch;
      i++;
    }
  }
  return { text: out, unknown, problems };
}
