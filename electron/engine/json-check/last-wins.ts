import { closeSync, fstatSync, openSync, writeSync } from 'node:fs';
import { ByteSource } from './byte-source';
import { isSpace } from './json-grammar';

/**
 * Writes a copy of a checked JSON file whose objects hold each key once,
 * the last value winning at the first key's place (what JSON.parse does):
 * DuckDB refuses repeated keys. Everything else is copied as written
 * (numbers keep their digits). A top-level array is copied element by
 * element, so memory is bounded by the largest record, not the file.
 */
export function writeLastWins(from: string, to: string): void {
  const inFd = openSync(from, 'r');
  const outFd = openSync(to, 'w');
  try {
    const src = new ByteSource(inFd, Math.max(1, Math.min(fstatSync(inFd).size, 1024 * 1024)));
    const out = new Output(outFd);
    if (src.peek() === 0xef) for (let i = 0; i < 3; i++) src.next();
    const copier = new Copier(src);
    for (copier.skip(); src.peek() !== -1; copier.skip()) {
      if (src.peek() === 0x5b) {
        // The top-level array: one element at a time.
        src.next();
        out.write('[');
        copier.skip();
        for (let first = true; src.peek() !== 0x5d; first = false) {
          if (!first) {
            src.next(); // the comma
            copier.skip();
            out.write(',\n');
          }
          out.write(copier.value());
          copier.skip();
        }
        src.next();
        out.write(']\n');
      } else {
        out.write(`${copier.value()}\n`);
      }
    }
    out.flush();
  } finally {
    closeSync(inFd);
    closeSync(outFd);
  }
}

class Output {
  private parts: string[] = [];
  private length = 0;

  constructor(private readonly fd: number) {}

  write(text: string): void {
    this.parts.push(text);
    this.length += text.length;
    if (this.length > 1024 * 1024) this.flush();
  }

  flush(): void {
    writeSync(this.fd, this.parts.join(''));
    this.parts = [];
    this.length = 0;
  }
}

/** Reads values of a file already known to be valid JSON, as compact text. */
class Copier {
  constructor(private readonly src: ByteSource) {}

  skip(): void {
    while (isSpace(this.src.peek())) this.src.next();
  }

  value(): string {
    const b = this.src.peek();
    if (b === 0x7b) return this.object();
    if (b === 0x5b) return this.array();
    if (b === 0x22) return this.string();
    return this.scalar();
  }

  private array(): string {
    this.src.next();
    const items: string[] = [];
    for (this.skip(); this.src.peek() !== 0x5d; this.skip()) {
      if (this.src.peek() === 0x2c) this.src.next();
      this.skip();
      items.push(this.value());
    }
    this.src.next();
    return `[${items.join(',')}]`;
  }

  private object(): string {
    this.src.next();
    const members = new Map<string, { key: string; value: string }>();
    for (this.skip(); this.src.peek() !== 0x7d; this.skip()) {
      if (this.src.peek() === 0x2c) this.src.next();
      this.skip();
      const raw = this.string();
      const key: unknown = JSON.parse(raw);
      this.skip();
      this.src.next(); // the colon
      this.skip();
      const value = this.value();
      // A repeated key keeps its first place (Map order) with the last value, as in JSON.parse.
      const name = typeof key === 'string' ? key : raw;
      members.set(name, { key: members.get(name)?.key ?? raw, value });
    }
    this.src.next();
    return `{${[...members.values()].map((m) => `${m.key}:${m.value}`).join(',')}}`;
  }

  /** A string as written, quotes and escapes included. */
  private string(): string {
    const bytes: number[] = [this.src.next()];
    for (;;) {
      const b = this.src.next();
      bytes.push(b);
      if (b === 0x5c) bytes.push(this.src.next());
      else if (b === 0x22 || b === -1) break;
    }
    return Buffer.from(bytes).toString('utf8');
  }

  /** A number or literal: up to the next delimiter. */
  private scalar(): string {
    let s = '';
    for (
      let b = this.src.peek();
      b !== -1 && !isSpace(b) && b !== 0x2c && b !== 0x5d && b !== 0x7d;
      b = this.src.peek()
    )
      s += String.fromCharCode(this.src.next());
    return s;
  }
}
