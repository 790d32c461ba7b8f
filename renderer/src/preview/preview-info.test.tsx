// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { emptyDocument } from '../../../shared/format/document';
import { I18nProvider } from '../i18n/i18n';
import { createAppStore, emptyPreview, type PreviewState } from '../store/app-store';
import { StoreProvider } from '../store/store-context';
import { PreviewInfo } from './PreviewPanel';

afterEach(cleanup);

/** The preview says how many of the node's rows it shows: the total from the last run, while that result is the node's (issue #11). */

function setup() {
  const store = createAppStore(emptyDocument('test'));
  const a = () => store.getState().actions;
  const src = a().addNode('source.csv', { x: 0, y: 0 }).id;
  a().setParam(src, 'path', 'orders.csv');
  a().beginRun('r1');
  a().finishRun('r1', {
    ok: true,
    cancelled: false,
    elapsedMs: 10,
    nodes: { [src]: { status: 'done', rows: 12345, elapsedMs: 5 } },
    outputs: [],
    diagnostics: [],
  });
  const preview: PreviewState = {
    ...emptyPreview,
    nodeId: src,
    status: 'done',
    columns: [{ name: 'id', type: 'INTEGER' }],
    rows: Array.from({ length: 100 }, (_, i) => [i]),
    more: true,
    elapsedMs: 3,
  };
  const show = (p: PreviewState) =>
    render(
      <StoreProvider store={store}>
        <I18nProvider locale="pt-BR">
          <PreviewInfo preview={p} />
        </I18nProvider>
      </StoreProvider>,
    );
  return { a, src, preview, show };
}

describe('the preview total', () => {
  it("shows the last run's total in the user's locale", () => {
    const { preview, show } = setup();
    show(preview);
    expect(screen.getByTestId('preview-info').textContent).toMatch(/^100 de 12\.345 linhas · 1 colunas/);
  });

  it('says only what it shows once the run result is stale', () => {
    const { a, src, preview, show } = setup();
    a().setParam(src, 'path', 'other.csv');
    show(preview);
    expect(screen.getByTestId('preview-info').textContent).toMatch(/^100 linhas · 1 colunas/);
  });

  it('with no more rows, what it shows is the total', () => {
    const { preview, show } = setup();
    show({ ...preview, more: false, rows: preview.rows.slice(0, 7) });
    expect(screen.getByTestId('preview-info').textContent).toMatch(/^7 linhas/);
  });
});
