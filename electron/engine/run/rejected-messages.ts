import { said, type Said } from '../../../shared/messages/diagnostic-messages';

/**
 * What a source's rejected rows say (source.rejected/* templates): one
 * template per shape — set aside or skipped, with or without the first
 * rejected line — so each language has the whole sentence, and the row
 * counts are numbers in the user's digits.
 */

export interface RejectedCounts {
  rows: number;
  total: number;
  aside: boolean;
  first?: { line: string; file: string; reason: string } | undefined;
}

export type RejectedVerdict =
  | { kind: 'plain' }
  | { kind: 'all'; check: string }
  | { kind: 'max-rows'; max: number }
  | { kind: 'max-percent'; share: string; max: number }
  | { kind: 'most'; hint: string };

export function rejectedSaid(c: RejectedCounts, v: RejectedVerdict): Said {
  const n = { rows: c.rows, total: c.total };
  const f = c.first === undefined ? undefined : { ...n, ...c.first };
  switch (v.kind) {
    case 'plain':
      if (c.aside)
        return f === undefined ? said('source.rejected/plain-aside', n) : said('source.rejected/plain-aside-first', f);
      return f === undefined
        ? said('source.rejected/plain-skipped', n)
        : said('source.rejected/plain-skipped-first', f);
    case 'all':
      if (c.aside)
        return f === undefined
          ? said('source.rejected/all-aside', { ...n, check: v.check })
          : said('source.rejected/all-aside-first', { ...f, check: v.check });
      return f === undefined
        ? said('source.rejected/all-skipped', { ...n, check: v.check })
        : said('source.rejected/all-skipped-first', { ...f, check: v.check });
    case 'max-rows':
      if (c.aside)
        return f === undefined
          ? said('source.rejected/max-rows-aside', { ...n, max: v.max })
          : said('source.rejected/max-rows-aside-first', { ...f, max: v.max });
      return f === undefined
        ? said('source.rejected/max-rows-skipped', { ...n, max: v.max })
        : said('source.rejected/max-rows-skipped-first', { ...f, max: v.max });
    case 'max-percent': {
      const p = { share: v.share, max: v.max };
      if (c.aside)
        return f === undefined
          ? said('source.rejected/max-percent-aside', { ...n, ...p })
          : said('source.rejected/max-percent-aside-first', { ...f, ...p });
      return f === undefined
        ? said('source.rejected/max-percent-skipped', { ...n, ...p })
        : said('source.rejected/max-percent-skipped-first', { ...f, ...p });
    }
    case 'most':
      if (c.aside)
        return f === undefined
          ? said('source.rejected/most-aside', { ...n, hint: v.hint })
          : said('source.rejected/most-aside-first', { ...f, hint: v.hint });
      return f === undefined
        ? said('source.rejected/most-skipped', { ...n, hint: v.hint })
        : said('source.rejected/most-skipped-first', { ...f, hint: v.hint });
  }
}
