import { CompletionContext } from '@codemirror/autocomplete';
import { EditorState } from '@codemirror/state';
import { describe, expect, it } from 'vitest';
import { columnCompletions, expressionCompletionSource, functionCompletions } from './completion-source';
import { TEST_FUNCTIONS } from './test-functions';

const options = [
  ...columnCompletions([
    { name: 'status', type: 'VARCHAR' },
    { name: 'Order Date', type: 'DATE' },
  ]),
  ...functionCompletions(TEST_FUNCTIONS, (k) => `kind:${k}`),
];
const source = expressionCompletionSource(options);

function complete(text: string, explicit = false) {
  const pos = text.indexOf('|');
  const state = EditorState.create({ doc: text.replace('|', '') });
  const r = source(new CompletionContext(state, pos, explicit));
  if (r instanceof Promise) throw new Error('expected a synchronous source');
  return r;
}

describe('expression completion', () => {
  it('offers columns with their types and functions with signatures from the word typed', () => {
    const r = complete('amount > 0 and st|');
    expect(r?.from).toBe('amount > 0 and '.length);
    const status = r?.options.find((o) => o.label === 'status');
    expect(status).toMatchObject({ type: 'property', detail: 'VARCHAR', apply: 'status' });
    const substr = r?.options.find((o) => o.label === 'substr');
    expect(substr).toMatchObject({ type: 'function', apply: 'substr(' });
    expect(substr?.detail).toBe('(string VARCHAR, start BIGINT, length BIGINT) → VARCHAR +1');
    expect(String(substr?.info)).toContain('kind:scalar');
    expect(String(substr?.info)).toContain('Extracts substring');
  });
  it('lists each function once, and quotes a column name that needs it', () => {
    expect(options.filter((o) => o.label === 'substr')).toHaveLength(1);
    expect(options.find((o) => o.label === 'Order Date')?.apply).toBe('"Order Date"');
  });
  it('offers nothing inside a string, after a dot, or with no word unless asked', () => {
    expect(complete("status = 'st|")).toBeNull();
    expect(complete('s.st|')).toBeNull();
    expect(complete('amount > |')).toBeNull();
    expect(complete('amount > |', true)?.options.length).toBe(options.length);
  });
});
