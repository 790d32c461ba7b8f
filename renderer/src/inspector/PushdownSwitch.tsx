import type { PipelineNode } from '../../../shared/format/document';
import { useT } from '../i18n/i18n';
import { setNodePushdown, setPipelinePushdown } from '../store/doc-ops';
import { useActions, useAppStore } from '../store/store-context';

/**
 * "Run in the database when possible": a node's pushdown switch, shown for a
 * node its database runs (or could, were it not switched off). Off keeps it,
 * and what is below it, in DuckDB; the rows are the same either way.
 */
export function NodePushdownSwitch({ node }: { node: PipelineNode }) {
  const t = useT();
  const actions = useActions();
  const doc = useAppStore((s) => s.doc.document);
  const placed = useAppStore((s) => s.check.placement[node.id]);
  const inDatabase = placed !== undefined && placed.missed === undefined;
  if (!inDatabase && node.pushdown !== false) return null;
  return (
    <div className="pushdown-switch">
      <label className="switch" title={t('inspector.pushdown.help')}>
        <input
          data-testid="param-pushdown"
          type="checkbox"
          role="switch"
          checked={node.pushdown !== false}
          onChange={(e) => actions.commit(setNodePushdown(doc, node.id, e.target.checked))}
        />
        <span className="switch-track" aria-hidden="true" />
        <span>{t('inspector.pushdown')}</span>
      </label>
      <p className="param-help">{t('inspector.pushdown.help')}</p>
    </div>
  );
}

/** The pipeline's pushdown switch, with the pipeline's settings (no node selected). */
export function PipelinePushdownSwitch() {
  const t = useT();
  const actions = useActions();
  const doc = useAppStore((s) => s.doc.document);
  return (
    <section className="pipeline-pushdown" aria-labelledby="pipeline-pushdown-title">
      <h3 id="pipeline-pushdown-title">{t('pipelineSettings.pushdown.title')}</h3>
      <label className="switch">
        <input
          data-testid="pipeline-pushdown"
          type="checkbox"
          role="switch"
          checked={doc.pushdown !== false}
          onChange={(e) => actions.commit(setPipelinePushdown(doc, e.target.checked))}
        />
        <span className="switch-track" aria-hidden="true" />
        <span>{t('pipelineSettings.pushdown')}</span>
      </label>
      <p className="param-help">{t('pipelineSettings.pushdown.help')}</p>
    </section>
  );
}
