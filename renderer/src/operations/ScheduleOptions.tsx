import { useT } from '../i18n/i18n';
import { CATCH_UPS, NUMBER_OPTIONS, numberOption, type NumberOption, type OptionsDraft } from './schedule-options';

/** Stable test ids (e2e/specs/schedule-editor.e2e.ts), by the document's key. */
const TEST_IDS: Readonly<Record<NumberOption, string>> = {
  retries: 'schedule-retries',
  retryDelaySeconds: 'schedule-backoff',
  timeoutSeconds: 'schedule-timeout',
};

export interface ScheduleOptionsProps {
  drafts: OptionsDraft;
  /** `typing`: the field typed in, whose keystrokes make one undo step. */
  onChange(next: OptionsDraft, typing?: string): void;
}

/**
 * The settings of the runs a schedule starts: retries and the wait before the
 * first one (doubled before each next), a timeout per run, and what a cron
 * missed while nothing was running does. Empty numbers leave the default;
 * a wrong one says what the document accepts.
 */
export function ScheduleOptions({ drafts, onChange }: ScheduleOptionsProps) {
  const t = useT();
  return (
    <fieldset className="schedule-options" data-testid="schedule-options">
      <legend>{t('scheduleEditor.options')}</legend>
      {NUMBER_OPTIONS.map((name) => {
        const checked = numberOption(name, drafts[name]);
        const id = TEST_IDS[name];
        const hintId = `${id}-hint`;
        const errorId = `${id}-error`;
        return (
          <div key={name} className="schedule-option">
            <label>
              {t(`scheduleEditor.${name}`)}{' '}
              <input
                value={drafts[name]}
                inputMode="numeric"
                onChange={(e) => onChange({ ...drafts, [name]: e.target.value }, `schedule:${name}`)}
                aria-invalid={!checked.ok}
                aria-describedby={checked.ok ? hintId : `${errorId} ${hintId}`}
                data-testid={id}
                spellCheck={false}
              />
            </label>
            <span id={hintId} className="muted">
              {t(`scheduleEditor.${name}.hint`)}
            </span>
            {checked.ok ? null : (
              <p id={errorId} className="error-text" role="alert" data-testid={`${id}-error`}>
                {t(checked.problem, checked.vars)}
              </p>
            )}
          </div>
        );
      })}
      <div className="schedule-option">
        <label>
          {t('scheduleEditor.catchUp')}{' '}
          <select
            // Absent in the file: the engine runs once (the schema's default).
            value={drafts.catchUp ?? 'once'}
            onChange={(e) => onChange({ ...drafts, catchUp: CATCH_UPS.find((c) => c === e.target.value) })}
            aria-describedby="schedule-catchup-hint"
            data-testid="schedule-catchup"
          >
            {CATCH_UPS.map((c) => (
              <option key={c} value={c}>
                {t(`scheduleEditor.catchUp.${c}`)}
              </option>
            ))}
          </select>
        </label>
        <span id="schedule-catchup-hint" className="muted">
          {t('scheduleEditor.catchUp.hint')}
        </span>
      </div>
    </fieldset>
  );
}
