import { isJsonObject, type JsonObject, type JsonValue } from './json';
import { documentSchema, nodeInputRefs, refNode, type PipelineDocument } from './document';

/**
 * Three-way merge of pipeline documents, for `duto merge` (a git merge
 * driver): two people edit the same pipeline on two branches and git asks
 * Duto, not a line diff, to combine them. Nodes and notes are matched by id,
 * parameters by name, and every object is merged key by key, so edits to
 * different nodes — or to different params of one node — never conflict.
 * A real conflict (both sides changed one value differently, or one side
 * removed what the other changed) keeps our value, or the changed node, so
 * nothing is lost, and is reported with its place. Layout never conflicts:
 * where both sides moved a node, ours wins.
 */

export interface MergeConflict {
  /** Where, e.g. `nodes.paid.params.condition`. */
  path: string;
  message: string;
}

export interface MergeResult {
  document: PipelineDocument;
  conflicts: MergeConflict[];
}

type Maybe = JsonValue | undefined;

function same(a: Maybe, b: Maybe): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined || a === null || b === null || typeof a !== 'object' || typeof b !== 'object')
    return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => same(x, b[i]));
  }
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => Object.hasOwn(b, k) && same(a[k], b[k]));
}

function shown(v: Maybe): string {
  if (v === undefined) return '(absent)';
  const text = JSON.stringify(v);
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

/** Merges one value; objects key by key, anything else whole. `undefined` is absence. */
function merge3(base: Maybe, ours: Maybe, theirs: Maybe, path: string, conflicts: MergeConflict[]): Maybe {
  if (same(ours, theirs)) return ours;
  if (same(base, ours)) return theirs;
  if (same(base, theirs)) return ours;
  if (isJsonObject(ours) && isJsonObject(theirs) && (base === undefined || isJsonObject(base))) {
    const b: JsonObject = base === undefined ? {} : base;
    const out: JsonObject = {};
    for (const key of [...new Set([...Object.keys(ours), ...Object.keys(theirs)])]) {
      const v = merge3(b[key], ours[key], theirs[key], path === '' ? key : `${path}.${key}`, conflicts);
      if (v !== undefined) out[key] = v;
    }
    return out;
  }
  conflicts.push({
    path,
    message: `both sides changed it: ours ${shown(ours)}, theirs ${shown(theirs)} (base ${shown(base)}); ours is kept`,
  });
  return ours;
}

interface Keyed {
  id: string;
}

/**
 * Merges lists of items with ids: an item removed on one side and unchanged
 * on the other goes; removed on one side and changed on the other stays
 * (changed), as a conflict. Order: ours, then what only theirs added.
 */
function mergeById<T extends Keyed>(
  base: readonly T[],
  ours: readonly T[],
  theirs: readonly T[],
  what: string,
  conflicts: MergeConflict[],
  asJson: (t: T) => JsonObject,
  fromJson: (v: JsonObject) => T | undefined,
): T[] {
  const byId = (xs: readonly T[]): Map<string, T> => new Map(xs.map((x) => [x.id, x]));
  const [b, o, t] = [byId(base), byId(ours), byId(theirs)];
  const order = [...ours.map((x) => x.id), ...theirs.map((x) => x.id).filter((id) => !o.has(id))];
  const out: T[] = [];
  for (const id of order) {
    const [bv, ov, tv] = [b.get(id), o.get(id), t.get(id)];
    const path = `${what}.${id}`;
    if (ov === undefined || tv === undefined) {
      const kept = ov ?? tv;
      if (kept === undefined) continue;
      // Present on one side only: added there, or removed on the other.
      if (bv === undefined) out.push(kept);
      else if (!same(asJson(bv), asJson(kept))) {
        conflicts.push({
          path,
          message: `${ov === undefined ? 'we' : 'they'} removed it and ${ov === undefined ? 'they' : 'we'} changed it; the changed one is kept`,
        });
        out.push(kept);
      }
      continue;
    }
    const merged = merge3(bv === undefined ? undefined : asJson(bv), asJson(ov), asJson(tv), path, conflicts);
    const item = isJsonObject(merged) ? fromJson(merged) : undefined;
    if (item === undefined)
      conflicts.push({
        path,
        message: 'the two sides changed it into something that is no longer valid together; ours is kept',
      });
    out.push(item ?? ov);
  }
  return out;
}

function toJson(v: unknown): JsonObject {
  const parsed: unknown = JSON.parse(JSON.stringify(v));
  return isJsonObject(parsed) ? parsed : {};
}

/** `base` is null when the file is new on both sides (git's add/add). */
export function mergeDocuments(
  base: PipelineDocument | null,
  ours: PipelineDocument,
  theirs: PipelineDocument,
): MergeResult {
  const conflicts: MergeConflict[] = [];
  const b = base ?? { format: ours.format, version: ours.version, nodes: [] };
  const node = (v: JsonObject): PipelineDocument['nodes'][number] | undefined =>
    documentSchema.shape.nodes.element.safeParse(v).data;
  const note = (v: JsonObject): NonNullable<PipelineDocument['notes']>[number] | undefined =>
    documentSchema.shape.notes.unwrap().element.safeParse(v).data;
  const nodes = mergeById(b.nodes, ours.nodes, theirs.nodes, 'nodes', conflicts, toJson, node);
  const notes = mergeById(b.notes ?? [], ours.notes ?? [], theirs.notes ?? [], 'notes', conflicts, toJson, note);

  // Everything else (name, description, params…) key by key.
  const rest = (d: PipelineDocument): JsonObject =>
    toJson({ ...d, nodes: undefined, notes: undefined, layout: undefined });
  const top = merge3(rest(b), rest(ours), rest(theirs), '', conflicts);

  // Layout: a moved node is no conflict; where both moved it, ours wins. Only nodes that remain.
  const kept = new Set(nodes.map((n) => n.id));
  const layoutConflicts: MergeConflict[] = [];
  const layout = merge3(
    toJson(b.layout ?? {}),
    toJson(ours.layout ?? {}),
    toJson(theirs.layout ?? {}),
    'layout',
    layoutConflicts,
  );
  const positions = Object.fromEntries(
    Object.entries(isJsonObject(layout) ? layout : {}).filter(([id]) => kept.has(id)),
  );

  const candidate: unknown = {
    ...(isJsonObject(top) ? top : {}),
    nodes,
    ...(Object.keys(positions).length === 0 ? {} : { layout: positions }),
    ...(notes.length === 0 ? {} : { notes }),
  };
  const checked = documentSchema.safeParse(candidate);
  if (!checked.success) {
    // Merged fields are each valid, so this means sides changed one field's shape; ours stands.
    conflicts.push({
      path: '',
      message: `the merged document is not valid (${checked.error.issues[0]?.message ?? 'unknown'}); ours is kept whole`,
    });
    return { document: ours, conflicts };
  }
  const document = checked.data;
  for (const n of document.nodes) {
    for (const ref of nodeInputRefs(n)) {
      if (!kept.has(refNode(ref)))
        conflicts.push({
          path: `nodes.${n.id}.inputs`,
          message: `reads from "${refNode(ref)}", which the other side removed`,
        });
    }
  }
  return { document, conflicts };
}
