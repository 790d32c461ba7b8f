// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { emptyDocument } from '../../../shared/format/document';
import type { ValidateResultData } from '../../../shared/ipc/results';
import { createAppStore } from '../store/app-store';
import { fakeApi } from '../test/fake-api';
import { startLiveCheck } from './live-check';

afterEach(() => {
  vi.useRealTimers();
});

describe('live check', () => {
  it('debounces edits and drops a stale response', async () => {
    vi.useFakeTimers();
    const pending: Array<(v: ValidateResultData) => void> = [];
    const { api, calls } = fakeApi({
      'pipeline.check': () =>
        new Promise((resolve) => {
          pending.push((value) => resolve({ ok: true, value }));
        }),
    });
    const store = createAppStore(emptyDocument());
    const stop = startLiveCheck(store, api, 250);
    const a = store.getState().actions;
    a.addNode('source.csv', { x: 0, y: 0 });
    a.addNode('source.csv', { x: 0, y: 0 });
    await vi.advanceTimersByTimeAsync(300);
    expect(calls.filter((c) => c.op === 'pipeline.check')).toHaveLength(1);
    a.addNode('transform.filter', { x: 0, y: 0 });
    await vi.advanceTimersByTimeAsync(300);
    expect(calls.filter((c) => c.op === 'pipeline.check')).toHaveLength(2);
    // The newer answer arrives first; the older one must not overwrite it.
    pending[1]?.({ ok: true, diagnostics: [], schemas: { csv_file: [{ name: 'new', type: 'INTEGER' }] } });
    await vi.advanceTimersByTimeAsync(0);
    pending[0]?.({ ok: true, diagnostics: [], schemas: { csv_file: [{ name: 'old', type: 'INTEGER' }] } });
    await vi.advanceTimersByTimeAsync(0);
    expect(store.getState().check.schemas['csv_file']?.[0]?.name).toBe('new');
    expect(store.getState().check.checked).toBe(store.getState().doc.document);
    // The first check was still running when the second started: it was cancelled by its id.
    const checks = calls.filter((c) => c.op === 'pipeline.check').map((c) => c.req) as Array<{ requestId: string }>;
    expect(calls.filter((c) => c.op === 'pipeline.cancel').map((c) => c.req)).toEqual([
      { requestId: checks[0]?.requestId },
    ]);
    stop();
  });

  it('checks again when connections or secrets may have changed, though the document did not', async () => {
    vi.useFakeTimers();
    const { api, calls } = fakeApi({
      'pipeline.check': async () => ({ ok: true, value: { ok: true, diagnostics: [], schemas: {} } }),
    });
    const store = createAppStore(emptyDocument());
    const stop = startLiveCheck(store, api, 250);
    await vi.advanceTimersByTimeAsync(300);
    expect(calls.filter((c) => c.op === 'pipeline.check')).toHaveLength(1);
    store.getState().actions.credentialsChanged();
    await vi.advanceTimersByTimeAsync(300);
    expect(calls.filter((c) => c.op === 'pipeline.check')).toHaveLength(2);
    stop();
  });
});
