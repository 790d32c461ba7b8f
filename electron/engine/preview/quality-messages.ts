import { said, type Said } from '../../../shared/messages/diagnostic-messages';

/**
 * What a failed data check says (quality.failed / quality.routed templates):
 * one template per shape, so every language gets the whole sentence, with the
 * counts as numbers (in the user's digits) and the examples as written.
 */

type Action = 'fail' | 'warn' | 'route';

export function rowsFailure(action: Action, a: { check: string; bad: number; rows: number }, examples: string): Said {
  if (action === 'route') {
    if (a.bad === 1)
      return examples === ''
        ? said('quality.routed/one-rows', a)
        : said('quality.routed/one-rows-eg', { ...a, examples });
    return examples === '' ? said('quality.routed/rows', a) : said('quality.routed/rows-eg', { ...a, examples });
  }
  return examples === '' ? said('quality.failed/rows', a) : said('quality.failed/rows-eg', { ...a, examples });
}

export function uniqueFailure(
  action: Action,
  a: { check: string; bad: number; rows: number; columns: string },
  examples: string,
): Said {
  if (action === 'route') {
    if (a.bad === 1)
      return examples === ''
        ? said('quality.routed/one-unique', a)
        : said('quality.routed/one-unique-eg', { ...a, examples });
    return examples === '' ? said('quality.routed/unique', a) : said('quality.routed/unique-eg', { ...a, examples });
  }
  return examples === '' ? said('quality.failed/unique', a) : said('quality.failed/unique-eg', { ...a, examples });
}

export function countFailure(action: Action, bound: 'min' | 'max', a: { limit: number; rows: number }): Said {
  if (action === 'route') return bound === 'min' ? said('quality.routed/min', a) : said('quality.routed/max', a);
  return bound === 'min' ? said('quality.failed/min', a) : said('quality.failed/max', a);
}
