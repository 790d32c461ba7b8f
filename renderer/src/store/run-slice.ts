import type { PipelineDocument } from '../../../shared/format/document';
import type { ProgressEventData, RunResultData, ValidateResultData } from '../../../shared/ipc/results';
import type { GetState, LogEntry, NodeRunInfo, SetState } from './app-store';
import { nodeFingerprints } from './node-fingerprints';

export interface RunActions {
  beginRun(runId: string): void;
  applyProgress(runId: string, e: ProgressEventData): void;
  finishRun(runId: string, result: RunResultData | null, error?: string): void;
  log(entry: Omit<LogEntry, 'id' | 'at'>): void;
  clearLog(): void;
  /** Starts a design-time check; returns its sequence number. */
  beginCheck(): number;
  /** Applies a check result unless a newer check started since. */
  applyCheck(seq: number, checked: PipelineDocument, result: ValidateResultData): boolean;
  checkFailed(seq: number, message: string): void;
  /** The user just trusted the pipeline: it may run before the check that says so comes back. */
  markTrusted(): void;
}

const LOG_LIMIT = 1000;

export function runActions(set: SetState, get: GetState): RunActions {
  let nextLogId = 1;
  const log = (entry: Omit<LogEntry, 'id' | 'at'>): void => {
    const e: LogEntry = { ...entry, id: nextLogId++, at: Date.now() };
    set((s) => ({ run: { ...s.run, log: [...s.run.log, e].slice(-LOG_LIMIT) } }));
  };
  return {
    beginRun(runId) {
      set((s) => ({
        run: { ...s.run, runId, ran: true, active: true, nodes: {}, fingerprints: nodeFingerprints(s.doc.document) },
      }));
    },
    applyProgress(runId, e) {
      const r = get().run;
      if (r.runId !== runId) return;
      const info: NodeRunInfo = { status: e.status, elapsedMs: e.elapsedMs };
      if (e.rows !== undefined) info.rows = e.rows;
      if (e.diagnostic !== undefined) {
        info.message = e.diagnostic.message;
        info.diagnostic = e.diagnostic;
      }
      if (e.cached === true) info.cached = true;
      if (e.origin !== undefined) info.origin = e.origin;
      if (e.streamed === true) info.streamed = true;
      if (e.progress !== undefined && e.status === 'running') info.progress = Math.max(0, Math.min(1, e.progress));
      if (e.waiting !== undefined && e.status === 'running') info.waiting = e.waiting;
      set((s) => ({ run: { ...s.run, nodes: { ...s.run.nodes, [e.nodeId]: info } } }));
      if (e.diagnostic !== undefined)
        log({
          level: e.diagnostic.severity,
          message: e.diagnostic.message,
          diagnostic: e.diagnostic,
          nodeId: e.diagnostic.nodeId ?? e.nodeId,
        });
    },
    finishRun(runId, result, error) {
      const r = get().run;
      if (r.runId !== runId) return;
      if (result !== null) {
        const nodes: Record<string, NodeRunInfo> = { ...r.nodes };
        for (const [id, n] of Object.entries(result.nodes)) {
          const prev = nodes[id];
          nodes[id] = {
            ...prev,
            status: n.status,
            elapsedMs: n.elapsedMs,
            ...(n.rows === undefined ? {} : { rows: n.rows }),
            ...(n.streamed === true ? { streamed: true } : {}),
            ...(n.origin === undefined ? {} : { origin: n.origin }),
          };
        }
        // Rows a source set aside or skipped: on its badge, beside the rows it gave.
        for (const rej of result.rejected ?? []) {
          const prev = nodes[rej.nodeId];
          if (prev !== undefined) nodes[rej.nodeId] = { ...prev, rejected: rej.rows };
        }
        set((s) => ({ run: { ...s.run, active: false, nodes } }));
        const logged = new Set(get().run.log.map((l) => `${l.nodeId ?? ''}:${l.message}`));
        for (const d of result.diagnostics) {
          if (!logged.has(`${d.nodeId ?? ''}:${d.message}`))
            log({
              level: d.severity,
              message: d.message,
              diagnostic: d,
              ...(d.nodeId === undefined ? {} : { nodeId: d.nodeId }),
            });
        }
      } else {
        set((s) => ({ run: { ...s.run, active: false } }));
      }
      if (error !== undefined) log({ level: 'error', message: error });
    },
    log,
    clearLog() {
      set((s) => ({ run: { ...s.run, log: [] } }));
    },
    beginCheck() {
      const seq = get().check.seq + 1;
      set((s) => ({ check: { ...s.check, seq, pending: true } }));
      return seq;
    },
    applyCheck(seq, checked, result) {
      if (seq !== get().check.seq) return false;
      set({
        check: {
          seq,
          checked,
          diagnostics: result.diagnostics,
          schemas: result.schemas,
          pending: false,
          failure: null,
          trust: result.trust ?? null,
          placement: result.placement ?? {},
        },
      });
      return true;
    },
    markTrusted() {
      set((s) => ({
        check: { ...s.check, trust: s.check.trust === null ? null : { ...s.check.trust, mode: 'trusted' } },
      }));
    },
    checkFailed(seq, message) {
      if (seq !== get().check.seq) return;
      set((s) => ({ check: { ...s.check, pending: false, failure: message } }));
    },
  };
}
