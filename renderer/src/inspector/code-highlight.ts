import { HighlightStyle } from '@codemirror/language';
import { tags as t } from '@lezer/highlight';

/**
 * SQL colours from the theme's variables (theme.css), so they follow light
 * and dark: CodeMirror's default style is fixed dark-on-light and falls
 * under 4.5:1 on the dark editor (the accessibility e2e measures it).
 */
export const codeHighlight = HighlightStyle.define([
  { tag: [t.keyword, t.operatorKeyword, t.modifier], color: 'var(--code-keyword)' },
  { tag: [t.string, t.special(t.string), t.regexp], color: 'var(--code-string)' },
  { tag: [t.number, t.bool, t.null, t.atom], color: 'var(--code-number)' },
  { tag: [t.comment, t.lineComment, t.blockComment], color: 'var(--code-comment)', fontStyle: 'italic' },
  { tag: [t.typeName, t.standard(t.name), t.function(t.variableName)], color: 'var(--code-type)' },
  { tag: [t.special(t.name), t.special(t.variableName)], color: 'var(--code-name)' },
  { tag: t.invalid, color: 'var(--danger)' },
]);
