import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { error } from '../../../shared/diagnostics';
import { actionLine, type ActionLine } from './delta-actions';
import { deltaFailure } from './delta-errors';

/** A commit file larger than this is refused (a hostile or runaway log). */
export const MAX_COMMIT_BYTES = 256 * 1024 * 1024;

/**
 * The actions of one JSON commit, one per non-empty line, each validated;
 * a line that is not JSON or not a valid action is an error naming the file
 * and the line.
 */
export function readCommitFile(table: string, file: string): ActionLine[] {
  const size = statSync(file).size;
  if (size > MAX_COMMIT_BYTES)
    throw deltaFailure(
      error(
        'delta.budget',
        { table, detail: `${basename(file)} is ${size} bytes (at most ${MAX_COMMIT_BYTES})` },
        { file },
      ),
    );
  const lines = readFileSync(file, 'utf8').split('\n');
  const actions: ActionLine[] = [];
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i]?.trim() ?? '';
    if (text === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      throw deltaFailure(
        error(
          'delta.malformed',
          { detail: `${basename(file)} line ${i + 1}: ${e instanceof Error ? e.message : String(e)}` },
          { file, line: i + 1 },
        ),
      );
    }
    const r = actionLine.safeParse(value);
    if (!r.success) {
      const issue = r.error.issues[0];
      throw deltaFailure(
        error(
          'delta.malformed',
          {
            detail: `${basename(file)} line ${i + 1}: ${issue === undefined ? 'invalid action' : `${issue.path.join('.')}: ${issue.message}`}`,
          },
          { file, line: i + 1 },
        ),
      );
    }
    actions.push(r.data);
  }
  return actions;
}

/** When a commit was made: its in-commit timestamp, else commitInfo's, else the file's modification time. */
export function commitTimestamp(actions: readonly ActionLine[], file: string): number {
  for (const a of actions) {
    const ts = a.commitInfo?.inCommitTimestamp ?? a.commitInfo?.timestamp;
    if (typeof ts === 'number') return ts;
  }
  return statSync(file).mtimeMs;
}
