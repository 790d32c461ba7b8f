import type { DutoApi } from '../../../shared/ipc/contract';
import { baseDirOf } from '../files/paths';
import type { AppStore } from '../store/app-store';

function newId(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

/** Runs the pipeline (or up to `until`; `force`: even up-to-date outputs), feeding progress events into the run slice. */
export async function runPipeline(api: DutoApi, store: AppStore, until?: string, force = false): Promise<void> {
  const s = store.getState();
  if (s.run.active) return;
  const runId = newId('run');
  const { actions } = s;
  actions.beginRun(runId);
  actions.showBottom('log');
  actions.log(until === undefined ? { level: 'info', key: 'run.started' } : { level: 'info', key: 'run.startedUntil', vars: { node: until } });
  const off = api.on('pipeline.progress', (p) => {
    if (p.runId === runId) store.getState().actions.applyProgress(runId, p.event);
  });
  try {
    const baseDir = baseDirOf(s.doc.path, s.session.appInfo?.workDir);
    const file = s.doc.path === null ? {} : { file: s.doc.path };
    const r = await api['pipeline.run']({ document: s.doc.document, baseDir, params: {}, runId, ...file, ...(until === undefined ? {} : { until }), ...(force ? { force } : {}) });
    if (r.ok) {
      store.getState().actions.finishRun(runId, r.value);
      const v = r.value;
      const level = v.cancelled ? 'warning' : v.ok ? 'info' : 'error';
      const key = v.cancelled ? 'run.cancelled' : v.ok ? 'run.finished' : 'run.failed';
      store.getState().actions.log({ level, key, vars: { ms: String(Math.round(v.elapsedMs)) } });
      for (const o of v.outputs) store.getState().actions.log({ level: 'info', key: o.cached === true ? 'run.outputCached' : 'run.output', vars: { path: o.path, rows: String(o.rows) }, nodeId: o.nodeId });
    } else {
      store.getState().actions.finishRun(runId, null, r.error.message);
    }
  } catch (e) {
    store.getState().actions.finishRun(runId, null, e instanceof Error ? e.message : String(e));
  } finally {
    off();
  }
}

export async function cancelRun(api: DutoApi, store: AppStore): Promise<void> {
  const runId = store.getState().run.runId;
  if (runId === null || !store.getState().run.active) return;
  await api['pipeline.cancel']({ requestId: runId });
}

export { newId };
