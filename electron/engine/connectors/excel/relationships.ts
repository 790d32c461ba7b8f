import { posix } from 'node:path';
import type { InflateBudget } from './inflate-budget';
import { scanPart } from './read-part';
import { attribute } from './xml-scanner';
import type { ZipArchive } from './zip-archive';

/**
 * A package's relationships (OPC): which part is the workbook, which are
 * its sheets, shared strings and styles. Parts may live at any path under
 * any name; only the relationships say where.
 */

export interface Relationship {
  id: string;
  /** The type's URI: transitional (`http://schemas.openxmlformats.org/…/worksheet`) or strict (`http://purl.oclc.org/ooxml/…/worksheet`). */
  type: string;
  /** The target as written, for messages. */
  target: string;
  /** The target as a part name in the archive (no leading `/`); undefined for external targets and ones outside the package. */
  part: string | undefined;
}

/** Whether a relationship is of a type, by its last segment (`worksheet`, `sharedStrings`…), so both URI families match. */
export function isType(r: Relationship, type: string): boolean {
  return r.type.endsWith(`/${type}`);
}

/** The relationships part of a part: `xl/workbook.xml` → `xl/_rels/workbook.xml.rels`; the package's own: `_rels/.rels`. */
export function relationshipsPartOf(part: string): string {
  if (part === '') return '_rels/.rels';
  const dir = posix.dirname(part);
  return `${dir === '.' ? '' : `${dir}/`}_rels/${posix.basename(part)}.rels`;
}

/**
 * A target as a part name: absolute (`/xl/sheet.xml`) from the package's
 * root, otherwise relative to the folder of the part that holds the
 * relationship. Percent-escapes are decoded (targets are URIs); a target
 * that climbs above the root names no part.
 */
export function resolveTarget(source: string, target: string): string | undefined {
  let t = target.replaceAll('\\', '/');
  try {
    t = decodeURIComponent(t);
  } catch {
    // Not a valid escape sequence: the target is taken as written.
  }
  const joined = t.startsWith('/') ? t.slice(1) : posix.join(posix.dirname(source), t);
  const part = posix.normalize(joined);
  if (part === '..' || part.startsWith('../') || part.startsWith('/') || part === '.' || part === '') return undefined;
  return part;
}

/** The relationships of `source` (the package itself: `''`), read from its .rels part; none when that part is absent. */
export async function readRelationships(
  zip: ZipArchive,
  source: string,
  budget: InflateBudget,
): Promise<Relationship[] | undefined> {
  const relsPart = zip.find(relationshipsPartOf(source));
  if (relsPart === undefined) return undefined;
  const found: Relationship[] = [];
  await scanPart(zip, relsPart, 'index', budget, {
    wantsText: false,
    open(name, attributes) {
      if (name !== 'Relationship') return;
      const id = attribute(attributes, 'Id') ?? '';
      const type = attribute(attributes, 'Type') ?? '';
      const target = attribute(attributes, 'Target') ?? '';
      const external = attribute(attributes, 'TargetMode') === 'External';
      found.push({ id, type, target, part: external ? undefined : resolveTarget(source, target) });
    },
    close() {},
    text() {},
  });
  return found;
}
