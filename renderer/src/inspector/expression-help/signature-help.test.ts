// @vitest-environment jsdom
import { EditorState } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { afterEach, describe, expect, it } from 'vitest';
import { signatureHelp, signatureHelpAt } from './signature-help';
import { byName, signatureText } from './signatures';
import { TEST_FUNCTIONS } from './test-functions';

const fns = byName(TEST_FUNCTIONS);
const at = (text: string) => signatureHelpAt(text.replace('|', ''), text.indexOf('|'), fns);

describe('signature help', () => {
  it('shows the overload that has the argument the cursor is in', () => {
    const first = at('substr(name, 1, |');
    expect(first?.fn.params).toHaveLength(3);
    expect(first?.active).toBe(2);
    expect(first?.overloads).toBe(2);
    expect(signatureText(at('upper(|')?.fn ?? TEST_FUNCTIONS[0]!)).toBe('upper(string VARCHAR) → VARCHAR');
  });
  it('stays on the repeated argument of a varargs function', () => {
    const h = at('concat(a, b, c, |');
    expect(h?.active).toBe(1);
  });
  it('is none for unknown functions and outside calls', () => {
    expect(at('my_macro(|')).toBeNull();
    expect(at('upper(a) |')).toBeNull();
  });
});

describe('the signature tooltip in the editor', () => {
  let view: EditorView | undefined;
  afterEach(() => view?.destroy());
  it('appears inside a call with the current parameter highlighted, and goes away outside', () => {
    const doc = 'substr(name, ';
    view = new EditorView({
      parent: document.body,
      state: EditorState.create({
        doc,
        selection: { anchor: doc.length },
        extensions: [signatureHelp(fns, (n) => `+${String(n)} more`)],
      }),
    });
    const tip = document.querySelector('[data-testid="signature-help"]');
    expect(tip?.textContent).toContain('substr(string VARCHAR, start BIGINT, length BIGINT) → VARCHAR');
    expect(tip?.querySelector('.cm-signature-active')?.textContent).toBe('start BIGINT');
    expect(tip?.textContent).toContain('+1 more');
    view.dispatch({ changes: { from: doc.length, insert: '1)' }, selection: { anchor: doc.length + 2 } });
    expect(document.querySelector('[data-testid="signature-help"]')).toBeNull();
  });
});
