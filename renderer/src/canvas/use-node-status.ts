import type { Column } from '../../../shared/catalog/node-type';
import { useDiagnosticText } from '../i18n/diagnostic-text';
import { useLocale, useT, type Locale } from '../i18n/i18n';
import type { NodeRunInfo } from '../store/app-store';
import { useAppStore } from '../store/store-context';
import { selectNodeUnconfigured, selectShownDiagnostic } from './first-hour-status';
import {
  badgeKind,
  formatElapsed,
  selectNodeColumns,
  selectNodeRun,
  selectNodeStale,
  type BadgeKind,
} from './node-status';

export interface NodeStatus {
  kind: BadgeKind;
  /** Short status text ('' for none, e.g. a node whose schema is known). */
  badge: string;
  /** The run's elapsed time, once it is over. */
  elapsed: string;
  /** The run failure, else the diagnostic, for the node's tooltip and message. */
  message: string | undefined;
  columns: Column[] | undefined;
  /** Done by this run from the node cache, not computed (a small "from cache" badge). */
  fromCache: boolean;
}

/** Intl.NumberFormat is costly to build: one per locale, not one per node render. */
const numberFormats = new Map<Locale, Intl.NumberFormat>();

export function numberFormat(locale: Locale): Intl.NumberFormat {
  let f = numberFormats.get(locale);
  if (f === undefined) {
    f = new Intl.NumberFormat(locale);
    numberFormats.set(locale, f);
  }
  return f;
}

/** While running: how far it got, where the engine says (share done, rows so far, a lock it waits for). */
function runningBadge(t: ReturnType<typeof useT>, locale: Locale, run: NodeRunInfo | undefined): string {
  if (run?.status !== 'running') return t('node.status.running');
  if (run.waiting !== undefined) return t('node.status.waiting');
  if (run.progress !== undefined)
    return t('node.status.runningShare', {
      share: new Intl.NumberFormat(locale, { style: 'percent' }).format(run.progress),
    });
  if (run.rows !== undefined) return t('node.status.runningRows', { rows: numberFormat(locale).format(run.rows) });
  return t('node.status.running');
}

/** A node's status as its badge shows it: run first, then the design-time check. */
export function useNodeStatus(id: string): NodeStatus {
  const t = useT();
  const locale = useLocale();
  const diag = useAppStore(selectShownDiagnostic(id));
  const unconfigured = useAppStore(selectNodeUnconfigured(id));
  const columns = useAppStore(selectNodeColumns(id));
  const run = useAppStore(selectNodeRun(id));
  const stale = useAppStore(selectNodeStale(id));
  const kind = badgeKind(run, diag, columns !== undefined, stale, unconfigured);
  let badge = '';
  if (kind === 'running') badge = runningBadge(t, locale, run);
  else if (kind === 'done' && run?.cached === true) badge = t('node.status.upToDate');
  else if (kind === 'done')
    badge =
      run?.rows === undefined
        ? t('node.status.done')
        : t('node.status.rows', { rows: numberFormat(locale).format(run.rows) });
  if (kind === 'done' && run?.rejected !== undefined && run.rejected > 0)
    badge = `${badge} · ${t('node.status.rejected', { rows: numberFormat(locale).format(run.rejected) })}`;
  else if (kind === 'failed') badge = t('node.status.failed');
  else if (kind === 'cancelled') badge = t('node.status.cancelled');
  else if (kind === 'stale') badge = t('node.status.stale');
  else if (kind === 'unconfigured') badge = t('node.status.unconfigured');
  else if (kind === 'error') badge = t('node.status.error');
  else if (kind === 'warning') badge = t('node.status.warning');
  const text = useDiagnosticText();
  const failed = run?.status === 'failed' ? run : undefined;
  const message =
    failed?.diagnostic !== undefined
      ? text(failed.diagnostic)
      : failed?.message !== undefined
        ? failed.message
        : diag === undefined
          ? undefined
          : text(diag);
  // A node streamed in a later one's query has no time of its own: the chain's is shown once, on that node.
  const elapsed =
    run !== undefined && kind !== 'running' && run.cached !== true && run.streamed !== true
      ? formatElapsed(run.elapsedMs)
      : '';
  return {
    kind,
    badge,
    elapsed,
    message,
    columns,
    fromCache: kind === 'done' && run?.origin === 'cache' && run.cached !== true,
  };
}
