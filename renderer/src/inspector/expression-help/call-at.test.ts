import { describe, expect, it } from 'vitest';
import { callAt } from './call-at';

describe('the call the cursor is in', () => {
  const at = (text: string) => callAt(text.replace('|', ''), text.indexOf('|'));
  it('names the function and the argument', () => {
    expect(at('upper(|')).toEqual({ name: 'upper', argIndex: 0, from: 0 });
    expect(at('x + substr(name, |')).toEqual({ name: 'substr', argIndex: 1, from: 4 });
    expect(at('SUBSTR (name, 2, |)')).toEqual({ name: 'substr', argIndex: 2, from: 0 });
  });
  it('skips nested calls, quoted commas and parentheses', () => {
    expect(at("concat(upper(a), 'x,(y', |")).toMatchObject({ name: 'concat', argIndex: 2 });
    expect(at('concat(upper(a|')).toMatchObject({ name: 'upper', argIndex: 0 });
    expect(at('concat("a,b", |')).toMatchObject({ argIndex: 1 });
  });
  it('is none outside a call or after a bare parenthesis', () => {
    expect(at('upper(a) |')).toBeNull();
    expect(at('(a + |')).toBeNull();
    expect(at('|')).toBeNull();
  });
  it('spans lines', () => {
    expect(at('substr(\n  name,\n  |')).toMatchObject({ name: 'substr', argIndex: 1 });
  });
});
