import type { RunRecordData } from '../../../shared/ipc/results';
import type { Locale } from '../i18n/i18n';

/** What the Operations view shows of a run on record, computed once. */

/** Rows the run wrote (outputs it skipped as up to date are not counted). */
export function rowsWritten(r: RunRecordData): number {
  return r.outputs.filter((o) => o.cached !== true).reduce((n, o) => n + o.rows, 0);
}

/** The node to open a failed run at: the first error's, else the first failed node. */
export function failedNode(r: RunRecordData): string | undefined {
  const fromError = r.diagnostics.find((d) => d.severity === 'error' && d.nodeId !== undefined)?.nodeId;
  if (fromError !== undefined) return fromError;
  return Object.entries(r.nodes).find(([, n]) => n.status === 'failed')?.[0];
}

export function firstError(r: RunRecordData): string | undefined {
  return r.diagnostics.find((d) => d.severity === 'error')?.message;
}

/** A duration in the user's locale: `850 ms`, `1,25 s`, `2 min 5 s`. */
export function formatDuration(ms: number, locale: Locale): string {
  if (ms < 1000) return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(ms)} ms`;
  if (ms < 60_000)
    return `${new Intl.NumberFormat(locale, { maximumFractionDigits: ms < 10_000 ? 2 : 1 }).format(ms / 1000)} s`;
  const minutes = Math.floor(ms / 60_000);
  return `${new Intl.NumberFormat(locale).format(minutes)} min ${String(Math.round((ms % 60_000) / 1000))} s`;
}

export function formatCount(n: number, locale: Locale): string {
  return new Intl.NumberFormat(locale).format(n);
}

export function formatWhen(ms: number, locale: Locale): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'medium' }).format(new Date(ms));
}
