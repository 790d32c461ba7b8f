import { useEffect, useState } from 'react';
import type { PipelineDocument } from '../../../shared/format/document';
import { useT } from '../i18n/i18n';
import { useActions, useAppStore } from '../store/store-context';
import { draftOf, newDraft, triggerOf, type Draft, type Trigger } from './schedule-drafts';

/**
 * The pipeline's `schedule` triggers, edited where no node is selected: a
 * change goes into the document (one undo step per field typed in) once every
 * trigger is valid; until then the wrong one says what is wrong and the
 * document keeps the last valid schedule.
 */
export function ScheduleEditor() {
  const t = useT();
  const actions = useActions();
  const doc = useAppStore((s) => s.doc.document);
  const triggers = doc.schedule?.triggers ?? [];
  const saved = JSON.stringify(triggers);
  const [drafts, setDrafts] = useState<Draft[]>(() => triggers.map(draftOf));

  // Undo, redo or another file: the drafts follow the document when it no longer says what they say.
  useEffect(() => {
    // Keyed by `saved` (the triggers as text), not by the array, which is new at every render.
    setDrafts((current) => (JSON.stringify(validTriggers(current)) === saved ? current : triggers.map(draftOf)));
  }, [saved]);

  /** `typing`: the field being typed in, whose keystrokes make one undo step; adding or removing a trigger is a step of its own. */
  const change = (next: Draft[], typing?: string): void => {
    setDrafts(next);
    const valid = validTriggers(next);
    if (valid !== undefined && JSON.stringify(valid) !== saved) actions.commit(withTriggers(doc, valid), typing);
  };
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;

  return (
    <section className="schedule-editor" aria-labelledby="schedule-editor-title" data-testid="schedule-editor">
      <h3 id="schedule-editor-title">{t('scheduleEditor.title')}</h3>
      <p className="muted">{t('scheduleEditor.note')}</p>
      {drafts.length === 0 ? <p className="muted">{t('scheduleEditor.none')}</p> : null}
      <ol className="schedule-triggers">
        {drafts.map((d, i) => {
          const checked = triggerOf(d);
          const put = (next: Draft): void =>
            change(
              drafts.map((x, j) => (j === i ? next : x)),
              `schedule:${String(i)}`,
            );
          const errorId = `schedule-trigger-${String(i)}-error`;
          const invalid = !checked.ok;
          const field = (name: string, label: string, value: string, onValue: (v: string) => void) => (
            <label>
              {label}{' '}
              <input
                value={value}
                onChange={(e) => onValue(e.target.value)}
                aria-invalid={invalid}
                aria-describedby={invalid ? errorId : undefined}
                data-testid={`schedule-trigger-${String(i)}-${name}`}
                spellCheck={false}
              />
            </label>
          );
          return (
            <li key={i} data-testid="schedule-trigger">
              {d.kind === 'cron' ? (
                <>
                  {field('cron', t('scheduleEditor.cron'), d.cron, (cron) => put({ ...d, cron }))}
                  {field('timezone', t('scheduleEditor.timezone'), d.timezone, (timezone) => put({ ...d, timezone }))}
                </>
              ) : d.kind === 'files' ? (
                <>
                  {field('files', t('scheduleEditor.files'), d.files, (files) => put({ ...d, files }))}
                  {field('debounce', t('scheduleEditor.debounce'), d.debounce, (debounce) => put({ ...d, debounce }))}
                </>
              ) : (
                field('after', t('scheduleEditor.after'), d.after, (after) => put({ ...d, after }))
              )}
              <button
                type="button"
                className="link"
                onClick={() => change(drafts.filter((_, j) => j !== i))}
                data-testid={`schedule-remove-${String(i)}`}
              >
                {t('scheduleEditor.remove')}
              </button>
              {checked.ok ? null : (
                <p id={errorId} className="error-text" role="alert">
                  {t(checked.problem)}
                </p>
              )}
            </li>
          );
        })}
      </ol>
      <div className="schedule-add">
        {KINDS.map((kind) => (
          <button
            key={kind}
            type="button"
            onClick={() => change([...drafts, newDraft(kind, zone)])}
            data-testid={`schedule-add-${kind}`}
          >
            {t(`scheduleEditor.add.${kind}`)}
          </button>
        ))}
      </div>
    </section>
  );
}

const KINDS: ReadonlyArray<Draft['kind']> = ['cron', 'files', 'after'];

/** Every draft's trigger, or undefined while one is not valid. */
function validTriggers(drafts: readonly Draft[]): Trigger[] | undefined {
  const out: Trigger[] = [];
  for (const d of drafts) {
    const r = triggerOf(d);
    if (!r.ok) return undefined;
    out.push(r.trigger);
  }
  return out;
}

/** The document with these triggers; none: no `schedule` section at all (its other settings go with it). */
function withTriggers(doc: PipelineDocument, triggers: Trigger[]): PipelineDocument {
  if (triggers.length === 0) {
    const rest = { ...doc };
    delete rest.schedule;
    return rest;
  }
  return { ...doc, schedule: { ...(doc.schedule ?? {}), triggers } };
}
