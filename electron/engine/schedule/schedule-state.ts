import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { writeFileAtomicSync } from '../files/atomic-file';
import { perPipelineFile } from '../session/user-folders';
import type { Job } from './schedule-rules';
import type { SchedulerState } from './scheduler';
import { makeFolderSync } from '../files/make-folder';

/**
 * The scheduler's state on disk, one file per pipeline in the user's data
 * folder: `duto serve` and the app read and write the same files, so an
 * instant one of them fired is not fired again by the other after a restart.
 */

function stateFile(file: string): string {
  return perPipelineFile('data', 'schedule', '.json', file);
}

export function loadState(jobs: readonly Job[]): SchedulerState {
  const state: SchedulerState = { lastFire: {}, seen: {} };
  for (const job of jobs) {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(stateFile(job.file), 'utf8'));
    } catch {
      continue;
    }
    if (typeof raw !== 'object' || raw === null) continue;
    const lastFire: unknown = Reflect.get(raw, 'lastFire');
    const seen: unknown = Reflect.get(raw, 'seen');
    if (typeof lastFire === 'object' && lastFire !== null)
      for (const [k, v] of Object.entries(lastFire)) if (typeof v === 'number') state.lastFire[k] = v;
    if (typeof seen === 'object' && seen !== null) {
      for (const [k, v] of Object.entries(seen)) {
        if (typeof v !== 'object' || v === null) continue;
        const files: Record<string, string> = {};
        for (const [f, sig] of Object.entries(v)) if (typeof sig === 'string') files[f] = sig;
        state.seen[k] = files;
      }
    }
  }
  return state;
}

/** Each pipeline's part of the state in its own file (keys start with the pipeline's path), written atomically. */
export function saveState(jobs: readonly Job[], state: SchedulerState): void {
  for (const job of jobs) {
    const mine = (k: string): boolean => k.startsWith(`${job.file}#`);
    const part = {
      lastFire: Object.fromEntries(Object.entries(state.lastFire).filter(([k]) => mine(k))),
      seen: Object.fromEntries(Object.entries(state.seen).filter(([k]) => mine(k))),
    };
    const file = stateFile(job.file);
    makeFolderSync(dirname(file));
    writeFileAtomicSync(file, `${JSON.stringify(part)}\n`);
  }
}
