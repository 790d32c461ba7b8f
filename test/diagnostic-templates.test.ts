import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { diagnosticText, error } from '../shared/diagnostics';
import { diagnosticSchema } from '../shared/ipc/results';
import { recognize } from '../shared/messages/recognize';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' || e.name === 'test-fixtures' ? [] : sourceFiles(path);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [path] : [];
  });
}

/**
 * Where a diagnostic (or an error that becomes one) would be made from
 * English free text rather than a template of shared/messages: its message
 * would then be English in every language. A template call (`error(key, { … })`,
 * `new ConnectorError(said(…))`, `new HttpSourceError(e.said, param)`) is
 * checked by TypeScript against its template.
 */
const FREE_TEXT = [
  /(?<![.\w])(?:error|warning)\)?\(\s*(?:[^,();]{0,80}\?\s*)?'[a-z][\w.-]*'(?:\s*:\s*'[a-z][\w.-]*')?\s*,\s*(?!\{|\s)/g,
  /(?<![.\w])(?:error|warning)\(\s*[a-z]\w*(?:\.\w+)*\s*,\s*(?![\s{])/g,
  /\bnew (?:ConnectorError|HttpSourceError)\(\s*(?!said\(|\w+\.said\b)(?:'[a-z][\w.-]*'|\w+(?:\((?:[^()]|\([^()]*\))*\))?(?:\.\w+)*)\s*,\s*(?![\s{])/g,
  /\bhostError\(\s*'[a-z][\w.-]*'/g,
  /\bnew ExcelError\(\s*[`'"]/g,
];

/**
 * The call sites left in free text, by file: none. error(), warning(),
 * hostError() and the connectors' errors no longer take free text at all
 * (TypeScript refuses it); this scan catches a free-text form coming back.
 * Text from outside (a server's message, a library's) is a template's
 * argument, inside words of the user's language.
 */
const LEFT: Record<string, number> = {};

describe('diagnostics from templates', () => {
  it('leaves free text nowhere: every diagnostic is made from a template', () => {
    const found: Record<string, number> = {};
    for (const file of [...sourceFiles(join(ROOT, 'shared')), ...sourceFiles(join(ROOT, 'electron'))]) {
      const text = readFileSync(file, 'utf8');
      const n = FREE_TEXT.reduce((sum, site) => sum + [...text.matchAll(site)].length, 0);
      if (n > 0) found[relative(ROOT, file).split('\\').join('/')] = n;
    }
    expect(found).toEqual(LEFT);
  });

  it('reads a node type’s English check back into its template, so it shows in Portuguese', () => {
    const s = recognize('node.check', 'unknown column "amt" in input "in" (did you mean "amount"?)');
    expect(s).toEqual({ key: 'node.check/unknown-column-like', args: { column: 'amt', port: 'in', like: 'amount' } });
    expect(recognize('param.invalid', 'must be at least 3')).toEqual({ key: 'param.invalid/min', args: { min: '3' } });
    expect(recognize('node.check', 'something no template says')).toBeUndefined();
  });

  it('checks at the IPC boundary that the arguments fill their template', () => {
    const d = error('node.unknown-column/like', { column: 'x', candidates: 'y' });
    expect(diagnosticSchema.safeParse(d).success).toBe(true);
    expect(diagnosticSchema.safeParse({ ...d, args: { column: 'x' } }).success).toBe(false);
    expect(diagnosticSchema.safeParse({ ...d, args: { column: 'x', candidates: 'y', extra: 1 } }).success).toBe(false);
    // A record from another version: shown by its English message.
    const old = { severity: 'error', code: 'node.gone', variant: 'v', args: { a: 1 }, message: 'old' };
    expect(diagnosticSchema.safeParse(old).success).toBe(true);
    expect(diagnosticText(old, 'pt-BR')).toBe('old');
  });
});
