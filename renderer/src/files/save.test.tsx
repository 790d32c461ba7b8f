// @vitest-environment jsdom
import { act, cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { emptyDocument } from '../../../shared/format/document';
import { serializeDocument } from '../../../shared/format/serialize';
import { ApiProvider } from '../api/api-context';
import { I18nProvider } from '../i18n/i18n';
import { createAppStore, selectDirty } from '../store/app-store';
import { StoreProvider } from '../store/store-context';
import { fakeApi } from '../test/fake-api';
import { FilesProvider, useFiles, type FileActions } from './files-context';

afterEach(cleanup);

function setup() {
  const written: Array<{ path: string; text: string }> = [];
  const { api, calls } = fakeApi({
    'file.write': (r) => {
      written.push(r);
      return { ok: true, value: { path: r.path } };
    },
    'recent.add': (r) => ({ ok: true, value: { paths: [r.path] } }),
    'file.saveDialog': () => ({ ok: true, value: { path: '/work/new.duto.json' } }),
  });
  const store = createAppStore(emptyDocument('Orders'));
  let files: FileActions | undefined;
  function Grab() {
    files = useFiles();
    return null;
  }
  render(
    <ApiProvider api={api}>
      <StoreProvider store={store}>
        <I18nProvider locale="en">
          <FilesProvider>
            <Grab />
          </FilesProvider>
        </I18nProvider>
      </StoreProvider>
    </ApiProvider>,
  );
  return { store, written, calls, files: () => files! };
}

describe('Save', () => {
  it('writes exactly serializeDocument(document), then is clean and recent', async () => {
    const { store, written, files } = setup();
    const a = store.getState().actions;
    const src = a.addNode('source.csv', { x: 0, y: 0 }).id;
    a.setParam(src, 'path', 'data/orders.csv');
    const f = a.addNode('transform.filter', { x: 240, y: 0 }).id;
    a.connect({ source: src, sourcePort: 'out', target: f, targetPort: 'in' });
    a.setParam(f, 'condition', "status = 'paid'\nAND amount > 0");
    expect(selectDirty(store.getState())).toBe(true);
    await act(() => files().saveAs());
    expect(written).toHaveLength(1);
    expect(written[0]?.path).toBe('/work/new.duto.json');
    expect(written[0]?.text).toBe(serializeDocument(store.getState().doc.document));
    expect(written[0]?.text).toContain('"condition": [\n');
    expect(store.getState().doc.path).toBe('/work/new.duto.json');
    expect(store.getState().session.recent).toEqual(['/work/new.duto.json']);
    expect(selectDirty(store.getState())).toBe(false);
    // A later Save goes to the same path without asking.
    a.moveItems({ [src]: { x: 10, y: 10 } });
    await act(() => files().save());
    expect(written[1]?.path).toBe('/work/new.duto.json');
    expect(written[1]?.text).toBe(serializeDocument(store.getState().doc.document));
  });

  it('refuses to export a document holding a secret, naming the place', async () => {
    const { store, written, files } = setup();
    const a = store.getState().actions;
    const src = a.addNode('source.csv', { x: 0, y: 0 }).id;
    a.setParam(src, 'path', 'https://user:hunter22@example.com/data.csv');
    await act(() => files().exportDocument());
    expect(written).toHaveLength(0);
    expect(store.getState().session.toast?.key).toBe('files.exportSecret');
    expect(store.getState().session.toast?.vars?.['path']).toBe('nodes[0].params.path');
  });
});
