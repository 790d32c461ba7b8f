import type { Completion, CompletionContext, CompletionResult, CompletionSource } from '@codemirror/autocomplete';
import type { FunctionEntry } from '../../../../shared/ipc/function-ops';
import { ident } from '../../../../shared/sql/quote';
import { byName, signatureText } from './signatures';

export interface CompletionColumn {
  name: string;
  type?: string;
}

/** A column as it must be typed: a plain lower-case name as is, any other quoted. */
function columnText(name: string): string {
  return /^[a-z_][a-z0-9_]*$/.test(name) ? name : ident(name);
}

/** One completion per function name (its overloads in the detail's count and the info). */
export function functionCompletions(
  fns: readonly FunctionEntry[],
  kindLabel: (kind: FunctionEntry['kind']) => string,
): Completion[] {
  const out: Completion[] = [];
  for (const [name, overloads] of byName(fns)) {
    const first = overloads[0];
    if (first === undefined) continue;
    const signatures = overloads.slice(0, 6).map(signatureText);
    out.push({
      label: name,
      type: 'function',
      detail: `${signatureText(first).slice(name.length)}${overloads.length > 1 ? ` +${String(overloads.length - 1)}` : ''}`,
      info: [
        `${kindLabel(first.kind)}`,
        ...signatures,
        ...(first.description === null ? [] : ['', first.description]),
      ].join('\n'),
      // Typing the call goes on inside its parentheses, where signature help takes over.
      apply: `${name}(`,
      boost: -1,
    });
  }
  return out;
}

export function columnCompletions(columns: readonly CompletionColumn[]): Completion[] {
  return columns
    .filter((c) => !c.name.includes('\u0000'))
    .map((c) => ({
      label: c.name,
      type: 'property',
      apply: columnText(c.name),
      boost: 2,
      ...(c.type === undefined ? {} : { detail: c.type }),
    }));
}

/**
 * Columns of the node's input and the engine's functions, completed from the
 * word before the cursor (or on request, Ctrl+Space, anywhere). Nothing inside
 * a quoted string.
 */
export function expressionCompletionSource(options: Completion[]): CompletionSource {
  return (ctx: CompletionContext): CompletionResult | null => {
    const before = ctx.state.doc.sliceString(0, ctx.pos);
    if ((before.match(/'/g)?.length ?? 0) % 2 === 1) return null;
    const word = ctx.matchBefore(/[A-Za-z_][A-Za-z0-9_]*/);
    if (word === null && !ctx.explicit) return null;
    // Right after a dot is a struct field or a qualified name: not ours to complete.
    const from = word?.from ?? ctx.pos;
    if (ctx.state.doc.sliceString(Math.max(0, from - 1), from) === '.') return null;
    return { from, options, validFor: /^[A-Za-z0-9_]*$/ };
  };
}
