import type { PipelineDocument, Position } from '../../../shared/format/document';
import type { JsonValue } from '../../../shared/format/json';
import type { SavedChart } from '../../../shared/charts/chart-spec';
import type { GetState, SetState } from './app-store';
import { newHistoryKey } from './history-key';
import * as ops from './doc-ops';
import { followLabel, labelFromPath } from './follow-label';
import type { ClipboardPayload, ConnectCheck, Link } from './doc-ops';
import { connectReplacing, insertIntoWire } from './wire-ops';

/** Undo keeps this many document snapshots. */
const HISTORY = 200;
/** Edits with the same coalesce key within this time are one undo step. */
const COALESCE_MS = 1500;

/** Edge ids carry what is needed to remove the wire: `target|port|ref`. */
export function edgeId(target: string, port: string, ref: string): string {
  return `${target}|${port}|${ref}`;
}

export function parseEdgeId(id: string): { target: string; port: string; ref: string } | null {
  const [target, port, ref] = id.split('|');
  return target === undefined || port === undefined || ref === undefined ? null : { target, port, ref };
}

export interface AddNodeResult {
  id: string;
  /** Set when the node was added but the requested wire was refused. */
  refusal?: ConnectCheck;
}

export interface DocumentActions {
  /**
   * Replaces the document (New, Open, restore); clears history. `dirty` marks a restored backup as unsaved;
   * `imported`: an unsaved document from elsewhere, restricted until trusted.
   */
  load(doc: PipelineDocument, path: string | null, opts?: { dirty?: boolean; imported?: boolean }): void;
  /** The user trusts the unsaved document they imported (a saved one is trusted through the host). */
  trustImported(): void;
  /** Records a document change as one undo step (or merges it into the last one with the same coalesce key). */
  commit(next: PipelineDocument, coalesce?: string): void;
  undo(): void;
  redo(): void;
  /** `replaces`: the document `doc` was made from (its paths re-expressed); it becomes `doc` if still open unchanged. */
  markSaved(path: string, doc: PipelineDocument, replaces?: PipelineDocument): void;
  /** `into`: an edge id the node was dropped on; it goes into that wire when it fits (same undo step). */
  addNode(
    type: string,
    position: Position,
    wire?: { nodeId: string; port: string; side: 'source' | 'target' },
    into?: string,
  ): AddNodeResult;
  connect(link: Link): ConnectCheck;
  /** Connects, and a single input port already connected gives up its old wire: one undo step. */
  connectReplacing(link: Link): ConnectCheck;
  removeEdges(edgeIds: readonly string[]): void;
  removeItems(ids: readonly string[], edgeIds?: readonly string[]): void;
  /** A drag's end; `into`: the dragged node was dropped on that wire (edge id) and goes into it when it fits, in the same undo step. */
  moveItems(moves: Readonly<Record<string, Position>>, into?: { nodeId: string; edgeId: string }): void;
  setParam(nodeId: string, name: string, value: JsonValue | undefined): void;
  /** Saves a node's charts (the preview's Chart view): one undo step, and the file has unsaved changes. */
  setCharts(nodeId: string, charts: readonly SavedChart[]): void;
  /** Sets the label; a node not yet saved takes the id it gives (follow-label.ts). */
  setLabel(nodeId: string, label: string): void;
  /** A file was chosen for a node's read path: a node without a label is named after it. */
  nameAfterFile(nodeId: string, path: string): void;
  /** Clears params the engine detects (a CSV source's dialect), as one undo step: the next check detects them again. */
  redetect(nodeId: string, params: readonly string[]): void;
  /**
   * Writes what the engine detected into nodes that left it out, when the
   * document is still the one checked: part of the edit that led here (no
   * undo step of its own, so undo never meets a state that detects again).
   */
  amendDetected(
    checked: PipelineDocument,
    detected: Readonly<Record<string, { params: Readonly<Record<string, JsonValue>> }>>,
  ): void;
  addNote(position: Position, text: string): string;
  setNoteText(id: string, text: string): void;
  paste(payload: ClipboardPayload, at?: Position): string[];
  duplicate(ids: readonly string[]): string[];
}

/** The document with `nodeId` inserted into the wire `edgeId`, or null when it does not fit. */
function inserted(doc: PipelineDocument, nodeId: string, edgeId: string): PipelineDocument | null {
  const wire = parseEdgeId(edgeId);
  return wire === null ? null : insertIntoWire(doc, nodeId, wire);
}

export function documentActions(set: SetState, get: GetState): DocumentActions {
  /** `then`: the key the next edit coalesces with, when this one changes it (a label that renamed its node). */
  const commit = (next: PipelineDocument, coalesce?: string, then: string | undefined = coalesce): void => {
    const { doc } = get();
    if (next === doc.document) return;
    const now = Date.now();
    const merge =
      coalesce !== undefined &&
      doc.coalesce !== null &&
      doc.coalesce.key === coalesce &&
      now - doc.coalesce.at < COALESCE_MS;
    const past = merge ? doc.past : [...doc.past, doc.document].slice(-HISTORY);
    set({
      doc: { ...doc, document: next, past, future: [], coalesce: then === undefined ? null : { key: then, at: now } },
    });
  };
  const doc = (): PipelineDocument => get().doc.document;
  const select = (ids: string[]): void =>
    set((s) => ({ session: { ...s.session, selection: ids, selectedEdges: [] } }));
  /** A label change, and the id it gives a new node; what the session holds of the old id follows. */
  const relabel = (nodeId: string, labelled: PipelineDocument): void => {
    const { doc: next, id } = followLabel(labelled, get().doc.saved, nodeId);
    commit(next, `label:${nodeId}`, `label:${id}`);
    if (id === nodeId) return;
    const swap = (x: string): string => (x === nodeId ? id : x);
    set((s) => ({
      session: {
        ...s.session,
        selection: s.session.selection.map(swap),
        preview: s.session.preview.nodeId === nodeId ? { ...s.session.preview, nodeId: id } : s.session.preview,
      },
    }));
  };

  return {
    load(document, path, opts) {
      set((s) => ({
        doc: {
          document,
          path,
          saved: opts?.dirty === true ? { ...document } : document,
          past: [],
          future: [],
          coalesce: null,
          generation: s.doc.generation + 1,
          imported: path === null && opts?.imported === true,
          historyKey: newHistoryKey(),
        },
        session: { ...s.session, selection: [], selectedEdges: [], quickAdd: null, previewView: {} },
        // Another pipeline (or a new one): the log is its own from here on.
        run: { ...s.run, nodes: {}, ran: false, ...(path === null || path !== s.doc.path ? { log: [] } : {}) },
      }));
    },
    trustImported() {
      set((s) => ({ doc: { ...s.doc, imported: false } }));
    },
    commit,
    undo() {
      const d = get().doc;
      const prev = d.past[d.past.length - 1];
      if (prev === undefined) return;
      set({
        doc: { ...d, document: prev, past: d.past.slice(0, -1), future: [d.document, ...d.future], coalesce: null },
      });
    },
    redo() {
      const d = get().doc;
      const next = d.future[0];
      if (next === undefined) return;
      set({ doc: { ...d, document: next, past: [...d.past, d.document], future: d.future.slice(1), coalesce: null } });
    },
    markSaved(path, saved, replaces) {
      // Saved, its trust is the file's (the host decides it from the trust store).
      set((s) => ({
        doc: {
          ...s.doc,
          ...(replaces !== undefined && s.doc.document === replaces ? { document: saved } : {}),
          path,
          saved,
          imported: false,
        },
      }));
    },
    addNode(type, position, wire, into) {
      const added = ops.addNode(doc(), type, position);
      let next = added.doc;
      let refusal: ConnectCheck | undefined;
      if (wire !== undefined) {
        const node = ops.findNode(next, added.id);
        const link: Link | undefined =
          node === undefined
            ? undefined
            : wire.side === 'source'
              ? {
                  source: wire.nodeId,
                  sourcePort: wire.port,
                  target: added.id,
                  targetPort: ops.inputPorts(node)[0]?.name ?? 'in',
                }
              : {
                  source: added.id,
                  sourcePort: ops.outputPorts(node)[0]?.name ?? 'out',
                  target: wire.nodeId,
                  targetPort: wire.port,
                };
        if (link !== undefined) {
          // From a taken input, the new node's wire replaces the old one, as a wire dropped there does.
          const r = connectReplacing(next, link);
          if (r.check.ok) next = r.doc;
          else refusal = r.check;
        }
      }
      if (into !== undefined) next = inserted(next, added.id, into) ?? next;
      commit(next);
      select([added.id]);
      return refusal === undefined ? { id: added.id } : { id: added.id, refusal };
    },
    connect(link) {
      const check = ops.checkConnection(doc(), link);
      if (check.ok) commit(ops.connect(doc(), link));
      return check;
    },
    connectReplacing(link) {
      const r = connectReplacing(doc(), link);
      if (r.check.ok) commit(r.doc);
      return r.check;
    },
    removeEdges(edgeIds) {
      let next = doc();
      for (const id of edgeIds) {
        const e = parseEdgeId(id);
        if (e !== null) next = ops.disconnect(next, e.target, e.port, e.ref);
      }
      commit(next);
      set((s) => ({ session: { ...s.session, selectedEdges: [] } }));
    },
    removeItems(ids, edgeIds = []) {
      let next = ops.removeItems(doc(), ids);
      for (const id of edgeIds) {
        const e = parseEdgeId(id);
        if (e !== null) next = ops.disconnect(next, e.target, e.port, e.ref);
      }
      commit(next);
      select([]);
    },
    moveItems(moves, into) {
      if (Object.keys(moves).length === 0) return;
      const moved = ops.moveItems(doc(), moves);
      commit(into === undefined ? moved : (inserted(moved, into.nodeId, into.edgeId) ?? moved));
    },
    setParam(nodeId, name, value) {
      commit(ops.setParam(doc(), nodeId, name, value), `param:${nodeId}:${name}`);
    },
    setCharts(nodeId, charts) {
      commit(ops.setCharts(doc(), nodeId, charts));
    },
    redetect(nodeId, params) {
      let next = doc();
      for (const name of params) next = ops.setParam(next, nodeId, name, undefined);
      commit(next);
    },
    amendDetected(checked, detected) {
      const d = get().doc;
      if (d.document !== checked) return;
      let next = d.document;
      for (const [nodeId, found] of Object.entries(detected)) {
        const node = ops.findNode(next, nodeId);
        if (node === undefined) continue;
        for (const [name, value] of Object.entries(found.params))
          if (node.params?.[name] === undefined) next = ops.setParam(next, nodeId, name, value);
      }
      if (next !== d.document) set({ doc: { ...d, document: next, coalesce: null } });
    },
    setLabel(nodeId, label) {
      relabel(nodeId, ops.setLabel(doc(), nodeId, label));
    },
    nameAfterFile(nodeId, path) {
      const node = ops.findNode(doc(), nodeId);
      const label = labelFromPath(path);
      if (node === undefined || node.label !== undefined || label === '') return;
      relabel(nodeId, ops.setLabel(doc(), nodeId, label));
    },
    addNote(position, text) {
      const added = ops.addNote(doc(), position, text);
      commit(added.doc);
      select([added.id]);
      set((s) => ({ session: { ...s.session, noteToEdit: added.id } }));
      return added.id;
    },
    setNoteText(id, text) {
      commit(ops.setNoteText(doc(), id, text), `note:${id}`);
    },
    paste(payload, at) {
      const pasted = ops.pasteItems(doc(), payload, at);
      commit(pasted.doc);
      select(pasted.ids);
      return pasted.ids;
    },
    duplicate(ids) {
      if (ids.length === 0) return [];
      const pasted = ops.pasteItems(doc(), ops.copyItems(doc(), ids));
      commit(pasted.doc);
      select(pasted.ids);
      return pasted.ids;
    },
  };
}
