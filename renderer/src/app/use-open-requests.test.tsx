// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { emptyDocument } from '../../../shared/format/document';
import { serializeDocument } from '../../../shared/format/serialize';
import type { Reply } from '../../../shared/ipc/contract';
import { ApiProvider } from '../api/api-context';
import { FilesProvider } from '../files/files-context';
import { I18nProvider } from '../i18n/i18n';
import { createAppStore, selectDirty } from '../store/app-store';
import { StoreProvider } from '../store/store-context';
import { fakeApi } from '../test/fake-api';
import { useOpenRequests } from './use-open-requests';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

/** A pipeline file on the fake host: its name is its path, so the test can tell which one is open. */
const fileText = (path: string): string => serializeDocument(emptyDocument(path));

function setup(options: { pending?: string[]; read?: (path: string) => Promise<Reply<'file.read'>> } = {}) {
  const { api, calls, emit } = fakeApi({
    'app.pendingOpens': () => ({ ok: true, value: { paths: options.pending ?? [] } }),
    'file.read': (r) => options.read?.(r.path) ?? { ok: true, value: { path: r.path, text: fileText(r.path) } },
    'recent.add': (r) => ({ ok: true, value: { paths: [r.path] } }),
    'file.write': (r) => ({ ok: true, value: { path: r.path } }),
    'trust.grant': (r) => ({ ok: true, value: { trusted: r.file } }),
  });
  const store = createAppStore(emptyDocument('Unsaved'));
  function Listen() {
    useOpenRequests();
    return null;
  }
  render(
    <ApiProvider api={api}>
      <StoreProvider store={store}>
        <I18nProvider locale="en">
          <FilesProvider>
            <Listen />
          </FilesProvider>
        </I18nProvider>
      </StoreProvider>
    </ApiProvider>,
  );
  const reads = () => calls.filter((c) => c.op === 'file.read').map((c) => (c.req as { path: string }).path);
  const open = () => ({ path: store.getState().doc.path, name: store.getState().doc.document.name });
  const writes = () =>
    calls
      .filter((c) => c.op === 'file.write')
      .map((c) => {
        const w = c.req as { path: string; text: string };
        return [w.path, w.text];
      });
  return { store, emit, reads, open, writes };
}

describe('opening a pipeline the OS asked for', () => {
  it('opens the file that waited for the window, with File › Open’s code (read, load, recent)', async () => {
    const { store, open } = setup({ pending: ['/home/ana/orders.duto.json'] });
    await vi.waitFor(() =>
      expect(open()).toEqual({ path: '/home/ana/orders.duto.json', name: '/home/ana/orders.duto.json' }),
    );
    expect(selectDirty(store.getState())).toBe(false);
    expect(store.getState().session.recent).toEqual(['/home/ana/orders.duto.json']);
  });

  it('opens the path a file.openPath command names', async () => {
    const { emit, open, reads } = setup();
    await act(async () => emit('menu.command', { command: 'file.openPath', path: '/srv/p/report.duto.json' }));
    await vi.waitFor(() => expect(open().path).toBe('/srv/p/report.duto.json'));
    expect(reads()).toEqual(['/srv/p/report.duto.json']);
  });

  it('asks Save, Don’t save or Cancel before dropping unsaved changes; Cancel leaves them', async () => {
    const { store, emit, open, reads } = setup();
    store.getState().actions.addNode('source.csv', { x: 0, y: 0 });
    await act(async () => emit('menu.command', { command: 'file.openPath', path: '/tmp/other.duto.json' }));
    await act(async () => fireEvent.click(await screen.findByTestId('unsaved-cancel')));
    await vi.waitFor(() => expect(screen.queryByTestId('unsaved-prompt')).toBeNull());
    expect(reads()).toEqual([]);
    expect(open().path).toBeNull();
    expect(selectDirty(store.getState())).toBe(true);

    await act(async () => emit('menu.command', { command: 'file.openPath', path: '/tmp/other.duto.json' }));
    await act(async () => fireEvent.click(await screen.findByTestId('unsaved-discard')));
    await vi.waitFor(() => expect(open().path).toBe('/tmp/other.duto.json'));
    expect(selectDirty(store.getState())).toBe(false);
  });

  it('Save writes the changes first, then opens the other pipeline', async () => {
    const { store, emit, open, writes } = setup();
    store.getState().actions.markSaved('/tmp/mine.duto.json', store.getState().doc.document);
    store.getState().actions.addNode('source.csv', { x: 0, y: 0 });
    await act(async () => emit('menu.command', { command: 'file.openPath', path: '/tmp/other.duto.json' }));
    await act(async () => fireEvent.click(await screen.findByTestId('unsaved-save')));
    await vi.waitFor(() => expect(open().path).toBe('/tmp/other.duto.json'));
    expect(writes()).toEqual([['/tmp/mine.duto.json', expect.stringContaining('"type": "source.csv"')]]);
  });

  it('opens requests one after another: the last one asked for stays, even when an earlier read is slower', async () => {
    const release: Array<() => void> = [];
    const { emit, open, reads } = setup({
      pending: ['/a/first.duto.json'],
      read: (path) =>
        new Promise((done) => release.push(() => done({ ok: true, value: { path, text: fileText(path) } }))),
    });
    await vi.waitFor(() => expect(reads()).toEqual(['/a/first.duto.json']));
    await act(async () => emit('menu.command', { command: 'file.openPath', path: '/a/second.duto.json' }));
    // The second waits for the first: not read yet.
    expect(reads()).toEqual(['/a/first.duto.json']);
    await act(async () => release.shift()?.());
    await vi.waitFor(() => expect(reads()).toEqual(['/a/first.duto.json', '/a/second.duto.json']));
    expect(open().path).toBe('/a/first.duto.json');
    await act(async () => release.shift()?.());
    await vi.waitFor(() => expect(open().path).toBe('/a/second.duto.json'));
  });

  it('shows why a file could not be opened, and goes on with the next', async () => {
    const { store, emit, open } = setup({
      read: async (path) =>
        path.includes('gone')
          ? { ok: false, error: { code: 'file.not-found', message: 'no such file' } }
          : { ok: true, value: { path, text: fileText(path) } },
    });
    await act(async () => emit('menu.command', { command: 'file.openPath', path: '/x/gone.duto.json' }));
    await vi.waitFor(() => expect(store.getState().session.toast?.key).toBe('files.readFailed'));
    expect(open().path).toBeNull();
    await act(async () => emit('menu.command', { command: 'file.openPath', path: '/x/here.duto.json' }));
    await vi.waitFor(() => expect(open().path).toBe('/x/here.duto.json'));
  });

  it('ignores the other menu commands', async () => {
    const { emit, reads } = setup();
    await act(async () => emit('menu.command', { command: 'file.openRecent', path: '/r/recent.duto.json' }));
    await act(async () => emit('menu.command', { command: 'file.save' }));
    expect(reads()).toEqual([]);
  });
});
