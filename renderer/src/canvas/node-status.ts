import type { Column } from '../../../shared/catalog/node-type';
import type { AppState, Diagnostic, NodeRunInfo } from '../store/app-store';
import { nodeFingerprints } from '../store/node-fingerprints';

/** The diagnostic shown on a node: its first error, else its first warning. */
export function nodeDiagnostic(diagnostics: readonly Diagnostic[], id: string): Diagnostic | undefined {
  return diagnosticsByNode(diagnostics).get(id);
}

/**
 * Every node selects its diagnostic on every store change: an index built once
 * per diagnostics array keeps that O(1) instead of a scan per node.
 */
const byNodeCache = new WeakMap<readonly Diagnostic[], ReadonlyMap<string, Diagnostic>>();

function diagnosticsByNode(diagnostics: readonly Diagnostic[]): ReadonlyMap<string, Diagnostic> {
  const cached = byNodeCache.get(diagnostics);
  if (cached !== undefined) return cached;
  const index = new Map<string, Diagnostic>();
  for (const d of diagnostics) {
    if (d.nodeId === undefined) continue;
    const shown = index.get(d.nodeId);
    if (shown === undefined || (shown.severity === 'warning' && d.severity === 'error')) index.set(d.nodeId, d);
  }
  byNodeCache.set(diagnostics, index);
  return index;
}

export type BadgeKind =
  'running' | 'done' | 'failed' | 'cancelled' | 'stale' | 'unconfigured' | 'error' | 'warning' | 'ok' | 'none';

/**
 * A run status wins over design-time diagnostics while it belongs to the
 * node as it is now; a result the document has moved past is `stale` —
 * unless the node now has an error, which is what it must show.
 */
export function badgeKind(
  run: NodeRunInfo | undefined,
  diag: Diagnostic | undefined,
  hasSchema: boolean,
  stale = false,
  unconfigured = false,
): BadgeKind {
  if (stale && diag?.severity !== 'error') return 'stale';
  if (run !== undefined && !stale) {
    if (run.status === 'running' || run.status === 'pending') return 'running';
    if (run.status === 'done') return 'done';
    if (run.status === 'failed') return 'failed';
    if (run.status === 'cancelled') return 'cancelled';
  }
  // Not finished yet (first-hour-status.ts): neutral, not red.
  if (diag?.severity === 'error') return unconfigured ? 'unconfigured' : 'error';
  if (diag?.severity === 'warning') return 'warning';
  return hasSchema ? 'ok' : 'none';
}

export function formatElapsed(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

/** Whether the node's run result was made from another version of it (or of anything upstream). */
export function isStale(s: AppState, id: string): boolean {
  const run = s.run.nodes[id];
  if (run === undefined || run.status === 'running' || run.status === 'pending') return false;
  return s.run.fingerprints.get(id) !== nodeFingerprints(s.doc.document).get(id);
}

/** The node's run result, while it belongs to the node as it is now. */
export function selectNodeRun(id: string) {
  return (s: AppState): NodeRunInfo | undefined => (isStale(s, id) ? undefined : s.run.nodes[id]);
}

/**
 * The rows a wire carried in the last run, while its source's result is not
 * stale: the source's rows on its main port, the rows it set aside on
 * `rejected`; undefined where no count is known.
 */
export function selectEdgeRows(source: string, port: string) {
  return (s: AppState): number | undefined => {
    const run = selectNodeRun(source)(s);
    if (run?.status !== 'done') return undefined;
    if (port === 'rejected') return run.rejected ?? (run.rows === undefined ? undefined : 0);
    return port === 'out' ? run.rows : undefined;
  };
}

export function selectNodeStale(id: string) {
  return (s: AppState): boolean => isStale(s, id);
}

export function selectNodeColumns(id: string) {
  return (s: AppState): Column[] | undefined => s.check.schemas[id];
}

export function selectNodeDiagnostic(id: string) {
  return (s: AppState): Diagnostic | undefined => nodeDiagnostic(s.check.diagnostics, id);
}
