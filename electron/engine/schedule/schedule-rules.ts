import { statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Cron } from 'croner';
import { error, type Diagnostic } from '../../../shared/diagnostics';
import type { Schedule } from '../../../shared/format/document';
import { globInside, globToRegExp } from './glob-match';

/**
 * A pipeline's `schedule` section checked and made ready to fire: cron
 * expressions parsed by croner with their IANA time zone, folder globs kept
 * inside the pipeline's folder, `after` resolved to a served pipeline file.
 * Problems are diagnostics (schedule.invalid), all of them at once.
 */

export interface CronRule {
  kind: 'cron';
  /** `<file>#<index>`: the key its last fire is kept under. */
  key: string;
  /** The first fire strictly after `from` (ms), or undefined when it never fires again. */
  next(from: number): number | undefined;
}

export interface FolderRule {
  kind: 'files';
  key: string;
  /** The pipeline's folder: the glob is relative to it. */
  folder: string;
  glob: string;
  match: RegExp;
  debounceMs: number;
  param: string;
}

export interface AfterRule {
  kind: 'after';
  /** The upstream pipeline's absolute path. */
  upstream: string;
}

export type Rule = CronRule | FolderRule | AfterRule;

export interface Job {
  /** The pipeline file's absolute path. */
  file: string;
  rules: Rule[];
  retries: number;
  retryDelayMs: number;
  timeoutMs: number | undefined;
  catchUp: 'skip' | 'once';
}

export const DEFAULT_DEBOUNCE_S = 5;
export const DEFAULT_RETRY_DELAY_S = 30;
export const DEFAULT_FILES_PARAM = 'changed_files';

function validZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** `served`: the absolute paths of every pipeline being served (an `after` must name one of them). */
export function compileSchedule(
  file: string,
  schedule: Schedule,
  served: ReadonlySet<string>,
): { job: Job; diagnostics: Diagnostic[] } {
  const abs = resolve(file);
  const folder = dirname(abs);
  const diagnostics: Diagnostic[] = [];
  const rules: Rule[] = [];
  schedule.triggers.forEach((t, index) => {
    const key = `${abs}#${String(index)}`;
    if ('cron' in t) {
      if (!validZone(t.timezone)) {
        diagnostics.push(error('schedule.invalid/timezone', { index, timezone: t.timezone }));
        return;
      }
      let cron: Cron;
      try {
        cron = new Cron(t.cron, { timezone: t.timezone, paused: true });
      } catch (e) {
        diagnostics.push(
          error('schedule.invalid/cron', { index, cron: t.cron, detail: e instanceof Error ? e.message : String(e) }),
        );
        return;
      }
      rules.push({ kind: 'cron', key, next: (from) => cron.nextRun(new Date(from))?.getTime() });
    } else if ('files' in t) {
      if (!globInside(t.files)) {
        diagnostics.push(error('schedule.invalid/files', { index, glob: t.files }));
        return;
      }
      rules.push({
        kind: 'files',
        key,
        folder,
        glob: t.files,
        match: globToRegExp(t.files),
        debounceMs: (t.debounceSeconds ?? DEFAULT_DEBOUNCE_S) * 1000,
        param: t.param ?? DEFAULT_FILES_PARAM,
      });
    } else {
      const upstream = resolve(folder, t.after);
      if (!served.has(upstream)) {
        diagnostics.push(error('schedule.invalid/after', { index, after: t.after, file: upstream }));
        return;
      }
      rules.push({ kind: 'after', upstream });
    }
  });
  return {
    job: {
      file: abs,
      rules,
      retries: schedule.retries ?? 0,
      retryDelayMs: (schedule.retryDelaySeconds ?? DEFAULT_RETRY_DELAY_S) * 1000,
      timeoutMs: schedule.timeoutSeconds === undefined ? undefined : schedule.timeoutSeconds * 1000,
      catchUp: schedule.catchUp ?? 'once',
    },
    diagnostics,
  };
}

/**
 * What `duto serve` would refuse in a pipeline's schedule, for `duto validate`: a bad cron expression or time zone,
 * a files glob leaving the folder, an `after` naming no pipeline file (here every existing one counts as served).
 */
export function scheduleProblems(file: string, schedule: Schedule): Diagnostic[] {
  const folder = dirname(resolve(file));
  const pipelines = schedule.triggers.flatMap((t) => ('after' in t ? [resolve(folder, t.after)] : []));
  const existing = new Set(pipelines.filter((p) => p.endsWith('.duto.json') && isRegularFile(p)));
  return compileSchedule(file, schedule, existing).diagnostics;
}

function isRegularFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
