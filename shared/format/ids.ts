import { NODE_ID_PATTERN } from './document';

/**
 * A readable node id from a label or a type (`Paid orders` → `paid_orders`,
 * `transform.filter` → `filter`), unique among `taken` by a numeric suffix.
 * Ids are chosen once and never renumbered.
 */
export function newNodeId(base: string, taken: ReadonlySet<string>): string {
  const last = base.includes('.') && !base.includes(' ') ? (base.split('.').pop() ?? base) : base;
  let slug = last
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 40);
  if (!/^[a-z]/.test(slug)) slug = `node_${slug}`.replace(/_+$/, '');
  if (!taken.has(slug) && NODE_ID_PATTERN.test(slug)) return slug;
  for (let i = 2; ; i++) {
    const id = `${slug}_${i}`;
    if (!taken.has(id)) return id;
  }
}
