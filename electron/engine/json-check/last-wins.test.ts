import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkJsonFile } from './check-json-file';
import { writeLastWins } from './last-wins';

function copied(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'duto-lastwins-'));
  writeFileSync(join(dir, 'in.json'), text);
  writeLastWins(join(dir, 'in.json'), join(dir, 'out.json'));
  const out = readFileSync(join(dir, 'out.json'), 'utf8');
  expect(checkJsonFile(join(dir, 'out.json'), 'auto')).toMatchObject({ problem: null });
  return out;
}

describe('writeLastWins', () => {
  it('keeps the last value at the first place, as JSON.parse does', () => {
    const text = '\ufeff[ {"a": 1, "b": [1, {"c": true, "c": null}], "a": "two"} ,\n {"\\u0061": 0, "a": 1.50e+3} ]';
    const out = copied(text);
    expect(out).toBe('[{"a":"two","b":[1,{"c":null}]},\n{"\\u0061":1.50e+3}]\n');
    expect(JSON.parse(out)).toEqual(JSON.parse(text.slice(1)));
  });

  it('copies strings and numbers as written, one document a line', () => {
    expect(copied('{"s": "é \\" \\ud800 ✓", "n": 12345678901234567890123, "n": -0.0}\n\n"x"\n')).toBe(
      '{"s":"é \\" \\ud800 ✓","n":-0.0}\n"x"\n',
    );
  });
});
