import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { error } from '../shared/diagnostics';
import { ERROR_CODES, codeInfo, isErrorCode } from '../shared/error-codes';
import { exitCodeFor } from '../electron/cli/exit';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** Where diagnostics and IPC errors are made (the renderer only shows them). */
const SCANNED = ['shared', 'electron'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' || e.name === 'test-fixtures' ? [] : sourceFiles(path);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [path] : [];
  });
}

const CODE = String.raw`['"]([a-z][a-zA-Z0-9_-]*(?:\.[a-zA-Z0-9_-]+)+|internal)['"]`;
const EITHER = String.raw`(?:[^'"\x60;()]{0,80}\?\s*)?${CODE}(?:\s*:\s*${CODE})?`;
/**
 * Where a code is written: the first argument of error()/warning()/fail()
 * and of every *Error constructor (a ternary's two branches too), a `code:`
 * property, and what the drivers' error-kind functions return. The type
 * system is the first wall (an unknown code does not compile); this finds
 * what a `string` might still carry.
 */
const CODE_SITES = [
  new RegExp(String.raw`\b\w*(?:Error|error|warning|fail)\(\s*${EITHER}`, 'g'),
  new RegExp(String.raw`\b(?:error|warning)\)\((?:[^;]{0,80}\?\s*)?${CODE}(?:\s*:\s*${CODE})?`, 'g'),
  new RegExp(String.raw`\bcode:\s*${EITHER}`, 'g'),
  new RegExp(String.raw`\breturn\s+${EITHER}`, 'g'),
  new RegExp(String.raw`\bkind\s*=\s*(?:[^;]{0,80}\?\s*)?${CODE}(?:\s*:\s*${CODE})?`, 'g'),
];

// The tables themselves (codes, and their message templates in shared/messages) are not uses.
const files = SCANNED.flatMap((d) => sourceFiles(join(ROOT, d))).filter(
  (f) => !f.endsWith(join('shared', 'error-codes.ts')) && !f.includes(join('shared', 'messages')),
);
const texts = new Map(files.map((f) => [relative(ROOT, f), readFileSync(f, 'utf8')]));

describe('error codes', () => {
  it('every code written in the source is in the table', () => {
    const unknown: string[] = [];
    for (const [file, text] of texts) {
      for (const site of CODE_SITES) {
        for (const m of text.matchAll(site)) {
          for (const code of m.slice(1)) if (code !== undefined && !isErrorCode(code)) unknown.push(`${file}: ${code}`);
        }
      }
    }
    // Event names and node types look alike but are not written at these sites.
    expect(unknown).toEqual([]);
  });

  it('every code in the table is used somewhere', () => {
    const all = [...texts.values()].join('\n');
    // `node.cycle/self` is a use of `node.cycle` (one of its message templates), and so is a key built in a template literal.
    const unused = Object.keys(ERROR_CODES).filter(
      (code) =>
        !all.includes(`'${code}'`) &&
        !all.includes(`"${code}"`) &&
        !all.includes(`'${code}/`) &&
        !all.includes(`\`${code}/`),
    );
    expect(unused).toEqual([]);
  });

  it('keeps the codes that scripts read, as they were', () => {
    for (const code of [
      'document.json',
      'param.invalid',
      'node.bind',
      'run.cancelled',
      'sink.exists',
      'source.rejected',
      'quality.failed',
      'state.missing',
      'engine.sandbox',
      'internal',
    ]) {
      expect(isErrorCode(code), code).toBe(true);
    }
  });

  it('decides the CLI exit code: 2 when every error is the pipeline’s own, else 1', () => {
    expect(codeInfo('param.invalid').exit).toBe('input');
    expect(codeInfo('node.conversion').exit).toBe('run');
    expect(codeInfo('sink.refused').exit).toBe('input');
    expect(codeInfo('sink.exists').exit).toBe('run');
    expect(exitCodeFor([error('param.invalid', { detail: 'bad' }), error('node.cycle', { cycle: 'a → b → a' })])).toBe(
      2,
    );
    expect(
      exitCodeFor([error('param.invalid', { detail: 'bad' }), error('source.missing', { file: 'gone.csv' })]),
    ).toBe(1);
    expect(exitCodeFor([])).toBe(1);
  });

  it('a code from elsewhere (an old history record) is a run failure, never a crash', () => {
    expect(isErrorCode('no.such-code')).toBe(false);
    expect(codeInfo('no.such-code')).toEqual({ exit: 'run', blames: 'none' });
    expect(isErrorCode('toString')).toBe(false);
  });
});
