import type { AppState, Diagnostic, NodeRunInfo } from '../store/app-store';

/** The diagnostic shown on a node: its first error, else its first warning. */
export function nodeDiagnostic(diagnostics: readonly Diagnostic[], id: string): Diagnostic | undefined {
  return diagnostics.find((d) => d.nodeId === id && d.severity === 'error') ?? diagnostics.find((d) => d.nodeId === id && d.severity === 'warning');
}

export type BadgeKind = 'running' | 'done' | 'failed' | 'cancelled' | 'error' | 'warning' | 'ok' | 'none';

/** A run status wins over design-time diagnostics while there is one. */
export function badgeKind(run: NodeRunInfo | undefined, diag: Diagnostic | undefined, hasSchema: boolean): BadgeKind {
  if (run !== undefined) {
    if (run.status === 'running' || run.status === 'pending') return 'running';
    if (run.status === 'done') return 'done';
    if (run.status === 'failed') return 'failed';
    if (run.status === 'cancelled') return 'cancelled';
  }
  if (diag?.severity === 'error') return 'error';
  if (diag?.severity === 'warning') return 'warning';
  return hasSchema ? 'ok' : 'none';
}

export function formatElapsed(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

export function selectNodeRun(id: string) {
  return (s: AppState): NodeRunInfo | undefined => s.run.nodes[id];
}
