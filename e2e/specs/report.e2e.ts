import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppPage } from '../pages/app-page';
import { screenshotFailures } from '../support/failures';
import { closeTarget, launchWithPipeline } from '../support/opened-pipeline';
import { targets, type Target } from '../support/target';
import { CLI, ROOT } from '../support/paths';
import { freshDir, launchChromium } from '../support/target';

/**
 * The report `duto report` writes (issue #13) opened in Chromium from the
 * file: every chart is drawn (an SVG with marks, visible in light and in
 * dark mode), and the page asks the network for nothing — the only request
 * is the file itself.
 */

interface Doc {
  nodes: Array<{ id: string; type: string; params: Record<string, unknown>; charts?: unknown[] }>;
}

let browser: Browser;
let page: string;

beforeAll(async () => {
  const dir = freshDir('duto-e2e-report-');
  cpSync(join(ROOT, 'examples', 'orders-report'), dir, { recursive: true });
  const file = join(dir, 'orders-report.duto.json');
  const doc = JSON.parse(readFileSync(file, 'utf8')) as Doc;
  for (const n of doc.nodes) {
    if (n.id === 'with_customer')
      n.charts = [
        { title: 'Revenue by country', type: 'bar', x: 'country', y: 'revenue', aggregate: 'sum' },
        { type: 'histogram', x: 'revenue' },
        { type: 'scatter', x: 'unit_price', y: 'revenue' },
      ];
    if (n.id === 'sorted')
      n.charts = [
        { type: 'line', x: 'month', y: 'revenue', color: 'segment', aggregate: 'sum' },
        { type: 'heatmap', x: 'country', y: 'segment', value: 'revenue', aggregate: 'sum' },
        { type: 'boxplot', x: 'segment', y: 'revenue' },
      ];
  }
  doc.nodes.push({
    id: 'page',
    type: 'sink.report',
    params: {
      path: 'out/page.html',
      title: 'Orders',
      charts: ['with_customer', 'sorted'],
      tables: ['sorted'],
      tableRows: 5,
      profiles: ['sorted'],
    },
  });
  writeFileSync(file, JSON.stringify(doc));
  page = join(dir, 'report.html');
  const r = spawnSync(process.execPath, [CLI, 'report', '--trust', file, '-o', page], {
    cwd: dir,
    encoding: 'utf8',
    timeout: 60_000,
  });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

describe('the HTML report in a browser', () => {
  it.each(['light', 'dark'] as const)('draws every chart in %s mode and fetches nothing', async (colorScheme) => {
    const context = await browser.newContext({ colorScheme, viewport: { width: 1200, height: 900 } });
    try {
      const tab = await context.newPage();
      const requests: string[] = [];
      tab.on('request', (r) => requests.push(r.url()));
      const url = pathToFileURL(page).href;
      await tab.goto(url, { waitUntil: 'load' });
      expect(await tab.title()).toBe('Orders');
      const charts = tab.locator('figure.chart');
      expect(await charts.count()).toBe(6);
      for (let i = 0; i < 6; i++) {
        // The copy for this colour scheme is shown, the other one hidden.
        const shown = charts.nth(i).locator(`.chart-${colorScheme} svg`);
        const hidden = charts.nth(i).locator(`.chart-${colorScheme === 'light' ? 'dark' : 'light'} svg`);
        expect(await shown.isVisible()).toBe(true);
        expect(await hidden.isVisible()).toBe(false);
        const box = await shown.boundingBox();
        expect(box?.width ?? 0).toBeGreaterThan(300);
        // Marks: the series' shapes ECharts drew, with an area on the page.
        const marks = shown.locator('[ecmeta_ssr_type="chart"]');
        expect(await marks.count()).toBeGreaterThan(0);
        const sized = await marks.evaluateAll(
          (els) =>
            els.filter((e) => e instanceof SVGGraphicsElement && e.getBBox().width + e.getBBox().height > 0).length,
        );
        expect(sized).toBeGreaterThan(0);
      }
      expect(await tab.locator('section.table tbody tr').count()).toBe(5);
      expect(await tab.locator('script').count()).toBe(0);
      expect(requests).toEqual([url]);
    } finally {
      await context.close();
    }
  });
});

// 60 rows of two regions: a report node's preview in the app is its page, in a sandboxed frame.
const SALES = `id,region,amount\n${Array.from({ length: 60 }, (_, i) => `${i + 1},${i % 2 === 0 ? 'north' : 'south'},${(i * 7) % 50}`).join('\n')}\n`;

for (const { kind, available } of targets()) {
  describe.skipIf(!available)(`a report node's preview (${kind})`, () => {
    let target: Target;
    let app: AppPage;

    beforeAll(async () => {
      ({ target, app } = await launchWithPipeline(
        kind,
        { 'sales.csv': SALES },
        {
          name: 'report-preview',
          nodes: [
            {
              id: 'sales',
              type: 'source.csv',
              params: {
                path: 'sales.csv',
                delimiter: ',',
                quote: '"',
                escape: '"',
                header: true,
                skipRows: 0,
                encoding: 'utf-8',
                decimal: '.',
                thousands: '',
                dateFormat: '',
                timestampFormat: '',
                comment: '',
              },
              charts: [{ title: 'Amount by region', type: 'bar', x: 'region', y: 'amount', aggregate: 'sum' }],
            },
            {
              id: 'page',
              type: 'sink.report',
              params: { path: 'page.html', title: 'Sales', charts: ['sales'], tables: ['sales'], tableRows: 3 },
            },
          ],
        },
      ));
    });
    screenshotFailures(() => target?.page);
    afterAll(() => closeTarget(target));

    it('shows the page the node writes, charts drawn, in a frame that may run nothing', async () => {
      const page = target.page;
      await app.canvas.select('page');
      await app.preview.open();
      const frame = page.getByTestId('report-frame');
      await expect.poll(() => frame.count()).toBe(1);
      expect(await frame.getAttribute('sandbox')).toBe('');
      const inside = page.frameLocator('[data-testid="report-frame"]');
      await expect.poll(() => inside.locator('h1').textContent()).toBe('Sales');
      expect(await inside.locator('figure.chart svg [ecmeta_ssr_type="chart"]').count()).toBeGreaterThan(0);
      expect(await inside.locator('section.table tbody tr').count()).toBe(3);
    });
  });
}
