import { describe, expect, it } from 'vitest';
import type { ModelCardData } from '../../../shared/ipc/results';
import { curveOption, importanceOption } from './model-card-charts';

/* The model card's chart options: what is drawn, in which theme's colours. */

const card: Extract<ModelCardData, { state: 'ready' }> = {
  state: 'ready',
  path: '/p/model.json',
  task: 'regression',
  algorithm: 'linear',
  target: 'price',
  training: { inputRows: 10, trainRows: 8, testRows: 2, sampled: false },
  metrics: [{ metric: 'rmse', value: 1 }],
  importance: [
    { feature: 'area', importance: 0.2 },
    { feature: 'rooms', importance: 0.8 },
  ],
  signature: [],
  fit: { actual: [1, 5], predicted: [2, 4] },
};
const labels = { importance: 'Importance', fpr: 'FPR', tpr: 'TPR', actual: 'Actual', predicted: 'Predicted' };
const ctx = (theme: 'light' | 'dark') => ({ theme, locale: 'en', labels });

describe('model card charts', () => {
  it('importance bars, largest on top, in the theme’s colours', () => {
    const light = importanceOption(card, ctx('light'));
    expect(light.yAxis).toMatchObject({ data: ['area', 'rooms'] });
    expect(light.series).toMatchObject([{ type: 'bar', data: [0.2, 0.8] }]);
    const dark = importanceOption(card, ctx('dark'));
    expect(JSON.stringify(dark.series)).not.toBe(JSON.stringify(light.series));
  });

  it('predicted against actual with the y = x line; the ROC curve with the chance diagonal; nothing without curves', () => {
    expect(curveOption(card, ctx('light'))?.series).toMatchObject([
      {
        type: 'line',
        data: [
          [1, 1],
          [5, 5],
        ],
      },
      {
        type: 'scatter',
        data: [
          [1, 2],
          [5, 4],
        ],
      },
    ]);
    const noFit = { ...card };
    delete noFit.fit;
    const roc = curveOption({ ...noFit, roc: { fpr: [0, 0.5, 1], tpr: [0, 0.9, 1] } }, ctx('dark'));
    expect(roc?.series).toMatchObject([
      {
        type: 'line',
        data: [
          [0, 0],
          [1, 1],
        ],
      },
      {
        type: 'line',
        data: [
          [0, 0],
          [0.5, 0.9],
          [1, 1],
        ],
      },
    ]);
    expect(curveOption(noFit, ctx('light'))).toBeUndefined();
  });
});
