import { StateField, type EditorState, type Extension } from '@codemirror/state';
import { showTooltip, type Tooltip } from '@codemirror/view';
import type { FunctionEntry } from '../../../../shared/ipc/function-ops';
import { callAt } from './call-at';
import { activeParam, overloadFor, signatureParts } from './signatures';

/** What the signature tooltip shows for the cursor: the call's overload and the argument it is in. */
export interface SignatureHelp {
  pos: number;
  fn: FunctionEntry;
  active: number;
  overloads: number;
}

export function signatureHelpAt(
  text: string,
  pos: number,
  fns: ReadonlyMap<string, readonly FunctionEntry[]>,
): SignatureHelp | null {
  const call = callAt(text, pos);
  if (call === null) return null;
  const overloads = fns.get(call.name);
  if (overloads === undefined) return null;
  const fn = overloadFor(overloads, call.argIndex);
  if (fn === undefined) return null;
  return { pos: call.from, fn, active: activeParam(fn, call.argIndex), overloads: overloads.length };
}

function render(help: SignatureHelp, overloadsLabel: (n: number) => string): HTMLElement {
  const dom = document.createElement('div');
  dom.className = 'cm-signature-help';
  dom.setAttribute('role', 'status');
  dom.setAttribute('data-testid', 'signature-help');
  const sig = document.createElement('div');
  sig.className = 'cm-signature';
  const parts = signatureParts(help.fn);
  sig.append(`${parts.name}(`);
  parts.params.forEach((p, i) => {
    if (i > 0) sig.append(', ');
    const span = document.createElement(i === help.active ? 'strong' : 'span');
    if (i === help.active) span.className = 'cm-signature-active';
    span.textContent = p;
    sig.append(span);
  });
  sig.append(`)${parts.returns === null ? '' : ` → ${parts.returns}`}`);
  dom.append(sig);
  if (help.overloads > 1) {
    const more = document.createElement('div');
    more.className = 'cm-signature-more';
    more.textContent = overloadsLabel(help.overloads - 1);
    dom.append(more);
  }
  if (help.fn.description !== null) {
    const doc = document.createElement('div');
    doc.className = 'cm-signature-doc';
    doc.textContent = help.fn.description;
    dom.append(doc);
  }
  return dom;
}

/** A tooltip above the call the cursor is in, its current argument in bold. */
export function signatureHelp(
  fns: ReadonlyMap<string, readonly FunctionEntry[]>,
  overloadsLabel: (n: number) => string,
): Extension {
  const tooltipOf = (state: EditorState): Tooltip | null => {
    const sel = state.selection.main;
    if (!sel.empty || fns.size === 0) return null;
    const help = signatureHelpAt(state.doc.toString(), sel.head, fns);
    if (help === null) return null;
    return { pos: help.pos, above: true, arrow: false, create: () => ({ dom: render(help, overloadsLabel) }) };
  };
  return StateField.define<Tooltip | null>({
    create: tooltipOf,
    update: (value, tr) => (tr.docChanged || tr.selection !== undefined ? tooltipOf(tr.state) : value),
    provide: (f) => showTooltip.from(f),
  });
}
