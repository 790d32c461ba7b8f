import { useReactFlow } from '@xyflow/react';
import { useFiles } from '../files/files-context';
import { useT } from '../i18n/i18n';
import { useActions, useAppStore } from '../store/store-context';

export const EXAMPLES = ['orders-report', 'customer-cleaning', 'revenue-pivot'] as const;

/** What an empty canvas says: how to start, and a way in for a first run. */
export function EmptyState() {
  const t = useT();
  const files = useFiles();
  const actions = useActions();
  const examplesDir = useAppStore((s) => s.session.appInfo?.examplesDir ?? null);
  const { screenToFlowPosition } = useReactFlow();
  const startCsv = (): void => {
    const el = document.querySelector('.canvas');
    const r = el?.getBoundingClientRect();
    const center =
      r === undefined ? { x: 400, y: 300 } : { x: r.left + r.width / 2 - 110, y: r.top + r.height / 2 - 45 };
    actions.addNode('source.csv', screenToFlowPosition(center));
  };
  return (
    <div className="empty-state" data-testid="empty-state">
      <h2>{t('empty.title')}</h2>
      <p>{t('empty.body')}</p>
      <div className="empty-actions">
        <button type="button" className="primary" onClick={startCsv} data-testid="empty-start-csv">
          {t('empty.startCsv')}
        </button>
      </div>
      {examplesDir !== null ? (
        <div className="empty-examples">
          <span>{t('empty.examples')}</span>
          {EXAMPLES.map((name) => (
            <button
              type="button"
              key={name}
              onClick={() => void files.openExample(name)}
              data-testid={`empty-example-${name}`}
            >
              {name}
            </button>
          ))}
        </div>
      ) : null}
    </div>
  );
}
