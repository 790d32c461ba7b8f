import type { App } from 'electron';
import { EventEmitter } from 'node:events';
import { mkdirSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { listenForOsOpens } from './os-opens';

const EXE = '/opt/Duto/duto';

/** Electron's app, as far as opening files goes: an emitter of `open-file` and `second-instance`. */
function setup(argv: readonly string[] = [EXE]) {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'duto-os-opens-')));
  const app = new EventEmitter();
  const sent: string[] = [];
  const logged: string[] = [];
  const showWindow = vi.fn();
  const requests = listenForOsOpens({
    app: app as unknown as Pick<App, 'on'>,
    argv,
    cwd: dir,
    skip: 1,
    showWindow,
    send: (p) => sent.push(p),
    log: (m) => logged.push(m),
  });
  const file = (name: string): string => {
    const p = join(dir, name);
    writeFileSync(p, '{}');
    return p;
  };
  return { dir, app, sent, logged, showWindow, requests, file };
}

describe('opening pipelines from the OS', () => {
  it('keeps the pipeline this launch was for until the renderer takes it', async () => {
    const dir = realpathSync(mkdtempSync(join(tmpdir(), 'duto-os-launch-')));
    const pipeline = join(dir, 'orders.duto.json');
    writeFileSync(pipeline, '{}');
    const { requests, sent, showWindow } = setup([EXE, '--enable-logging', pipeline]);
    await vi.waitFor(() => expect(showWindow).toHaveBeenCalled());
    expect(sent).toEqual([]);
    expect(requests.take()).toEqual([pipeline]);
  });

  it('handles macOS open-file before anything listens, and the newest wins', async () => {
    const { app, file, requests, showWindow } = setup();
    const a = file('a.duto.json');
    const b = file('b.duto.json');
    const event = { preventDefault: vi.fn() };
    app.emit('open-file', event, a);
    await vi.waitFor(() => expect(showWindow).toHaveBeenCalledTimes(1));
    app.emit('open-file', event, b);
    await vi.waitFor(() => expect(showWindow).toHaveBeenCalledTimes(2));
    // Handled here: macOS must not look for another app to open them with.
    expect(event.preventDefault).toHaveBeenCalledTimes(2);
    expect(requests.take()).toEqual([b]);
  });

  it('sends a second launch’s pipeline to the listening renderer, resolved against that launch’s folder', async () => {
    const { app, dir, sent, requests, showWindow } = setup();
    expect(requests.take()).toEqual([]);
    const other = join(dir, 'elsewhere');
    mkdirSync(other);
    writeFileSync(join(other, 'p.duto.json'), '{}');
    app.emit('second-instance', {}, [EXE, '--original-process-start-time=1', 'p.duto.json'], other, {});
    await vi.waitFor(() => expect(sent).toEqual([join(other, 'p.duto.json')]));
    // The window comes forward for any second launch, with or without a file.
    app.emit('second-instance', {}, [EXE], other, {});
    expect(showWindow.mock.calls.length).toBeGreaterThanOrEqual(3);
  });

  it('opens nothing for hostile arguments, and says why for the paths it looked at', async () => {
    const { app, dir, file, sent, logged, requests } = setup();
    requests.take();
    mkdirSync(join(dir, 'folder.duto.json'));
    symlinkSync(file('id_rsa'), join(dir, 'key.duto.json'));
    const argv = [
      EXE,
      '--inspect=9229',
      `--foo=${file('flag.duto.json')}`,
      'folder.duto.json',
      'missing.duto.json',
      'key.duto.json',
      'file://evil.example/x.duto.json',
    ];
    app.emit('second-instance', {}, argv, dir, {});
    await vi.waitFor(() => expect(logged).toHaveLength(3));
    expect(logged.join('\n')).toMatch(/folder\.duto\.json: not a regular file/);
    expect(logged.join('\n')).toMatch(/missing\.duto\.json: not found/);
    expect(logged.join('\n')).toMatch(/key\.duto\.json: it leads to .*id_rsa, not a \.json file/);
    app.emit('open-file', { preventDefault: () => undefined }, join(dir, 'folder.duto.json'));
    await vi.waitFor(() => expect(logged).toHaveLength(4));
    expect(sent).toEqual([]);
  });

  it('of several files in one launch, opens the last good one', async () => {
    const { app, dir, file, sent, requests } = setup();
    requests.take();
    const first = file('first.duto.json');
    const last = file('last.duto.json');
    app.emit('second-instance', {}, [EXE, first, last, 'missing.duto.json'], dir, {});
    await vi.waitFor(() => expect(sent).toEqual([last]));
  });
});
