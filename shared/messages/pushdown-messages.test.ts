import { describe, expect, it } from 'vitest';
import { PUSHDOWN_MESSAGES, pushdownMessage, pushdownText } from './pushdown-messages';
import { placeholdersOf } from './template';

describe('pushdown messages', () => {
  it('use the same argument names in both languages, and translate every sentence', () => {
    const entries = Object.entries(PUSHDOWN_MESSAGES);
    expect(entries.filter(([, t]) => placeholdersOf(t.en).join() !== placeholdersOf(t['pt-BR']).join())).toEqual([]);
    expect(entries.filter(([key, t]) => t.en === t['pt-BR'] && key !== 'expression').map(([key]) => key)).toEqual([]);
  });

  it('render in the language asked, English by default', () => {
    const m = pushdownMessage('full-join', { database: 'MySQL' });
    expect(pushdownText(m)).toBe('MySQL has no FULL JOIN');
    expect(pushdownText(m, 'pt-BR')).toBe('MySQL não tem FULL JOIN');
  });
});
