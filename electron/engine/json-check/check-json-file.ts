import { closeSync, fstatSync, openSync } from 'node:fs';
import { ByteSource } from './byte-source';
import { JsonGrammar, JsonSyntaxError, shown, type DuplicateKey } from './json-grammar';

/**
 * Whether a whole file is JSON as RFC 8259 defines it, read once in chunks.
 * 'array': one array. 'newline_delimited': one document per non-blank line.
 * 'auto': one array, or documents each starting on a line of its own (they
 * may be pretty-printed over several lines).
 */

export type JsonLayout = 'array' | 'newline_delimited' | 'auto';

export interface JsonProblem {
  message: string;
  line: number;
  column: number;
  /** The file ends inside a document. */
  truncated: boolean;
}

export interface JsonCheck {
  problem: JsonProblem | null;
  /** The first repeated key (read "last wins"). */
  duplicate?: DuplicateKey;
}

export function checkJsonFile(path: string, layout: JsonLayout): JsonCheck {
  const fd = openSync(path, 'r');
  try {
    const stat = fstatSync(fd);
    const src = new ByteSource(fd, Math.max(1, Math.min(stat.size, 1024 * 1024)));
    const grammar = new JsonGrammar(src, layout === 'newline_delimited');
    const done = (problem: JsonProblem | null): JsonCheck => ({
      problem,
      ...(grammar.duplicate === undefined ? {} : { duplicate: grammar.duplicate }),
    });
    try {
      documents(src, grammar, layout);
      return done(null);
    } catch (e) {
      if (!(e instanceof JsonSyntaxError)) throw e;
      return done({
        message: `${path}:${e.line}:${e.column}: ${e.message}`,
        line: e.line,
        column: e.column,
        truncated: e.truncated,
      });
    }
  } finally {
    closeSync(fd);
  }
}

function documents(src: ByteSource, grammar: JsonGrammar, layout: JsonLayout): void {
  // A UTF-8 byte order mark is allowed before the first document (RFC 8259 §8.1 lets a parser ignore it).
  if (src.peek() === 0xef) {
    for (const b of [0xef, 0xbb, 0xbf]) {
      if (src.peek() !== b) grammar.fail(`invalid UTF-8 at the start of the file (${shown(src.peek())})`);
      src.next();
    }
  }
  let count = 0;
  let firstIsArray = false;
  for (;;) {
    grammar.skipSpace(0);
    const b = src.peek();
    if (b === -1) break;
    if (count > 0 && (layout === 'array' || firstIsArray))
      grammar.fail(
        `more after the end of the ${layout === 'array' ? 'array' : 'document'}: a JSON file holds one array here (found ${shown(b)})`,
      );
    if (count === 0 && layout === 'array' && b !== 0x5b)
      grammar.fail(`expected a JSON array ([ … ]) since the node's layout is one array of objects, found ${shown(b)}`);
    firstIsArray = count === 0 && b === 0x5b && layout !== 'newline_delimited';
    grammar.value(0);
    count++;
    skipLineSpace(src);
    const after = src.peek();
    if (after !== -1 && after !== 0x0a)
      grammar.fail(`${shown(after)} after the end of the ${layout === 'newline_delimited' ? 'record' : 'document'}`);
  }
  if (count === 0) grammar.fail('the file holds no JSON document (it is empty or blank)');
}

/** Blanks up to the end of the line. */
function skipLineSpace(src: ByteSource): void {
  for (let b = src.peek(); b === 0x20 || b === 0x09 || b === 0x0d; b = src.peek()) src.next();
}
