import type { NodeType } from '../../../shared/catalog/node-type';

/** Lowercase without accents: "verificacao" finds Verificação. */
function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();
}

/**
 * Node types matching a query, best first: label prefix, then label, type,
 * keywords, description. Every word of the query must match somewhere.
 */
export function searchNodeTypes(query: string, types: readonly NodeType[]): NodeType[] {
  const words = fold(query)
    .split(/\s+/)
    .filter((w) => w !== '');
  if (words.length === 0) return [...types];
  const scored: Array<{ t: NodeType; score: number; i: number }> = [];
  types.forEach((t, i) => {
    const label = fold(t.label);
    const type = t.type.toLowerCase();
    const keywords = fold(t.keywords.join(' '));
    const description = fold(t.description);
    let score = 0;
    for (const w of words) {
      if (label.startsWith(w)) score += 8;
      else if (label.includes(w)) score += 6;
      else if (type.includes(w)) score += 5;
      else if (keywords.includes(w)) score += 4;
      else if (description.includes(w)) score += 1;
      else return;
    }
    scored.push({ t, score, i });
  });
  return scored.sort((a, b) => b.score - a.score || a.i - b.i).map((s) => s.t);
}
