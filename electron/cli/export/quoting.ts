import { usageError } from '../exit';

/**
 * How a text is written into each generated file so that it reaches
 * `duto run` as exactly that argument. Deterministic: the same text is
 * always quoted the same way, so regenerated files diff cleanly.
 */

/** Line breaks (and NUL) cannot be carried by a crontab line, a unit's ExecStart or a task id: refused for every target alike. */
export function refuseLineBreaks(text: string, what: string): void {
  // eslint-disable-next-line no-control-regex
  if (/[\r\n\u0000\u2028\u2029]/.test(text))
    throw usageError(`${what} contains a line break (or NUL), which no orchestrator file can carry safely: rename it`);
}

/** POSIX sh: single quotes, a `'` as `'\''`; plain words stay bare. */
export function shellQuote(text: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(text)) return text;
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** A crontab line turns every unescaped `%` into a newline: escaped after shell quoting. */
export function crontabEscape(line: string): string {
  return line.replace(/%/g, '\\%');
}

/**
 * One word of a systemd ExecStart= line: double quotes, with `\` and `"`
 * escaped, `$` doubled (no variable expansion) and `%` doubled (no
 * specifier) — systemd's own rules, not a shell's.
 */
export function systemdQuote(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\$/g, '$$$$').replace(/%/g, '%%')}"`;
}

/** A Python string literal: single quotes, backslash escapes, anything not printable ASCII as \x / \u / \U. */
export function pyString(text: string): string {
  let out = "'";
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === '\\') out += '\\\\';
    else if (ch === "'") out += "\\'";
    else if (code >= 0x20 && code < 0x7f) out += ch;
    else if (code < 0x100) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else if (code < 0x10000) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += `\\U${code.toString(16).padStart(8, '0')}`;
  }
  return `${out}'`;
}

/**
 * A YAML scalar: a JSON string is a valid YAML double-quoted scalar, so no
 * text can become a key, a comment, an anchor or a number. GitHub Actions
 * still evaluates `${{` inside any string: the caller refuses it first.
 */
export function yamlString(text: string): string {
  return JSON.stringify(text);
}
