import { catalog } from '../../../shared/catalog/index';
import type { PortSpec } from '../../../shared/catalog/node-type';
import { reachable } from '../../../shared/compiler/graph';
import {
  documentUpstream,
  refNode,
  refPort,
  type Note,
  type PipelineDocument,
  type PipelineNode,
  type Position,
} from '../../../shared/format/document';
import { newNodeId } from '../../../shared/format/ids';
import { migrateNode } from '../../../shared/format/node-versions';
import type { JsonValue } from '../../../shared/format/json';
import type { SavedChart } from '../../../shared/charts/chart-spec';

/**
 * Pure edits of a pipeline document. Every function returns a new document
 * (unchanged parts shared), so the store can keep snapshots for undo and
 * React Flow nodes can be derived by reference.
 */

/** A wire from an output port to an input port. */
export interface Link {
  source: string;
  sourcePort: string;
  target: string;
  targetPort: string;
}

/** Why a connection is refused; each is a message key under `connect.`. */
export type ConnectRefusal =
  'self' | 'sinkOutput' | 'unknownPort' | 'unknownNode' | 'portTaken' | 'duplicate' | 'cycle';

export type ConnectCheck = { ok: true } | { ok: false; reason: ConnectRefusal };

/** `orders` for the default output, `check.rejected` for a named one. */
export function refOf(nodeId: string, port: string): string {
  return port === 'out' ? nodeId : `${nodeId}.${port}`;
}

export function findNode(doc: PipelineDocument, id: string): PipelineNode | undefined {
  return doc.nodes.find((n) => n.id === id);
}

/** Input ports of a node: from the catalog, or from its own inputs for an unknown type. */
export function inputPorts(node: PipelineNode): readonly PortSpec[] {
  const t = catalog.get(node.type);
  if (t !== undefined) return t.inputs;
  return Object.keys(node.inputs ?? {}).map((name) => ({ name, label: name }));
}

export function outputPorts(node: PipelineNode): readonly PortSpec[] {
  return catalog.get(node.type)?.outputs ?? [{ name: 'out', label: 'out' }];
}

function refsOf(v: string | string[] | undefined): string[] {
  if (v === undefined) return [];
  return typeof v === 'string' ? [v] : v;
}

export function checkConnection(doc: PipelineDocument, link: Link): ConnectCheck {
  if (link.source === link.target) return { ok: false, reason: 'self' };
  const source = findNode(doc, link.source);
  const target = findNode(doc, link.target);
  if (source === undefined || target === undefined) return { ok: false, reason: 'unknownNode' };
  const outs = outputPorts(source);
  if (outs.length === 0) return { ok: false, reason: 'sinkOutput' };
  if (!outs.some((p) => p.name === link.sourcePort)) return { ok: false, reason: 'unknownPort' };
  const port = inputPorts(target).find((p) => p.name === link.targetPort);
  if (port === undefined) return { ok: false, reason: 'unknownPort' };
  const existing = refsOf(target.inputs?.[link.targetPort]);
  const ref = refOf(link.source, link.sourcePort);
  if (existing.includes(ref)) return { ok: false, reason: 'duplicate' };
  if (port.multi !== true && existing.length > 0) return { ok: false, reason: 'portTaken' };
  // `target` is `source` or upstream of it.
  if (reachable(link.source, documentUpstream(doc)).has(link.target)) return { ok: false, reason: 'cycle' };
  return { ok: true };
}

function replaceNode(doc: PipelineDocument, id: string, f: (n: PipelineNode) => PipelineNode): PipelineDocument {
  return { ...doc, nodes: doc.nodes.map((n) => (n.id === id ? f(n) : n)) };
}

/** Connects a checked link; multi ports collect a list of refs. */
export function connect(doc: PipelineDocument, link: Link): PipelineDocument {
  const target = findNode(doc, link.target);
  if (target === undefined) return doc;
  const multi = inputPorts(target).find((p) => p.name === link.targetPort)?.multi === true;
  const ref = refOf(link.source, link.sourcePort);
  return replaceNode(doc, link.target, (n) => {
    const existing = refsOf(n.inputs?.[link.targetPort]);
    const value: string | string[] = multi ? [...existing, ref] : ref;
    return { ...n, inputs: { ...n.inputs, [link.targetPort]: value } };
  });
}

/** Removes one wire. */
export function disconnect(doc: PipelineDocument, target: string, port: string, ref: string): PipelineDocument {
  return replaceNode(doc, target, (n) => withoutRefs(n, (r, p) => p === port && r === ref));
}

function withoutRefs(n: PipelineNode, drop: (ref: string, port: string) => boolean): PipelineNode {
  if (n.inputs === undefined) return n;
  const inputs: Record<string, string | string[]> = {};
  let changed = false;
  for (const [port, v] of Object.entries(n.inputs)) {
    const kept = refsOf(v).filter((r) => !drop(r, port));
    if (kept.length !== refsOf(v).length) changed = true;
    if (kept.length === 0) continue;
    inputs[port] = typeof v === 'string' ? (kept[0] ?? v) : kept;
  }
  if (!changed) return n;
  const { inputs: _old, ...rest } = n;
  void _old;
  return Object.keys(inputs).length === 0 ? rest : { ...rest, inputs };
}

export function takenIds(doc: PipelineDocument): Set<string> {
  return new Set([...doc.nodes.map((n) => n.id), ...(doc.notes ?? []).map((n) => n.id)]);
}

function roundPos(p: Position): Position {
  return { x: Math.round(p.x), y: Math.round(p.y) };
}

/** Adds a node of a catalog type with a readable, unique id. */
export function addNode(
  doc: PipelineDocument,
  type: string,
  position: Position,
): { doc: PipelineDocument; id: string } {
  const def = catalog.get(type);
  const id = newNodeId(def?.label ?? type, takenIds(doc));
  // Version 1 is never written (see shared/format/node-versions.ts).
  const node: PipelineNode =
    def !== undefined && def.version > 1 ? { id, type, typeVersion: def.version } : { id, type };
  return { id, doc: { ...doc, nodes: [...doc.nodes, node], layout: { ...doc.layout, [id]: roundPos(position) } } };
}

/** Removes nodes and notes, the wires into and out of them, and their layout. */
export function removeItems(doc: PipelineDocument, ids: readonly string[]): PipelineDocument {
  const gone = new Set(ids);
  const nodes = doc.nodes.filter((n) => !gone.has(n.id)).map((n) => withoutRefs(n, (r) => gone.has(refNode(r))));
  const layout =
    doc.layout === undefined ? undefined : Object.fromEntries(Object.entries(doc.layout).filter(([k]) => !gone.has(k)));
  const notes = doc.notes?.filter((n) => !gone.has(n.id));
  const out: PipelineDocument = { ...doc, nodes };
  if (layout !== undefined) out.layout = layout;
  if (notes !== undefined) out.notes = notes;
  return out;
}

/** Moves nodes (layout) and notes (their x/y). */
export function moveItems(doc: PipelineDocument, moves: Readonly<Record<string, Position>>): PipelineDocument {
  const layout = { ...doc.layout };
  const nodeIds = new Set(doc.nodes.map((n) => n.id));
  let notes = doc.notes;
  for (const [id, p] of Object.entries(moves)) {
    const pos = roundPos(p);
    if (nodeIds.has(id)) layout[id] = pos;
    else if (notes !== undefined) notes = notes.map((n) => (n.id === id ? { ...n, x: pos.x, y: pos.y } : n));
  }
  const out: PipelineDocument = { ...doc, layout };
  if (notes !== undefined) out.notes = notes;
  return out;
}

/** Sets a param; `undefined` removes it (so the default applies and the file stays small). */
export function setParam(
  doc: PipelineDocument,
  nodeId: string,
  name: string,
  value: JsonValue | undefined,
): PipelineDocument {
  return replaceNode(doc, nodeId, (n) => {
    const params: Record<string, JsonValue> = Object.fromEntries(
      Object.entries(n.params ?? {}).filter(([k]) => k !== name),
    );
    if (value !== undefined) params[name] = value;
    const { params: _old, ...rest } = n;
    void _old;
    return Object.keys(params).length === 0 ? rest : { ...rest, params };
  });
}

/** Sets a node's saved charts; none removes the key (the file stays as it was before any chart). */
export function setCharts(doc: PipelineDocument, nodeId: string, charts: readonly SavedChart[]): PipelineDocument {
  return replaceNode(doc, nodeId, (n) => {
    const { charts: _old, ...rest } = n;
    void _old;
    return charts.length === 0 ? rest : { ...rest, charts: [...charts] };
  });
}

export function setLabel(doc: PipelineDocument, nodeId: string, label: string): PipelineDocument {
  return replaceNode(doc, nodeId, (n) => {
    const { label: _old, ...rest } = n;
    void _old;
    return label.trim() === '' ? rest : { ...rest, label };
  });
}

export function addNote(
  doc: PipelineDocument,
  position: Position,
  text: string,
): { doc: PipelineDocument; id: string } {
  const id = newNodeId('note', takenIds(doc));
  const p = roundPos(position);
  const note: Note = { id, text, x: p.x, y: p.y, width: 220 };
  return { id, doc: { ...doc, notes: [...(doc.notes ?? []), note] } };
}

export function setNoteText(doc: PipelineDocument, id: string, text: string): PipelineDocument {
  return { ...doc, notes: (doc.notes ?? []).map((n) => (n.id === id ? { ...n, text } : n)) };
}

/** What the clipboard holds: nodes with their positions, and notes. */
export interface ClipboardPayload {
  format: 'duto.clipboard';
  nodes: PipelineNode[];
  layout: Record<string, Position>;
  notes: Note[];
}

export function copyItems(doc: PipelineDocument, ids: readonly string[]): ClipboardPayload {
  const keep = new Set(ids);
  const nodes = doc.nodes.filter((n) => keep.has(n.id));
  const layout: Record<string, Position> = {};
  for (const n of nodes) layout[n.id] = doc.layout?.[n.id] ?? { x: 0, y: 0 };
  return { format: 'duto.clipboard', nodes, layout, notes: (doc.notes ?? []).filter((n) => keep.has(n.id)) };
}

/**
 * Pastes with fresh ids. Wires between pasted nodes follow the new ids;
 * wires from nodes still in the document are kept; others are dropped.
 * `at` places the top-left of the pasted items; otherwise they shift by 40.
 */
export function pasteItems(
  doc: PipelineDocument,
  payload: ClipboardPayload,
  at?: Position,
): { doc: PipelineDocument; ids: string[] } {
  const taken = takenIds(doc);
  const rename = new Map<string, string>();
  for (const n of [...payload.nodes, ...payload.notes]) {
    const id = newNodeId(n.id, taken);
    taken.add(id);
    rename.set(n.id, id);
  }
  const positions = [...Object.values(payload.layout), ...payload.notes.map((n) => ({ x: n.x, y: n.y }))];
  const minX = Math.min(...positions.map((p) => p.x));
  const minY = Math.min(...positions.map((p) => p.y));
  const shift = (p: Position): Position =>
    at === undefined ? { x: p.x + 40, y: p.y + 40 } : { x: at.x + p.x - minX, y: at.y + p.y - minY };
  const existing = new Set(doc.nodes.map((n) => n.id));
  const mapRef = (ref: string): string | undefined => {
    const up = rename.get(refNode(ref));
    if (up !== undefined) return refOf(up, refPort(ref));
    return existing.has(refNode(ref)) ? ref : undefined;
  };
  const layout = { ...doc.layout };
  const nodes = payload.nodes.map((n) => {
    const id = rename.get(n.id) ?? n.id;
    layout[id] = roundPos(shift(payload.layout[n.id] ?? { x: 0, y: 0 }));
    const out: PipelineNode = { ...n, id };
    if (n.inputs !== undefined) {
      const inputs: Record<string, string | string[]> = {};
      for (const [port, v] of Object.entries(n.inputs)) {
        const refs = refsOf(v).flatMap((r) => mapRef(r) ?? []);
        if (refs.length === 0) continue;
        inputs[port] = typeof v === 'string' ? (refs[0] ?? v) : refs;
      }
      if (Object.keys(inputs).length > 0) out.inputs = inputs;
      else delete out.inputs;
    }
    return out;
  });
  const notes = payload.notes.map((n) => {
    const p = roundPos(shift({ x: n.x, y: n.y }));
    return { ...n, id: rename.get(n.id) ?? n.id, x: p.x, y: p.y };
  });
  const next: PipelineDocument = { ...doc, nodes: [...doc.nodes, ...nodes], layout };
  if (notes.length > 0 || doc.notes !== undefined) next.notes = [...(doc.notes ?? []), ...notes];
  return { doc: next, ids: [...rename.values()] };
}

/** Reads clipboard text back into a payload; anything else is ignored. */
export function parseClipboard(text: string): ClipboardPayload | null {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof raw !== 'object' || raw === null || !('format' in raw) || raw.format !== 'duto.clipboard') return null;
  if (!('nodes' in raw) || !Array.isArray(raw.nodes)) return null;
  const nodes: PipelineNode[] = [];
  for (const n of raw.nodes) {
    if (typeof n !== 'object' || n === null || !('id' in n) || !('type' in n)) continue;
    const def = typeof n.type === 'string' ? catalog.get(n.type) : undefined;
    if (typeof n.id !== 'string' || typeof n.type !== 'string' || def === undefined) continue;
    // Copied from an older Duto, a node is brought to its type's version; from a newer one, it is not pasted.
    const current = migrateNode(sanitizeNode(n.id, n.type, n), def);
    if (current.ok) nodes.push(current.node);
  }
  const layout: Record<string, Position> = {};
  if ('layout' in raw && typeof raw.layout === 'object' && raw.layout !== null) {
    for (const [k, v] of Object.entries(raw.layout)) {
      if (
        typeof v === 'object' &&
        v !== null &&
        'x' in v &&
        'y' in v &&
        typeof v.x === 'number' &&
        typeof v.y === 'number'
      )
        layout[k] = { x: v.x, y: v.y };
    }
  }
  const notes: Note[] = [];
  if ('notes' in raw && Array.isArray(raw.notes)) {
    for (const n of raw.notes) {
      if (typeof n !== 'object' || n === null) continue;
      if (
        'id' in n &&
        'text' in n &&
        'x' in n &&
        'y' in n &&
        typeof n.id === 'string' &&
        typeof n.text === 'string' &&
        typeof n.x === 'number' &&
        typeof n.y === 'number'
      ) {
        notes.push({ id: n.id, text: n.text, x: n.x, y: n.y, width: 220 });
      }
    }
  }
  if (nodes.length === 0 && notes.length === 0) return null;
  return { format: 'duto.clipboard', nodes, layout, notes };
}

function isJson(v: unknown): v is JsonValue {
  if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return true;
  if (Array.isArray(v)) return v.every(isJson);
  if (typeof v === 'object') return Object.values(v).every(isJson);
  return false;
}

function sanitizeNode(id: string, type: string, n: object): PipelineNode {
  const out: PipelineNode = { id, type };
  if ('typeVersion' in n && typeof n.typeVersion === 'number' && Number.isInteger(n.typeVersion) && n.typeVersion > 0)
    out.typeVersion = n.typeVersion;
  if ('label' in n && typeof n.label === 'string') out.label = n.label;
  if ('params' in n && typeof n.params === 'object' && n.params !== null && !Array.isArray(n.params)) {
    const params: Record<string, JsonValue> = {};
    for (const [k, v] of Object.entries(n.params)) if (isJson(v)) params[k] = v;
    out.params = params;
  }
  if ('inputs' in n && typeof n.inputs === 'object' && n.inputs !== null) {
    const inputs: Record<string, string | string[]> = {};
    for (const [k, v] of Object.entries(n.inputs)) {
      if (typeof v === 'string') inputs[k] = v;
      else if (Array.isArray(v) && v.every((x) => typeof x === 'string'))
        inputs[k] = v.filter((x): x is string => typeof x === 'string');
    }
    out.inputs = inputs;
  }
  return out;
}

/** A node's pushdown switch: off writes `pushdown: false`, on removes the key (the default is not written). */
export function setNodePushdown(doc: PipelineDocument, nodeId: string, on: boolean): PipelineDocument {
  return replaceNode(doc, nodeId, (n) => {
    const { pushdown: _old, ...rest } = n;
    void _old;
    return on ? rest : { ...rest, pushdown: false };
  });
}

/** The pipeline's pushdown switch, written like a node's: only `false` is in the file. */
export function setPipelinePushdown(doc: PipelineDocument, on: boolean): PipelineDocument {
  const { pushdown: _old, ...rest } = doc;
  void _old;
  return on ? rest : { ...rest, pushdown: false };
}
