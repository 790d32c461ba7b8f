import type { PipelineNode } from '../../../shared/format/document';
import { pushdownText } from '../../../shared/messages/pushdown-messages';
import { useLocale, useT } from '../i18n/i18n';
import { useAppStore } from '../store/store-context';

/**
 * Where the node runs when the pipeline runs (the pushdown planner's split,
 * from the live check): "in PostgreSQL" for a node its database runs, "in
 * DuckDB" for the node just below such a chain, its tooltip saying why it
 * stays local. Other nodes run in DuckDB with nothing to say: no badge.
 */
export function RunsInBadge({ id, node }: { id: string; node: PipelineNode }) {
  const t = useT();
  const locale = useLocale();
  const placed = useAppStore((s) => s.check.placement[id]);
  if (placed === undefined) return null;
  const missed = placed.missed;
  const title =
    missed === undefined
      ? t('node.runsIn.databaseHint', { target: placed.target })
      : node.pushdown === false
        ? t('node.runsIn.switchedOff', { database: missed.database })
        : t('node.runsIn.kept', {
            database: missed.database,
            reason: missed.why === undefined ? missed.reason : pushdownText(missed.why, locale),
          });
  return (
    <span
      className={`pnode-runs-in${missed === undefined ? ' is-database' : ''}`}
      data-testid={`node-runs-in-${id}`}
      data-target={placed.target}
      title={title}
    >
      {t('node.runsIn', { target: placed.target })}
    </span>
  );
}
