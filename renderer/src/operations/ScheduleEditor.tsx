import { useEffect, useState } from 'react';
import type { PipelineDocument, Schedule } from '../../../shared/format/document';
import { useT } from '../i18n/i18n';
import { useActions, useAppStore } from '../store/store-context';
import { draftOf, newDraft, triggerOf, type Draft, type Trigger } from './schedule-drafts';
import { optionsDraftOf, optionsOf, type OptionsDraft } from './schedule-options';
import { ScheduleOptions } from './ScheduleOptions';

/**
 * The pipeline's `schedule` (its triggers, then retries, the wait before a
 * retry, a timeout per run and the catch-up policy), edited where no node is
 * selected: a change goes into the document (one undo step per field typed
 * in) once every field is valid; until then the wrong one says what is wrong
 * and the document keeps the last valid schedule.
 */
export function ScheduleEditor() {
  const t = useT();
  const actions = useActions();
  const doc = useAppStore((s) => s.doc.document);
  // Compared as the editor would write it: a file's own key order is not a change.
  const saved = JSON.stringify(scheduleOf(draftsOf(doc.schedule)));
  const [drafts, setDrafts] = useState<Drafts>(() => draftsOf(doc.schedule));

  // Undo, redo or another file: the drafts follow the document when it no longer says what they say.
  useEffect(() => {
    // Keyed by `saved` (the schedule as text), not by the object, which is new at every render.
    setDrafts((current) => (JSON.stringify(scheduleOf(current)) === saved ? current : draftsOf(doc.schedule)));
  }, [saved]);

  /** `typing`: the field being typed in, whose keystrokes make one undo step; adding or removing a trigger is a step of its own. */
  const change = (next: Drafts, typing?: string): void => {
    setDrafts(next);
    const schedule = scheduleOf(next);
    if (schedule !== undefined && JSON.stringify(schedule) !== saved)
      actions.commit(withSchedule(doc, schedule), typing);
  };
  const triggers = drafts.triggers;
  const setTriggers = (next: Draft[], typing?: string): void => change({ ...drafts, triggers: next }, typing);
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;

  return (
    <section className="schedule-editor" aria-labelledby="schedule-editor-title" data-testid="schedule-editor">
      <h3 id="schedule-editor-title">{t('scheduleEditor.title')}</h3>
      <p className="muted">{t('scheduleEditor.note')}</p>
      {triggers.length === 0 ? <p className="muted">{t('scheduleEditor.none')}</p> : null}
      <ol className="schedule-triggers">
        {triggers.map((d, i) => {
          const checked = triggerOf(d);
          const put = (next: Draft): void =>
            setTriggers(
              triggers.map((x, j) => (j === i ? next : x)),
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
                onClick={() => setTriggers(triggers.filter((_, j) => j !== i))}
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
            onClick={() => setTriggers([...triggers, newDraft(kind, zone)])}
            data-testid={`schedule-add-${kind}`}
          >
            {t(`scheduleEditor.add.${kind}`)}
          </button>
        ))}
      </div>
      {/* Settings of the runs the triggers start: none without a trigger. */}
      {triggers.length === 0 ? null : (
        <ScheduleOptions
          drafts={drafts.options}
          onChange={(options, typing) => change({ ...drafts, options }, typing)}
        />
      )}
    </section>
  );
}

const KINDS: ReadonlyArray<Draft['kind']> = ['cron', 'files', 'after'];

interface Drafts {
  triggers: Draft[];
  options: OptionsDraft;
}

function draftsOf(schedule: Schedule | undefined): Drafts {
  return { triggers: (schedule?.triggers ?? []).map(draftOf), options: optionsDraftOf(schedule) };
}

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

/** The schedule the drafts stand for: null for none (no trigger), undefined while a field is not valid. */
function scheduleOf(d: Drafts): Schedule | null | undefined {
  const triggers = validTriggers(d.triggers);
  if (triggers === undefined) return undefined;
  if (triggers.length === 0) return null;
  const options = optionsOf(d.options);
  return options === undefined ? undefined : { triggers, ...options };
}

/** The document with this schedule; null: no `schedule` section at all (its settings go with its last trigger). */
function withSchedule(doc: PipelineDocument, schedule: Schedule | null): PipelineDocument {
  if (schedule === null) {
    const rest = { ...doc };
    delete rest.schedule;
    return rest;
  }
  return { ...doc, schedule };
}
