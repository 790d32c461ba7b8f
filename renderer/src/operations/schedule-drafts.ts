import { triggerSchema, type Schedule } from '../../../shared/format/document';
import type { MessageKey } from '../i18n/messages.en';

/**
 * The schedule editor's triggers as the user types them (text fields), and
 * what each must be before it goes into the document: the document's own
 * trigger schema, a cron of five or six fields, a time zone the platform
 * knows. croner, in the host, has the last word (its problems show in the
 * Schedules panel); this catches typing mistakes before they are saved.
 */

export type Trigger = Schedule['triggers'][number];

export type Draft =
  | { kind: 'cron'; cron: string; timezone: string }
  /** `param`: not edited here, kept as the file says. */
  | { kind: 'files'; files: string; debounce: string; param?: string }
  | { kind: 'after'; after: string };

export function draftOf(t: Trigger): Draft {
  if ('cron' in t) return { kind: 'cron', cron: t.cron, timezone: t.timezone };
  if ('files' in t)
    return {
      kind: 'files',
      files: t.files,
      debounce: t.debounceSeconds === undefined ? '' : String(t.debounceSeconds),
      ...(t.param === undefined ? {} : { param: t.param }),
    };
  return { kind: 'after', after: t.after };
}

export function newDraft(kind: Draft['kind'], zone: string): Draft {
  if (kind === 'cron') return { kind, cron: '0 6 * * *', timezone: zone };
  if (kind === 'files') return { kind, files: 'inbox/*.csv', debounce: '' };
  return { kind, after: '' };
}

/** A cron field: digits, names, `*`, ranges, steps, lists, and croner's `?`, `L`, `W`, `#`. */
const CRON_FIELD = /^[0-9A-Za-z*?/,#-]+$/;

function zoneKnown(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The trigger a draft stands for, or the message key of what is wrong with it. */
export function triggerOf(d: Draft): { ok: true; trigger: Trigger } | { ok: false; problem: MessageKey } {
  let candidate: unknown;
  if (d.kind === 'cron') {
    const fields = d.cron.trim().split(/\s+/);
    if (fields.length < 5 || fields.length > 6 || !fields.every((f) => CRON_FIELD.test(f)))
      return { ok: false, problem: 'scheduleEditor.badCron' };
    if (!zoneKnown(d.timezone.trim())) return { ok: false, problem: 'scheduleEditor.badZone' };
    candidate = { cron: fields.join(' '), timezone: d.timezone.trim() };
  } else if (d.kind === 'files') {
    const glob = d.files.trim();
    if (glob === '' || glob.startsWith('/') || glob.split('/').includes('..'))
      return { ok: false, problem: 'scheduleEditor.badGlob' };
    const debounce = d.debounce.trim();
    if (debounce !== '' && !/^\d+$/.test(debounce)) return { ok: false, problem: 'scheduleEditor.badDebounce' };
    candidate = {
      files: glob,
      ...(debounce === '' ? {} : { debounceSeconds: Number(debounce) }),
      ...(d.param === undefined ? {} : { param: d.param }),
    };
  } else {
    if (!d.after.trim().endsWith('.duto.json')) return { ok: false, problem: 'scheduleEditor.badAfter' };
    candidate = { after: d.after.trim() };
  }
  const parsed = triggerSchema.safeParse(candidate);
  return parsed.success ? { ok: true, trigger: parsed.data } : { ok: false, problem: 'scheduleEditor.invalid' };
}
