// @vitest-environment jsdom
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PipelineDocument } from '../../../shared/format/document';
import type { ModelCardData } from '../../../shared/ipc/results';
import { ApiProvider } from '../api/api-context';
import { FilesProvider } from '../files/files-context';
import { I18nProvider, type Locale } from '../i18n/i18n';
import { createAppStore, type AppStore } from '../store/app-store';
import { StoreProvider } from '../store/store-context';
import { fakeApi } from '../test/fake-api';
import { Inspector } from './Inspector';

/* The model card in the inspector of an ml.train node (the engine's answer is electron/engine/ml/model-card.test.ts's). */

afterEach(cleanup);
// ECharts follows its box's size; jsdom has no ResizeObserver (restored after: test files share a worker).
const had = 'ResizeObserver' in globalThis;
beforeAll(() => {
  if (!had) {
    globalThis.ResizeObserver = class {
      observe(): void {}
      unobserve(): void {}
      disconnect(): void {}
    };
  }
});
afterAll(() => {
  if (!had) Reflect.deleteProperty(globalThis, 'ResizeObserver');
});

const doc: PipelineDocument = {
  format: 'duto.pipeline',
  version: 2,
  nodes: [{ id: 'fit', type: 'ml.train', params: { path: 'model.json', task: 'classification' } }],
};

const ready: ModelCardData = {
  state: 'ready',
  path: '/p/model.json',
  task: 'classification',
  algorithm: 'logistic',
  target: 'species',
  training: { inputRows: 150, trainRows: 1200, testRows: 30, sampled: false },
  metrics: [
    { metric: 'accuracy', value: 0.9666666 },
    { metric: 'log_loss', value: 0.1234 },
  ],
  confusion: {
    classes: ['setosa', 'virginica'],
    counts: [
      [10, 0],
      [1, 19],
    ],
  },
  importance: [
    { feature: 'petal_length', importance: 0.7 },
    { feature: 'sepal_width', importance: 0.3 },
  ],
  signature: [{ column: 'petal_length', kind: 'numeric', type: 'DOUBLE' }],
  roc: { fpr: [0, 0.1, 1], tpr: [0, 0.9, 1] },
};

function renderInspector(locale: Locale, answers: ModelCardData[]): { store: AppStore; asked: string[] } {
  const asked: string[] = [];
  const { api } = fakeApi({
    'pipeline.modelCard': (req) => {
      asked.push(req.nodeId);
      return { ok: true, value: answers[Math.min(asked.length - 1, answers.length - 1)] ?? { state: 'none' } };
    },
  });
  const store = createAppStore(doc);
  store.getState().actions.select(['fit']);
  render(
    <ApiProvider api={api}>
      <StoreProvider store={store}>
        <I18nProvider locale={locale}>
          <FilesProvider>
            <Inspector />
          </FilesProvider>
        </I18nProvider>
      </StoreProvider>
    </ApiProvider>,
  );
  return { store, asked };
}

describe('model card in the inspector', () => {
  it('says the model is not trained yet, then shows it once a run ends', async () => {
    const { store, asked } = renderInspector('en', [{ state: 'untrained', path: '/p/model.json' }, ready]);
    await waitFor(() => expect(screen.getByTestId('model-card-empty').textContent).toMatch(/^Not trained yet: run/));
    act(() => store.getState().actions.beginRun('r1'));
    act(() => store.getState().actions.finishRun('r1', null, 'stopped'));
    await waitFor(() => screen.getByTestId('model-confusion'));
    expect(asked).toEqual(['fit', 'fit']);
    expect(screen.getByTestId('model-metric-accuracy').textContent).toBe('Accuracy0.9667');
    expect(screen.getByTestId('model-card-rows').textContent).toBe('Trained on 1,200 rows, tested on 30.');
    expect(screen.getByTestId('model-card-summary').textContent).toBe(
      'Classification · Logistic regression · predicts species',
    );
    const cells = [...screen.getByTestId('model-confusion').querySelectorAll('tbody td')].map((c) => c.textContent);
    expect(cells).toEqual(['10', '0', '1', '19']);
    expect(screen.getByTestId('model-confusion').querySelectorAll('.model-confusion-miss')).toHaveLength(1);
    // Feature importance and the ROC curve are drawn.
    expect(screen.getAllByRole('img').map((c) => c.getAttribute('aria-label'))).toEqual([
      'Feature importance',
      'ROC curve (test rows)',
    ]);
  });

  it('speaks Brazilian Portuguese, numbers in its locale', async () => {
    renderInspector('pt-BR', [ready]);
    await waitFor(() => screen.getByTestId('model-confusion'));
    expect(screen.getByTestId('model-metric-accuracy').textContent).toBe('Acurácia0,9667');
    expect(screen.getByTestId('model-card-rows').textContent).toBe('Treinado com 1.200 linhas, testado com 30.');
    expect(screen.getByTestId('model-card-summary').textContent).toBe(
      'Classificação · Regressão logística · prevê species',
    );
    cleanup();
    renderInspector('pt-BR', [{ state: 'untrained', path: '/p/model.json' }]);
    await waitFor(() => expect(screen.getByTestId('model-card-empty').textContent).toMatch(/^Ainda não treinado/));
  });
});
