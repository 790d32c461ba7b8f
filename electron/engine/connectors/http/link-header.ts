/**
 * RFC 8288 Link headers: `<https://api.example.com/items?page=2>; rel="next",
 * <…>; rel="last"`. Only the target of `rel="next"` matters for paging.
 */

/** The absolute URL of the `next` link, resolved against the response's URL; undefined when there is none. */
export function nextLink(header: string | null, base: string): string | undefined {
  if (header === null) return undefined;
  // Split on the commas between links, not those inside a <URL>.
  for (const link of header.match(/<[^>]*>[^,]*/g) ?? []) {
    const target = /^<([^>]*)>/.exec(link)?.[1];
    const rel = /;\s*rel\s*=\s*(?:"([^"]*)"|([^\s;,]+))/i.exec(link);
    const rels = (rel?.[1] ?? rel?.[2] ?? '').toLowerCase().split(/\s+/);
    if (target !== undefined && rels.includes('next')) return new URL(target, base).href;
  }
  return undefined;
}
