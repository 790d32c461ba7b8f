import { describe, expect, it } from 'vitest';
import { fromTransport } from './client';

describe('renderer API client', () => {
  it('passes valid replies, and refuses replies that break the contract', async () => {
    const replies: Record<string, unknown> = {
      'recent.list': { ok: true, value: { paths: ['/a.duto.json'] } },
      'file.read': { ok: true, value: { path: '/a', text: 42 } },
      'file.write': { ok: false, error: { code: 'file.permission', message: 'nope' } },
    };
    const api = fromTransport(
      async (name) => replies[name],
      () => () => undefined,
    );
    expect(await api['recent.list']({})).toEqual({ ok: true, value: { paths: ['/a.duto.json'] } });
    expect(await api['file.read']({ path: '/a' })).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(await api['file.write']({ path: '/a', text: '' })).toEqual({
      ok: false,
      error: { code: 'file.permission', message: 'nope' },
    });
  });

  it('turns a transport failure into an error reply', async () => {
    const api = fromTransport(
      async () => {
        throw new Error('offline');
      },
      () => () => undefined,
    );
    expect(await api['app.info']({})).toMatchObject({
      ok: false,
      error: { code: 'transport', message: 'app.info: offline' },
    });
  });

  it('delivers only events that match the contract', () => {
    let emit: (payload: unknown) => void = () => undefined;
    const api = fromTransport(
      async () => undefined,
      (_event, listener) => {
        emit = listener;
        return () => undefined;
      },
    );
    const got: unknown[] = [];
    api.on('engine.restarted', (p) => got.push(p));
    emit({ reason: 'crash' });
    emit({ nope: true });
    expect(got).toEqual([{ reason: 'crash' }]);
  });

  it('delivers a file path from main only with the command that opens it, and only absolute', () => {
    let emit: (payload: unknown) => void = () => undefined;
    const api = fromTransport(
      async () => undefined,
      (_event, listener) => {
        emit = listener;
        return () => undefined;
      },
    );
    const got: unknown[] = [];
    api.on('menu.command', (p) => got.push(p));
    emit({ command: 'file.openPath', path: '/home/ana/p.duto.json' });
    emit({ command: 'file.openPath', path: 'C:\\Users\\ana\\p.duto.json' });
    emit({ command: 'file.openPath' });
    emit({ command: 'file.openPath', path: '' });
    emit({ command: 'file.openPath', path: 'relative/p.duto.json' });
    emit({ command: 'file.openPath', path: 42 });
    emit({ command: 'file.openRecent' });
    emit({ command: 'file.open.evil', path: '/x.json' });
    emit({ command: 'file.save', path: '/ignored.json' });
    expect(got).toEqual([
      { command: 'file.openPath', path: '/home/ana/p.duto.json' },
      { command: 'file.openPath', path: 'C:\\Users\\ana\\p.duto.json' },
      { command: 'file.save' },
    ]);
  });

  it('refuses pending opens that are not absolute paths', async () => {
    const reply = (paths: unknown) =>
      fromTransport(
        async () => ({ ok: true, value: { paths } }),
        () => () => undefined,
      )['app.pendingOpens']({});
    expect(await reply(['/a.duto.json'])).toEqual({ ok: true, value: { paths: ['/a.duto.json'] } });
    expect(await reply(['a.duto.json'])).toMatchObject({ ok: false, error: { code: 'internal' } });
  });
});
