// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { serializeDocument } from '../../../shared/format/serialize';
import { emptyDocument } from '../../../shared/format/document';
import { ApiProvider } from '../api/api-context';
import { FilesProvider } from '../files/files-context';
import { I18nProvider } from '../i18n/i18n';
import { createAppStore } from '../store/app-store';
import { StoreProvider } from '../store/store-context';
import { fakeApi } from '../test/fake-api';
import { FileMenu } from './FileMenu';

afterEach(cleanup);

function setup() {
  const text = serializeDocument(emptyDocument('Recent one'));
  const { api, calls } = fakeApi({
    'file.read': (r) => ({ ok: true, value: { path: r.path, text } }),
    'recent.add': (r) => ({ ok: true, value: { paths: [r.path] } }),
  });
  const store = createAppStore();
  store.getState().actions.setRecent(['/work/reports/recent-one.duto.json']);
  render(
    <ApiProvider api={api}>
      <StoreProvider store={store}>
        <I18nProvider locale="en">
          <FilesProvider>
            <FileMenu />
          </FilesProvider>
        </I18nProvider>
      </StoreProvider>
    </ApiProvider>,
  );
  return { store, calls };
}

describe('File menu', () => {
  it('opens on click, lists recent pipelines by name, and closes on Escape', () => {
    setup();
    expect(screen.queryByRole('menu')).toBeNull();
    fireEvent.click(screen.getByTestId('file-menu'));
    expect(screen.getByRole('menu')).toBeTruthy();
    const recent = screen.getByTestId('file-recent-item');
    expect(recent.textContent).toBe('recent-one.duto.json');
    expect(recent.getAttribute('title')).toBe('/work/reports/recent-one.duto.json');
    fireEvent.keyDown(window, { key: 'Escape' });
    expect(screen.queryByRole('menu')).toBeNull();
  });

  it('opens a recent pipeline and closes itself', async () => {
    const { store, calls } = setup();
    fireEvent.click(screen.getByTestId('file-menu'));
    await act(async () => {
      fireEvent.click(screen.getByTestId('file-recent-item'));
    });
    expect(calls.filter((c) => c.op === 'file.read')).toEqual([
      { op: 'file.read', req: { path: '/work/reports/recent-one.duto.json' } },
    ]);
    expect(store.getState().doc.document.name).toBe('Recent one');
    expect(store.getState().doc.path).toBe('/work/reports/recent-one.duto.json');
    expect(screen.queryByRole('menu')).toBeNull();
  });
});
