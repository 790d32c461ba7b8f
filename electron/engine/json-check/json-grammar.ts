import type { ByteSource } from './byte-source';

/**
 * RFC 8259 values, read from a ByteSource without building them: only
 * object keys are decoded, to find duplicates. Nesting is limited because
 * DuckDB crashes (not errors) on JSON some 30,000 levels deep.
 */

export const MAX_DEPTH = 1000;

export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
  }

  /** The file ends before the document does. */
  get truncated(): boolean {
    return this.message.endsWith('it is truncated');
  }
}

export interface DuplicateKey {
  key: string;
  line: number;
  column: number;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

export function isSpace(b: number): boolean {
  return b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;
}

function isDigit(b: number): boolean {
  return b >= 0x30 && b <= 0x39;
}

/** How a byte reads in a message. */
export function shown(b: number): string {
  if (b === -1) return 'the end of the file';
  if (b === 0x0a) return 'the end of the line';
  if (b > 0x20 && b < 0x7f) return `'${String.fromCharCode(b)}'`;
  return `byte 0x${b.toString(16).padStart(2, '0')}`;
}

export class JsonGrammar {
  /** The first key repeated in an object, if any. */
  duplicate: DuplicateKey | undefined;

  constructor(
    private readonly src: ByteSource,
    /** In newline-delimited files a document may not span lines. */
    private readonly oneLine: boolean,
  ) {}

  fail(message: string, line = this.src.line, column = this.src.column): never {
    throw new JsonSyntaxError(message, line, column);
  }

  /** Skips blanks inside a document (a line break ends a newline-delimited record). */
  skipSpace(depth: number): void {
    for (let b = this.src.peek(); isSpace(b); b = this.src.peek()) {
      if (b === 0x0a && this.oneLine && depth > 0)
        this.fail('a record continues on the next line: in a newline-delimited file each record is one line');
      this.src.next();
    }
  }

  value(depth: number): void {
    const b = this.src.peek();
    if (b === 0x7b) this.object(depth + 1);
    else if (b === 0x5b) this.array(depth + 1);
    else if (b === QUOTE) this.string(false);
    else if (b === 0x2d || isDigit(b)) this.number();
    else if (b === 0x74) this.literal('true');
    else if (b === 0x66) this.literal('false');
    else if (b === 0x6e) this.literal('null');
    else
      this.fail(
        b === -1 ? 'the file ends where a value should be: it is truncated' : `expected a value, found ${shown(b)}`,
      );
  }

  private enter(depth: number): void {
    if (depth > MAX_DEPTH) this.fail(`nesting is deeper than ${MAX_DEPTH} levels: Duto does not read JSON this deep`);
    this.src.next();
  }

  private array(depth: number): void {
    this.enter(depth);
    this.skipSpace(depth);
    if (this.src.peek() === 0x5d) {
      this.src.next();
      return;
    }
    for (;;) {
      this.value(depth);
      this.skipSpace(depth);
      const b = this.src.peek();
      if (b === 0x5d) {
        this.src.next();
        return;
      }
      if (b !== 0x2c)
        this.fail(
          b === -1
            ? 'the file ends inside an array (no closing ]): it is truncated'
            : `expected ',' or ']' in an array, found ${shown(b)}`,
        );
      this.src.next();
      this.skipSpace(depth);
      if (this.src.peek() === 0x5d) this.fail('a comma before ] (a trailing comma is not JSON)');
    }
  }

  private object(depth: number): void {
    this.enter(depth);
    const keys = new Set<string>();
    this.skipSpace(depth);
    if (this.src.peek() === 0x7d) {
      this.src.next();
      return;
    }
    for (;;) {
      const b = this.src.peek();
      if (b !== QUOTE)
        this.fail(
          b === -1
            ? 'the file ends inside an object (no closing }): it is truncated'
            : `expected a key in double quotes, found ${shown(b)}`,
        );
      const line = this.src.line;
      const column = this.src.column;
      const key = this.string(true);
      if (keys.has(key)) this.duplicate ??= { key, line, column };
      else keys.add(key);
      this.skipSpace(depth);
      const colon = this.src.peek();
      if (colon !== 0x3a) this.fail(`expected ':' after a key, found ${shown(colon)}`);
      this.src.next();
      this.skipSpace(depth);
      this.value(depth);
      this.skipSpace(depth);
      const after = this.src.peek();
      if (after === 0x7d) {
        this.src.next();
        return;
      }
      if (after !== 0x2c)
        this.fail(
          after === -1
            ? 'the file ends inside an object (no closing }): it is truncated'
            : `expected ',' or '}' in an object, found ${shown(after)}`,
        );
      this.src.next();
      this.skipSpace(depth);
      if (this.src.peek() === 0x7d) this.fail('a comma before } (a trailing comma is not JSON)');
    }
  }

  private literal(word: string): void {
    for (let i = 0; i < word.length; i++) {
      const b = this.src.peek();
      if (b !== word.charCodeAt(i)) this.fail(`expected ${word}, found ${shown(b)}`);
      this.src.next();
    }
  }

  private digits(what: string): void {
    if (!isDigit(this.src.peek())) this.fail(`expected a digit ${what}, found ${shown(this.src.peek())}`);
    while (isDigit(this.src.peek())) this.src.next();
  }

  /** -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)? */
  private number(): void {
    if (this.src.peek() === 0x2d) this.src.next();
    if (this.src.peek() === 0x30) {
      this.src.next();
      if (isDigit(this.src.peek())) this.fail('a number may not start with 0 followed by digits');
    } else {
      this.digits('in a number');
    }
    if (this.src.peek() === 0x2e) {
      this.src.next();
      this.digits('after the decimal point');
    }
    const e = this.src.peek();
    if (e === 0x65 || e === 0x45) {
      this.src.next();
      const sign = this.src.peek();
      if (sign === 0x2b || sign === 0x2d) this.src.next();
      this.digits('in the exponent');
    }
  }

  /** A string; its decoded text when `keep` (keys), '' otherwise. */
  private string(keep: boolean): string {
    this.src.next();
    const units: number[] = [];
    for (;;) {
      const line = this.src.line;
      const column = this.src.column;
      const b = this.src.next();
      if (b === QUOTE) return keep ? decodeUnits(units) : '';
      if (b === -1) this.fail('the file ends inside a string: it is truncated', line, column);
      if (b < 0x20) this.fail(`a control character (${shown(b)}) inside a string must be escaped`, line, column);
      if (b === BACKSLASH) {
        const unit = this.escape(line, column);
        if (keep) units.push(unit);
      } else if (b < 0x80) {
        if (keep) units.push(b);
      } else {
        const cp = this.utf8(b, line, column);
        if (keep)
          units.push(...(cp > 0xffff ? [0xd800 + ((cp - 0x10000) >> 10), 0xdc00 + ((cp - 0x10000) & 0x3ff)] : [cp]));
      }
    }
  }

  /** After a backslash: the UTF-16 code unit it stands for (lone surrogates are allowed, RFC 8259 §8.2). */
  private escape(line: number, column: number): number {
    const e = this.src.next();
    switch (e) {
      case QUOTE:
      case BACKSLASH:
      case 0x2f:
        return e;
      case 0x62:
        return 0x08;
      case 0x66:
        return 0x0c;
      case 0x6e:
        return 0x0a;
      case 0x72:
        return 0x0d;
      case 0x74:
        return 0x09;
      case 0x75: {
        let unit = 0;
        for (let i = 0; i < 4; i++) {
          const h = this.src.next();
          const v = hexValue(h);
          if (v < 0) this.fail(`\\u must be followed by four hex digits, found ${shown(h)}`, line, column);
          unit = unit * 16 + v;
        }
        return unit;
      }
      default:
        return this.fail(`invalid escape \\${e === -1 ? '' : String.fromCharCode(e)} in a string`, line, column);
    }
  }

  /** The code point of a UTF-8 sequence starting with `lead`; refuses overlong forms, surrogates and bytes past U+10FFFF. */
  private utf8(lead: number, line: number, column: number): number {
    let need: number;
    let cp: number;
    let min: number;
    if (lead >= 0xc2 && lead <= 0xdf) [need, cp, min] = [1, lead & 0x1f, 0x80];
    else if (lead >= 0xe0 && lead <= 0xef) [need, cp, min] = [2, lead & 0x0f, 0x800];
    else if (lead >= 0xf0 && lead <= 0xf4) [need, cp, min] = [3, lead & 0x07, 0x10000];
    else return this.fail(`invalid UTF-8 (${shown(lead)})`, line, column);
    for (let i = 0; i < need; i++) {
      const c = this.src.peek();
      if ((c & 0xc0) !== 0x80 || c === -1)
        this.fail(`invalid UTF-8 (${shown(lead)} is not followed by its continuation bytes)`, line, column);
      this.src.next();
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
      this.fail('invalid UTF-8 (an overlong form, a surrogate or a code point past U+10FFFF)', line, column);
    return cp;
  }
}

function hexValue(b: number): number {
  if (b >= 0x30 && b <= 0x39) return b - 0x30;
  if (b >= 0x41 && b <= 0x46) return b - 0x37;
  if (b >= 0x61 && b <= 0x66) return b - 0x57;
  return -1;
}

function decodeUnits(units: readonly number[]): string {
  let s = '';
  for (let i = 0; i < units.length; i += 4096) s += String.fromCharCode(...units.slice(i, i + 4096));
  return s;
}
