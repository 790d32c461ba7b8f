import { scheduleSchema, type Schedule } from '../../../shared/format/document';
import type { MessageKey } from '../i18n/messages.en';

/**
 * The schedule's run settings as the user types them (retries, the wait
 * before the first retry, a timeout per run, the catch-up policy) and what
 * goes into the document: each number is checked by the document's own
 * schema (shared/format/document.ts), whose bounds the error message quotes,
 * so the editor and the file can never disagree on what is valid.
 */

export type NumberOption = 'retries' | 'retryDelaySeconds' | 'timeoutSeconds';
export type CatchUp = NonNullable<Schedule['catchUp']>;
export type Options = Pick<Schedule, NumberOption | 'catchUp'>;

/** Text per number (empty: absent, the default applies); the catch-up policy as it is in the file. */
export type OptionsDraft = Record<NumberOption, string> & { catchUp: CatchUp | undefined };

export const NUMBER_OPTIONS: readonly NumberOption[] = ['retries', 'retryDelaySeconds', 'timeoutSeconds'];
export const CATCH_UPS: readonly CatchUp[] = scheduleSchema.shape.catchUp.unwrap().options;

export function optionsDraftOf(s: Schedule | undefined): OptionsDraft {
  const text = (n: number | undefined): string => (n === undefined ? '' : String(n));
  return {
    retries: text(s?.retries),
    retryDelaySeconds: text(s?.retryDelaySeconds),
    timeoutSeconds: text(s?.timeoutSeconds),
    catchUp: s?.catchUp,
  };
}

export type NumberCheck =
  { ok: true; value: number | undefined } | { ok: false; problem: MessageKey; vars: Record<string, number> };

/** The number a field's text stands for (undefined when empty), or what the schema says is wrong with it. */
export function numberOption(name: NumberOption, text: string): NumberCheck {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, value: undefined };
  // Number() reads '', ' ', '0x1f' and '1e3' too: only plain digits (and a sign, for the schema to refuse) are numbers here.
  const value = /^[-+]?\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : Number.NaN;
  const field = scheduleSchema.shape[name];
  if (field.safeParse(value).success) return { ok: true, value };
  const { minValue, maxValue } = field.unwrap();
  const min = minValue ?? 0;
  // A whole number's schema is bounded by the safe integers: no real upper bound to quote.
  return maxValue === null || maxValue >= Number.MAX_SAFE_INTEGER
    ? { ok: false, problem: 'scheduleEditor.badAtLeast', vars: { min } }
    : { ok: false, problem: 'scheduleEditor.badBetween', vars: { min, max: maxValue } };
}

/** The settings the drafts stand for, or undefined while one of them is not valid. */
export function optionsOf(d: OptionsDraft): Options | undefined {
  const out: Options = {};
  for (const name of NUMBER_OPTIONS) {
    const r = numberOption(name, d[name]);
    if (!r.ok) return undefined;
    if (r.value !== undefined) out[name] = r.value;
  }
  if (d.catchUp !== undefined) out.catchUp = d.catchUp;
  return out;
}
