import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Column } from '../../../shared/catalog/node-type';
import { emptyDocument, type PipelineDocument, type Position } from '../../../shared/format/document';
import type { Response } from '../../../shared/ipc/contract';
import type {
  PreviewViewData,
  ProgressEventData,
  NodePlacement,
  TrustReport,
  ValidateResultData,
} from '../../../shared/ipc/results';
import type { MessageKey } from '../i18n/messages.en';
import { documentActions, type DocumentActions } from './document-slice';
import { runActions, type RunActions } from './run-slice';
import { sessionActions, type SessionActions } from './session-slice';
import { newHistoryKey } from './history-key';

/**
 * The app state in four slices:
 * - doc: what is saved (the pipeline document, its path, undo history);
 * - session: what the user is looking at (selection, drags, panels, preview);
 * - run: what the engine reports about a run (statuses, rows, elapsed, log);
 * - check: the latest design-time check (diagnostics and schemas per node).
 * React Flow nodes and edges are derived from `doc` + `session` (flow-selectors.ts).
 */

export interface DocState {
  document: PipelineDocument;
  /** The file it was opened from or saved to; null for a new pipeline. */
  path: string | null;
  /** The document as last saved or opened: dirty = `document !== saved`. */
  saved: PipelineDocument;
  past: PipelineDocument[];
  future: PipelineDocument[];
  /** Consecutive edits with the same key (typing in one field) make one undo step. */
  coalesce: { key: string; at: number } | null;
  /** Bumped on every load (New, Open, restore): the canvas fits the view. */
  generation: number;
  /**
   * An unsaved document that came from elsewhere (imported, recovered): the
   * host keeps it restricted until the user trusts it (ARCHITECTURE.md, wall 5: trust).
   */
  imported: boolean;
  /** While unsaved, its runs are kept under this key (pipeline.history); one per document loaded or made. */
  historyKey: string;
}

export type Diagnostic = ValidateResultData['diagnostics'][number];

export interface PreviewState {
  nodeId: string | null;
  requestId: string | null;
  status: 'idle' | 'loading' | 'done' | 'error';
  columns: Column[];
  rows: Array<Array<string | number | boolean | null>>;
  more: boolean;
  elapsedMs: number;
  error: string | null;
  /** The diagnostics behind `error`, shown in the user's language (the English `error` when there are none). */
  errorDiagnostics: Diagnostic[];
  /** The rows depend on a sample of these external sources (see the engine's PreviewResult.sample). */
  sample: { sources: string[]; rows: number } | null;
  /** A data-check node's checks on the rows a preview sees (the engine's PreviewResult.checks). */
  checks: { rows: number; failures: Diagnostic[] } | null;
  /** What looks wrong about the node or its read (the engine's PreviewResult.warnings). */
  warnings: Diagnostic[];
  /** Sorted or filtered: how many of the node's rows match (the engine counts them). */
  matching: number | null;
}

export interface QuickAddState {
  /** Where the popup shows, in client coordinates. */
  screen: Position;
  /** Where the node goes, in flow coordinates. */
  flow: Position;
  /** A wire dropped on the pane: connect the new node to it. */
  from?: { nodeId: string; port: string; side: 'source' | 'target' };
}

export interface Toast {
  key: MessageKey;
  vars?: Record<string, string>;
  kind: 'info' | 'error';
  at: number;
}

export type AppInfo = Response<'app.info'>;

export type BottomPanel = 'preview' | 'log' | 'history' | 'operations' | 'schedules';

export interface ColumnPathState {
  node: string;
  column: string;
  nodes: readonly string[];
  wires: readonly string[];
  loading: boolean;
}

export interface SessionState {
  selection: string[];
  selectedEdges: string[];
  /** Sizes React Flow measured, kept so that derived nodes stay measured. */
  measured: Record<string, { width: number; height: number }>;
  bottom: BottomPanel | null;
  overlay: 'help' | 'settings' | null;
  quickAdd: QuickAddState | null;
  preview: PreviewState;
  toast: Toast | null;
  appInfo: AppInfo | null;
  recent: string[];
  /** Bumped when connections or secrets may have changed: nodes that use them are checked again. */
  credentials: number;
  /** A run asked for while the pipeline is restricted: the trust dialog is open for it. */
  trustPrompt: { until?: string; force: boolean } | null;
  /** Which output of the selected node the preview shows: null for its main one, else a port (`rejected`). */
  previewPort: string | null;
  /** How the user sorted and filtered the preview (by its headers); the engine applies it to every row. */
  previewView: PreviewViewData;
  /** A note just added: it takes the keyboard focus once it is on the canvas (then null). */
  noteToEdit: string | null;
  /** The column whose path is highlighted on the canvas (null: none): the nodes that carry it and the wires (`from→to`) it flows along; `loading` until the engine answers. */
  columnPath: ColumnPathState | null;
}

export interface NodeRunInfo {
  status: ProgressEventData['status'];
  rows?: number;
  elapsedMs: number;
  message?: string;
  /** The diagnostic behind `message`, shown in the user's language. */
  diagnostic?: Diagnostic;
  /** Done without running: its output was up to date. */
  cached?: boolean;
  /** Where its result came from: the node cache, or computed in this run. */
  origin?: 'cache' | 'computed';
  /** Rows it set aside or skipped as bad (a CSV source). */
  rejected?: number;
  /** Streamed in a later node's query: its elapsed time is that node's, shown there only. */
  streamed?: boolean;
  /** While running: the share done (0–1), where the engine can tell. */
  progress?: number;
  /** While running: what it waits for (another run's lock on its target). */
  waiting?: string;
}

export interface LogEntry {
  id: number;
  at: number;
  level: 'info' | 'warning' | 'error';
  /** Text from the engine, or … */
  message?: string;
  /** … its diagnostic (shown in the user's language), or … */
  diagnostic?: Diagnostic;
  /** … one of ours, from the message catalog. */
  key?: MessageKey;
  vars?: Record<string, string>;
  nodeId?: string;
}

export interface RunState {
  runId: string | null;
  /** The user has run the open pipeline (since it was opened or made): until then some warnings wait. */
  ran: boolean;
  active: boolean;
  nodes: Record<string, NodeRunInfo>;
  /** What each node was made of when the run started (node-fingerprints.ts): its result is stale once that changes. */
  fingerprints: ReadonlyMap<string, string>;
  log: LogEntry[];
}

export interface CheckState {
  seq: number;
  /** The document the shown results belong to. */
  checked: PipelineDocument | null;
  diagnostics: Diagnostic[];
  schemas: Record<string, Column[]>;
  pending: boolean;
  /** Set when the check itself failed (engine down). */
  failure: string | null;
  /** What the pipeline would touch beyond its folder, and whether it may (the host decides). */
  trust: TrustReport | null;
  /** Where each node runs (pushdown): a node not named runs in DuckDB with nothing to say. */
  placement: Record<string, NodePlacement>;
}

export type Actions = DocumentActions & SessionActions & RunActions;

export interface AppState {
  doc: DocState;
  session: SessionState;
  run: RunState;
  check: CheckState;
  actions: Actions;
}

export type AppStore = StoreApi<AppState>;
export type SetState = AppStore['setState'];
export type GetState = AppStore['getState'];

export const emptyPreview: PreviewState = {
  nodeId: null,
  requestId: null,
  status: 'idle',
  columns: [],
  rows: [],
  more: false,
  elapsedMs: 0,
  error: null,
  errorDiagnostics: [],
  sample: null,
  checks: null,
  warnings: [],
  matching: null,
};

export function createAppStore(initial?: PipelineDocument): AppStore {
  const document = initial ?? emptyDocument();
  return createStore<AppState>()((set, get) => ({
    doc: {
      document,
      path: null,
      saved: document,
      past: [],
      future: [],
      coalesce: null,
      generation: 0,
      imported: false,
      historyKey: newHistoryKey(),
    },
    session: {
      selection: [],
      selectedEdges: [],
      measured: {},
      bottom: null,
      overlay: null,
      quickAdd: null,
      preview: emptyPreview,
      toast: null,
      appInfo: null,
      recent: [],
      credentials: 0,
      trustPrompt: null,
      previewPort: null,
      previewView: {},
      noteToEdit: null,
      columnPath: null,
    },
    run: { runId: null, ran: false, active: false, nodes: {}, fingerprints: new Map(), log: [] },
    check: {
      seq: 0,
      checked: null,
      diagnostics: [],
      schemas: {},
      pending: false,
      failure: null,
      trust: null,
      placement: {},
    },
    actions: { ...documentActions(set, get), ...sessionActions(set, get), ...runActions(set, get) },
  }));
}

export function selectDirty(s: AppState): boolean {
  return s.doc.document !== s.doc.saved;
}
