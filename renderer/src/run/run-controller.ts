import type { DutoApi } from '../../../shared/ipc/contract';
import { pipelineRequest } from '../files/pipeline-request';
import type { AppStore } from '../store/app-store';

function newId(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

/** Runs the pipeline (or up to `until`; `force`: even up-to-date outputs), feeding progress events into the run slice. */
export async function runPipeline(api: DutoApi, store: AppStore, until?: string, force = false): Promise<void> {
  const s = store.getState();
  if (s.run.active) return;
  // A restricted pipeline runs only once the user has seen what it would touch and trusted it (TrustDialog).
  if (s.check.trust?.mode === 'restricted') {
    s.actions.askTrust({ ...(until === undefined ? {} : { until }), force });
    return;
  }
  const runId = newId('run');
  const { actions } = s;
  actions.beginRun(runId);
  actions.showBottom('log');
  actions.log(
    until === undefined
      ? { level: 'info', key: 'run.started' }
      : { level: 'info', key: 'run.startedUntil', vars: { node: until } },
  );
  const off = api.on('pipeline.progress', (p) => {
    if (p.runId !== runId) return;
    store.getState().actions.applyProgress(runId, p.event);
    // Another run writes this output's target: said in the log, as the CLI says it.
    if (p.event.waiting !== undefined)
      store.getState().actions.log({
        level: 'warning',
        key: 'run.waiting',
        vars: { message: p.event.waiting },
        nodeId: p.event.nodeId,
      });
  });
  try {
    // What the run writes for people (an HTML report) speaks the app's language, which prefs.ts sets on the page.
    const locale = typeof document !== 'undefined' && document.documentElement.lang === 'pt-BR' ? 'pt-BR' : 'en';
    const r = await api['pipeline.run']({
      ...pipelineRequest(store.getState()),
      runId,
      locale,
      ...(until === undefined ? {} : { until }),
      ...(force ? { force } : {}),
    });
    if (r.ok) {
      store.getState().actions.finishRun(runId, r.value);
      const v = r.value;
      const level = v.cancelled ? 'warning' : v.ok ? 'info' : 'error';
      const key = v.cancelled ? 'run.cancelled' : v.ok ? 'run.finished' : 'run.failed';
      store.getState().actions.log({ level, key, vars: { ms: String(Math.round(v.elapsedMs)) } });
      for (const o of v.outputs)
        store.getState().actions.log({
          level: 'info',
          key: o.cached === true ? 'run.outputCached' : 'run.output',
          vars: { path: o.path, rows: String(o.rows) },
          nodeId: o.nodeId,
        });
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
