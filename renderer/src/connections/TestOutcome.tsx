import { useT } from '../i18n/i18n';
import type { TestState } from './test-state';

/** The result of a Test button, announced to screen readers (an alert when it failed). */
export function TestOutcome({ state, testId }: { state: TestState; testId: string }) {
  const t = useT();
  if (state.status === 'idle') return null;
  if (state.status === 'running') {
    return (
      <p role="status" className="muted" data-testid={testId} data-state="running">
        {t('connections.testing')}
      </p>
    );
  }
  const ok = state.status === 'done' && state.ok;
  return (
    <p
      role={ok ? 'status' : 'alert'}
      className={ok ? 'conn-ok' : 'error-text'}
      data-testid={testId}
      data-state={ok ? 'ok' : 'failed'}
    >
      {state.status === 'done' && state.ok ? t('connections.testOk', { ms: state.elapsedMs }) : state.message}
    </p>
  );
}
