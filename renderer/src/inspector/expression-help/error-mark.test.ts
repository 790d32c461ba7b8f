// @vitest-environment jsdom
import { EditorState } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { afterEach, describe, expect, it } from 'vitest';
import { errorMarks, markRange, setErrorMark } from './error-mark';

describe('the error underline', () => {
  it('covers the token at the offset, or the last character when the text ended too soon', () => {
    expect(markRange("status = = 'paid'", 9)).toEqual({ from: 9, to: 10 });
    expect(markRange('amount foo', 7)).toEqual({ from: 7, to: 10 });
    expect(markRange('upper(a  ', 9)).toEqual({ from: 6, to: 7 });
    expect(markRange('', 0)).toBeNull();
  });

  let view: EditorView | undefined;
  afterEach(() => view?.destroy());
  it('is drawn where the engine said, follows edits before it, and is cleared', () => {
    view = new EditorView({
      parent: document.body,
      state: EditorState.create({ doc: 'amount foo', extensions: [errorMarks()] }),
    });
    view.dispatch({ effects: setErrorMark.of({ offset: 7, message: 'erro de sintaxe' }) });
    expect(document.querySelector('[data-testid="expression-error-mark"]')?.textContent).toBe('foo');
    view.dispatch({ changes: { from: 0, insert: '  ' } });
    expect(document.querySelector('[data-testid="expression-error-mark"]')?.textContent).toBe('foo');
    view.dispatch({ effects: setErrorMark.of(null) });
    expect(document.querySelector('[data-testid="expression-error-mark"]')).toBeNull();
  });
});
