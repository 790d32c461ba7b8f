import { describe, expect, it } from 'vitest';
import { diagnosticText } from '../diagnostics';
import { recognize } from '../messages/recognize';
import { deltaChoiceOf } from './delta-table';

describe('deltaChoiceOf', () => {
  it('takes a version, a time with its offset or a date, or the latest', () => {
    expect(deltaChoiceOf({ version: 3, timestamp: '' })).toEqual({ choice: { kind: 'version', version: 3 } });
    expect(deltaChoiceOf({ timestamp: '' })).toEqual({ choice: { kind: 'latest' } });
    expect(deltaChoiceOf({ timestamp: '2024-05-01T12:00:00Z' })).toEqual({
      choice: { kind: 'timestamp', at: Date.UTC(2024, 4, 1, 12) },
    });
    expect(deltaChoiceOf({ timestamp: '2024-05-01' })).toEqual({
      choice: { kind: 'timestamp', at: Date.UTC(2024, 4, 1) },
    });
  });

  it('refuses both at once and a time without a zone, in words a Portuguese reader gets in Portuguese', () => {
    for (const [params, key] of [
      [{ version: 1, timestamp: '2024-05-01' }, 'node.check/delta-version-and-time'],
      [{ timestamp: '2024-05-01T12:00' }, 'node.check/delta-not-timestamp'],
      [{ timestamp: '2024-02-30T25:00:00Z' }, 'node.check/delta-bad-time'],
    ] as const) {
      const r = deltaChoiceOf(params);
      if (!('issue' in r)) throw new Error(`${JSON.stringify(params)} was accepted`);
      expect(r.issue.param).toBe('timestamp');
      const said = recognize('node.check', r.issue.message);
      expect(said?.key).toBe(key);
      if (said === undefined) continue;
      const pt = diagnosticText(
        {
          code: 'node.check',
          variant: said.key.split('/')[1] ?? '',
          args: said.args,
          message: r.issue.message,
        },
        'pt-BR',
      );
      expect(pt).not.toBe(r.issue.message);
    }
  });
});
