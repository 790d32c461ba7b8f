import { describe, expect, it } from 'vitest';
import { sseParser } from './sse-parser';

function parse(pieces: readonly string[]): string[] {
  const got: string[] = [];
  const feed = sseParser((d) => got.push(d));
  for (const p of pieces) feed(p);
  return got;
}

describe('event-stream parser', () => {
  it('passes on each event’s data, however the text is cut', () => {
    const text = ': connected\n\ndata: {"a":1}\n\n: keepalive\n\ndata: {"b":2}\n\n';
    const whole = parse([text]);
    expect(whole).toEqual(['{"a":1}', '{"b":2}']);
    for (let size = 1; size < 8; size++) {
      const pieces = text.match(new RegExp(`[\\s\\S]{1,${size}}`, 'g')) ?? [];
      expect(parse(pieces)).toEqual(whole);
    }
  });

  it('reads CRLF and CR line ends, one split across pieces', () => {
    expect(parse(['data: x\r', '\n\r', '\ndata: y\r\r'])).toEqual(['x']);
    // A CR at the end of a piece is a line end only once the next piece shows it is not half of CRLF.
    expect(parse(['data: x\r', '\n\r', '\ndata: y\r\r', ': next\n'])).toEqual(['x', 'y']);
  });

  it('joins data lines, takes one optional space, and skips other fields and unfinished events', () => {
    expect(parse(['data:a\ndata:  b\nevent: e\nid: 7\nretry: 1\ndata\n\n'])).toEqual(['a\n b\n']);
    expect(parse(['event: only\n\n', 'data: unfinished'])).toEqual([]);
  });
});
