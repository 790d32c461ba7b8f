import { mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cachedJsonCheck } from './cached-check';

describe('cachedJsonCheck', () => {
  it('reads a file once until its size or mtime changes', () => {
    const p = join(mkdtempSync(join(tmpdir(), 'duto-jsoncache-')), 'a.json');
    writeFileSync(p, '[{"a":1}]');
    const first = cachedJsonCheck(p, 'auto');
    expect(cachedJsonCheck(p, 'auto')).toBe(first);
    expect(cachedJsonCheck(p, 'array')).not.toBe(first);
    writeFileSync(p, '[{"a":1}');
    utimesSync(p, new Date(), new Date(Date.now() + 5_000));
    expect(cachedJsonCheck(p, 'auto').problem?.truncated).toBe(true);
  });
});
