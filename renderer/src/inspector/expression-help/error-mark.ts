import { StateEffect, StateField, type Extension, type Text } from '@codemirror/state';
import { Decoration, EditorView, hoverTooltip, type DecorationSet } from '@codemirror/view';

/** Where the engine's parser stopped, and its message in the user's language. */
export interface ErrorMark {
  offset: number;
  message: string;
}

/** The range to underline: the token starting at the offset, at least one character (the last one when the text ended too soon). */
export function markRange(doc: string, offset: number): { from: number; to: number } | null {
  if (doc.length === 0) return null;
  const from = Math.min(Math.max(0, offset), doc.trimEnd().length === 0 ? 0 : doc.trimEnd().length);
  if (from >= doc.trimEnd().length) return { from: Math.max(0, doc.trimEnd().length - 1), to: doc.trimEnd().length };
  const word = /^[A-Za-z0-9_]+/.exec(doc.slice(from));
  return { from, to: from + Math.max(1, word?.[0].length ?? 1) };
}

export const setErrorMark = StateEffect.define<ErrorMark | null>();

interface MarkState {
  mark: ErrorMark | null;
  decorations: DecorationSet;
}

function decorate(doc: Text, mark: ErrorMark | null): DecorationSet {
  if (mark === null) return Decoration.none;
  const r = markRange(doc.toString(), mark.offset);
  if (r === null) return Decoration.none;
  return Decoration.set([
    Decoration.mark({
      class: 'cm-error-mark',
      attributes: { 'data-testid': 'expression-error-mark', 'aria-invalid': 'true' },
    }).range(r.from, r.to),
  ]);
}

const markField = StateField.define<MarkState>({
  create: () => ({ mark: null, decorations: Decoration.none }),
  update(value, tr) {
    for (const e of tr.effects)
      if (e.is(setErrorMark)) return { mark: e.value, decorations: decorate(tr.state.doc, e.value) };
    // Edits move the mark with the text until the next check replaces it.
    return tr.docChanged ? { mark: value.mark, decorations: value.decorations.map(tr.changes) } : value;
  },
  provide: (f) => EditorView.decorations.from(f, (v) => v.decorations),
});

/** A red wavy underline where the parser stopped; hovering it shows the message. */
export function errorMarks(): Extension {
  return [
    markField,
    hoverTooltip((view, pos) => {
      const { mark, decorations } = view.state.field(markField);
      if (mark === null) return null;
      const hits: Array<{ from: number; to: number }> = [];
      decorations.between(pos, pos, (from, to) => {
        hits.push({ from, to });
      });
      const found = hits[0];
      if (found === undefined) return null;
      return {
        pos: found.from,
        end: found.to,
        above: true,
        create: () => {
          const dom = document.createElement('div');
          dom.className = 'cm-error-tooltip';
          dom.setAttribute('data-testid', 'expression-error-tooltip');
          dom.textContent = mark.message;
          return { dom };
        },
      };
    }),
  ];
}
