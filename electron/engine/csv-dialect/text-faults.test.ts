import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freshDir } from '../test-support';
import { mixedLineEnding, windows1252Byte } from './text-faults';

describe('text faults DuckDB reports without a line', () => {
  const dir = freshDir('duto-text-faults-');
  const file = (name: string, bytes: Buffer): string => {
    const path = join(dir, name);
    writeFileSync(path, bytes);
    return path;
  };

  it('finds the first Windows-1252 byte and its line', () => {
    const f = file(
      'cp.csv',
      Buffer.from([...Buffer.from('id;nome\r\n1;Jo\xe3o\r\n2;', 'latin1'), 0x93, 0x61, 0x94, 0x0d, 0x0a]),
    );
    expect(windows1252Byte(f)).toEqual({ line: 3, byte: '0x93' });
    expect(windows1252Byte(file('latin.csv', Buffer.from('id\n1;Jo\xe3o\n', 'latin1')))).toBeUndefined();
    // Past the first read: lines counted across it.
    const lines = Buffer.from('x'.repeat(99) + '\n')
      .toString()
      .repeat(20_000);
    expect(windows1252Byte(file('far.csv', Buffer.concat([Buffer.from(lines), Buffer.from([0x80, 0x0a])])))).toEqual({
      line: 20_001,
      byte: '0x80',
    });
  });

  it('finds the first line ending otherwise than the first, also across read chunks', () => {
    expect(mixedLineEnding(file('m.csv', Buffer.from('id,name\r\n1,a\n2,b\r\n')))).toEqual({
      line: 2,
      first: 'CRLF',
      other: 'LF',
    });
    expect(mixedLineEnding(file('u.csv', Buffer.from('a\nb\nc\r\n')))).toEqual({ line: 3, first: 'LF', other: 'CRLF' });
    expect(mixedLineEnding(file('same.csv', Buffer.from('a\r\nb\r\n')))).toBeUndefined();
    // A CR at the end of one read and its LF at the start of the next are one CRLF.
    const long = 'x'.repeat(2 ** 20 - 1);
    expect(mixedLineEnding(file('edge.csv', Buffer.from(`${long}\r\nb\r\nc\n`)))).toEqual({
      line: 3,
      first: 'CRLF',
      other: 'LF',
    });
    expect(mixedLineEnding(join(dir, 'missing.csv'))).toBeUndefined();
  });

  it('never opens a pipe or a device (it would block the error path for good)', () => {
    const pipe = join(dir, 'pipe.csv');
    execFileSync('mkfifo', [pipe]);
    const started = Date.now();
    expect(mixedLineEnding(pipe)).toBeUndefined();
    expect(windows1252Byte(pipe)).toBeUndefined();
    expect(windows1252Byte('/dev/zero')).toBeUndefined();
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
