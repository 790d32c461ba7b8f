import type { PipelineNode } from '../../../shared/format/document';
import type { JsonValue } from '../../../shared/format/json';
import type { AppState, Diagnostic } from '../store/app-store';
import { findNode } from '../store/doc-ops';
import { nodeDiagnostic } from './node-status';

/**
 * What a node says before the user has finished it (issue #11, "first
 * hour"): a freshly dropped node is not configured yet rather than in error,
 * and a node nothing reads is no warning until the user runs.
 */

const given = (v: JsonValue | undefined): boolean =>
  v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0);

/** The param a diagnostic blames, as the node saves it: `columns[0].column` → `columns`. */
const topParam = (param: string): string => param.split(/[.[]/)[0] ?? param;

/**
 * Whether every error of the node is something not done yet: a required
 * input not wired, or a param the node does not give at all. A value the
 * user typed that is wrong is an error, never "not configured".
 */
export function isUnconfigured(diagnostics: readonly Diagnostic[], node: PipelineNode | undefined): boolean {
  if (node === undefined) return false;
  const errors = diagnostics.filter((d) => d.nodeId === node.id && d.severity === 'error');
  if (errors.length === 0) return false;
  return errors.every(
    (d) =>
      d.code === 'node.missing-input' ||
      (d.code === 'param.invalid' && d.param !== undefined && !given(node.params?.[topParam(d.param)])),
  );
}

/** Whether the user has run the open pipeline (a run, or a run up to a node). */
const hasRun = (s: AppState): boolean => s.run.ran;

/** The diagnostics without "nothing reads this node's output": one array per check, so selectors stay stable. */
const beforeRun = new WeakMap<readonly Diagnostic[], readonly Diagnostic[]>();

export function shownDiagnostics(diagnostics: readonly Diagnostic[], ran: boolean): readonly Diagnostic[] {
  if (ran) return diagnostics;
  let shown = beforeRun.get(diagnostics);
  if (shown === undefined) {
    shown = diagnostics.filter((d) => d.code !== 'node.unused');
    beforeRun.set(diagnostics, shown);
  }
  return shown;
}

/** The diagnostic a node shows: its first error, else its first warning, once the unused warning may show. */
export function selectShownDiagnostic(id: string) {
  return (s: AppState): Diagnostic | undefined => nodeDiagnostic(shownDiagnostics(s.check.diagnostics, hasRun(s)), id);
}

export function selectNodeUnconfigured(id: string) {
  // A node that took part in a run and lost its input since is broken, not new: that is an error.
  // The index lookup first: most nodes have no error, and then nothing is scanned.
  return (s: AppState): boolean =>
    s.run.nodes[id] === undefined &&
    nodeDiagnostic(s.check.diagnostics, id)?.severity === 'error' &&
    isUnconfigured(s.check.diagnostics, findNode(s.doc.document, id));
}
