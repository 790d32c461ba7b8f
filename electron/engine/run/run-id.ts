import { randomBytes } from 'node:crypto';

/** A run's id: its start time (base 36, so ids sort by time) and a random tail. Names the run in its locks and its history record. */
export function newRunId(at: Date = new Date()): string {
  return `${at.getTime().toString(36)}-${randomBytes(3).toString('hex')}`;
}
