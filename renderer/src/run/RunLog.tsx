import { useEffect, useRef } from 'react';
import { useDiagnosticText } from '../i18n/diagnostic-text';
import { useT } from '../i18n/i18n';
import { useActions, useAppStore } from '../store/store-context';

/** Lines from the bottom within which the log counts as followed. */
const FOLLOW_SLACK_PX = 40;

/** What runs said, following the newest line unless the user scrolled up; an entry naming a node selects it. */
export function RunLog() {
  const t = useT();
  const diagnostic = useDiagnosticText();
  const log = useAppStore((s) => s.run.log);
  const actions = useActions();
  const box = useRef<HTMLDivElement>(null);
  const following = useRef(true);
  useEffect(() => {
    const el = box.current;
    if (el !== null && following.current) el.scrollTop = el.scrollHeight;
  }, [log]);
  if (log.length === 0) return <p className="muted panel-empty">{t('log.empty')}</p>;
  return (
    <div
      className="run-log"
      ref={box}
      onScroll={(e) => {
        const el = e.currentTarget;
        following.current = el.scrollHeight - el.scrollTop - el.clientHeight <= FOLLOW_SLACK_PX;
      }}
      data-testid="run-log-scroll"
    >
      <ol data-testid="run-log">
        {log.map((e) => {
          const text =
            e.diagnostic !== undefined
              ? diagnostic(e.diagnostic)
              : e.key !== undefined
                ? t(e.key, e.vars)
                : (e.message ?? '');
          const time = new Date(e.at).toLocaleTimeString();
          return (
            <li key={e.id} className={`log-${e.level}`} data-testid="run-log-entry" data-level={e.level}>
              <span className="log-time">{time}</span>
              {e.nodeId !== undefined ? (
                <button
                  type="button"
                  className="log-link"
                  onClick={() => e.nodeId !== undefined && actions.select([e.nodeId])}
                  data-testid={`run-log-node-${e.nodeId}`}
                >
                  [{e.nodeId}] {text}
                </button>
              ) : (
                <span>{text}</span>
              )}
            </li>
          );
        })}
      </ol>
      <button type="button" className="log-clear" onClick={actions.clearLog}>
        {t('log.clear')}
      </button>
    </div>
  );
}
