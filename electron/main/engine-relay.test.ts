import { describe, expect, it } from 'vitest';
import type { MainMessage } from '../host/utility-protocol';
import { createEngineRelay, type EngineProcess } from './engine-relay';
import { isTrustedSender } from './sender-check';

class FakeProcess implements EngineProcess {
  sent: MainMessage[] = [];
  killed = false;
  private messageListeners: Array<(m: unknown) => void> = [];
  private exitListeners: Array<(c: number) => void> = [];
  postMessage(m: MainMessage) {
    this.sent.push(m);
  }
  onMessage(l: (m: unknown) => void) {
    this.messageListeners.push(l);
  }
  onExit(l: (c: number) => void) {
    this.exitListeners.push(l);
  }
  kill() {
    this.killed = true;
    this.exit(0);
  }
  receive(m: unknown) {
    for (const l of this.messageListeners) l(m);
  }
  exit(code: number) {
    for (const l of this.exitListeners) l(code);
  }
}

function relay(
  answerSecret?: (request: unknown) => Promise<{ ok: true; value: unknown } | { ok: false; message: string }>,
) {
  const processes: FakeProcess[] = [];
  const events: Array<[string, unknown]> = [];
  const r = createEngineRelay({
    ...(answerSecret === undefined ? {} : { answerSecret }),
    start: () => {
      const p = new FakeProcess();
      processes.push(p);
      return p;
    },
    emit: (event, payload) => events.push([event, payload]),
    log: () => undefined,
  });
  return { r, processes, events };
}

describe('engine relay', () => {
  it('matches replies to calls by id and passes events on', async () => {
    const { r, processes, events } = relay();
    const a = r.call('recent.list', {});
    const b = r.call('app.info', {});
    const [p] = processes;
    const calls = p!.sent as Array<{ id: number; op: string }>;
    expect(calls.map((m) => m.op)).toEqual(['recent.list', 'app.info']);
    p!.receive({ id: calls[1]!.id, reply: { ok: true, value: 'B' } });
    p!.receive({ id: calls[0]!.id, reply: { ok: true, value: 'A' } });
    expect(await a).toEqual({ ok: true, value: 'A' });
    expect(await b).toEqual({ ok: true, value: 'B' });
    p!.receive({ event: 'pipeline.progress', payload: { runId: 'r' } });
    p!.receive({ event: 'not.an.event', payload: {} });
    p!.receive('garbage');
    expect(events).toEqual([['pipeline.progress', { runId: 'r' }]]);
  });

  it('restarts a crashed engine, fails in-flight calls with engine.restarted and says so', async () => {
    const { r, processes, events } = relay();
    const inflight = r.call('pipeline.run', { runId: 'x' });
    processes[0]!.exit(139);
    expect(await inflight).toMatchObject({ ok: false, error: { code: 'engine.restarted' } });
    expect(processes).toHaveLength(2);
    expect(events).toEqual([['engine.restarted', { reason: expect.stringContaining('139') }]]);
    const next = r.call('recent.list', {});
    const p2 = processes[1]!;
    p2.receive({ id: (p2.sent[0] as { id: number }).id, reply: { ok: true, value: 1 } });
    expect(await next).toEqual({ ok: true, value: 1 });
    // Late messages from the dead process are ignored.
    processes[0]!.receive({ event: 'pipeline.progress', payload: {} });
    expect(events).toHaveLength(1);
  });

  it('does not restart after dispose', async () => {
    const { r, processes, events } = relay();
    const inflight = r.call('pipeline.run', {});
    r.dispose();
    expect(processes[0]!.killed).toBe(true);
    expect(processes).toHaveLength(1);
    expect(events).toEqual([]);
    expect(await inflight).toMatchObject({ ok: false, error: { code: 'engine.stopped' } });
    expect(await r.call('recent.list', {})).toMatchObject({ ok: false, error: { code: 'engine.stopped' } });
  });
});

describe('engine relay: the host asking main for stored passwords', () => {
  it('answers a secret call to the process that asked, by its id', async () => {
    const asked: unknown[] = [];
    const { processes } = relay(async (request) => {
      asked.push(request);
      return { ok: true, value: { names: ['warehouse'] } };
    });
    processes[0]!.receive({ secretCall: { id: 7, request: { op: 'names' } } });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(asked).toEqual([{ op: 'names' }]);
    expect(processes[0]!.sent).toEqual([
      { secretReply: { id: 7, reply: { ok: true, value: { names: ['warehouse'] } } } },
    ]);
  });

  it('fails secret calls where main has no store, and when the store throws', async () => {
    const none = relay();
    none.processes[0]!.receive({ secretCall: { id: 1, request: { op: 'status' } } });
    const throwing = relay(async () => {
      throw new Error('keychain locked');
    });
    throwing.processes[0]!.receive({ secretCall: { id: 2, request: { op: 'status' } } });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(none.processes[0]!.sent).toEqual([
      { secretReply: { id: 1, reply: { ok: false, message: 'no secret storage in this shell' } } },
    ]);
    expect(throwing.processes[0]!.sent).toEqual([
      { secretReply: { id: 2, reply: { ok: false, message: 'keychain locked' } } },
    ]);
  });
});

describe('IPC sender check', () => {
  const ours = new Set([1]);
  it('accepts our window showing our pages', () => {
    expect(isTrustedSender({ frameUrl: 'app://duto/index.html', webContentsId: 1 }, ours, 'app://duto')).toBe(true);
  });
  it('refuses other windows, other origins, gone frames and junk URLs', () => {
    expect(isTrustedSender({ frameUrl: 'app://duto/index.html', webContentsId: 2 }, ours, 'app://duto')).toBe(false);
    expect(isTrustedSender({ frameUrl: 'https://evil.example/', webContentsId: 1 }, ours, 'app://duto')).toBe(false);
    expect(isTrustedSender({ frameUrl: 'app://duto.evil/index.html', webContentsId: 1 }, ours, 'app://duto')).toBe(
      false,
    );
    expect(isTrustedSender({ frameUrl: 'app://x@duto/', webContentsId: 1 }, ours, 'app://duto')).toBe(false);
    expect(isTrustedSender({ frameUrl: 'file:///etc/passwd', webContentsId: 1 }, ours, 'app://duto')).toBe(false);
    expect(isTrustedSender({ frameUrl: undefined, webContentsId: 1 }, ours, 'app://duto')).toBe(false);
    expect(isTrustedSender({ frameUrl: 'not a url', webContentsId: 1 }, ours, 'app://duto')).toBe(false);
  });
});
