import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ensureData } from '../../bench/data';
import { CANONICAL } from '../../bench/paths';
import { AppPage } from '../../e2e/pages/app-page';
import { centerOf } from '../../e2e/pages/canvas-page';
import { copyCanonicalData } from '../../e2e/support/data';
import { freshDir, launchChromium, VIEWPORT } from '../../e2e/support/target';
import { startWebShell } from '../../e2e/support/web-shell';
import { parseDocumentText } from '../../shared/format/parse';
import { serializeDocument } from '../../shared/format/serialize';
import { bigPipeline } from './big-pipeline';
import { recordDragFrames, watchPreview } from './in-page';
import { against, median, ms, quantile } from './stats';

/**
 * `npm run bench:ui`: the canvas and preview targets (ARCHITECTURE.md §9), in
 * headless Chromium against the browser shell. A benchmark, not a test: it
 * prints the figures beside their targets and exits 0 either way.
 */

const TARGET_FRAME_MS = 16;
const TARGET_PREVIEW_MS = 500;
const JOIN = 'with_customer';
const ROWS = Number(process.env['BENCH_UI_ROWS'] ?? 10_000_000);

function row(label: string, figure: string): string {
  return `  ${label.padEnd(48)} ${figure}`;
}

async function main(): Promise<void> {
  const dataDir = ensureData(ROWS);
  const workDir = freshDir('duto-bench-ui-');
  const small = copyCanonicalData(join(workDir, 'small'));
  writeFileSync(join(workDir, 'canvas-500.duto.json'), serializeDocument(bigPipeline(join(small, 'customers.csv'))));
  // The canonical pipeline, reading the benchmark data where it is.
  const canonical = parseDocumentText(readFileSync(CANONICAL, 'utf8'), CANONICAL);
  if (!canonical.ok) throw new Error(`${CANONICAL}: ${canonical.diagnostics.map((d) => d.message).join('; ')}`);
  const params = { data_dir: { default: dataDir }, out_file: { default: join(workDir, 'out', 'canonical.parquet') } };
  writeFileSync(join(workDir, 'canonical.duto.json'), serializeDocument({ ...canonical.document, params }));
  mkdirSync(join(workDir, 'out'), { recursive: true });

  // Frame times are wall-clock work on the main thread: on a shared machine the load moves them, so it is printed too.
  console.log(
    `Duto UI benchmark: headless Chromium ${VIEWPORT.width}×${VIEWPORT.height}, browser shell, ${cpus().length} cores, load average ${loadavg()[0]?.toFixed(1) ?? '?'}; data ${dataDir}`,
  );
  const userData = freshDir('duto-bench-ui-user-');
  const shell = await startWebShell(workDir, userData);
  // No frame-rate limit: a frame follows its input at once instead of waiting for the next vsync.
  const browser = await launchChromium(['--disable-frame-rate-limit', '--disable-gpu-vsync']);
  try {
    const page = await browser.newPage({ viewport: VIEWPORT });
    page.on('dialog', (d) => void d.accept());
    await page.goto(shell.url);
    const app = new AppPage(page);
    await app.canvas.root.waitFor();

    const canvasFigures = await benchCanvas(page, app, join(workDir, 'canvas-500.duto.json'));
    const previewFigures = await benchPreview(page, app, join(workDir, 'canonical.duto.json'));

    const { fitted, working, zoom } = canvasFigures;
    const frames = (d: DragTiming): string => `${d.frames} frames for 60 mouse moves`;
    console.log('');
    console.log('canvas, 500 nodes');
    console.log(row('open (File › Open until every node is drawn)', ms(canvasFigures.openMs)));
    console.log(row('open until every node shows its schema', ms(canvasFigures.schemasMs)));
    console.log(row('drag, whole pipeline on screen: median frame', against(fitted.median, TARGET_FRAME_MS)));
    console.log(row('  95th percentile', `${ms(fitted.p95)}   (${frames(fitted)})`));
    console.log(
      row(`drag at ${Math.round(zoom * 100)} % zoom: median frame`, against(working.median, TARGET_FRAME_MS)),
    );
    console.log(row('  95th percentile', `${ms(working.p95)}   (${frames(working)})`));
    console.log(
      `preview of the join node (${JOIN}) over ${ROWS.toLocaleString('en-US')} rows, click to rows on screen`,
    );
    console.log(row('cold (first preview after opening)', against(previewFigures.coldMs, TARGET_PREVIEW_MS)));
    console.log(row('warm (after an edit downstream of it)', against(previewFigures.warmMs, TARGET_PREVIEW_MS)));
    console.log('');
    console.log(
      'Frame = main-thread work per frame while dragging (input handling, render, style, layout, paint), vsync waits excluded.',
    );
  } finally {
    await browser.close();
    await shell.stop();
    rmSync(workDir, { recursive: true, force: true });
    rmSync(userData, { recursive: true, force: true });
  }
}

/** Opens the 500-node pipeline, then drags one node with 60 mouse moves while frames are timed. */
async function benchCanvas(page: Page, app: AppPage, file: string) {
  await app.toolbar.clickOpen();
  await page.getByTestId('file-browser-dir').fill(join(file, '..'));
  const entry = page.getByTestId('file-browser-entry-canvas-500.duto.json');
  await entry.waitFor();
  const t0 = Date.now();
  await entry.click();
  await page.waitForFunction(
    () => {
      const nodes = document.querySelectorAll<HTMLElement>('.react-flow__node');
      return nodes.length === 500 && [...nodes].every((n) => n.style.visibility !== 'hidden');
    },
    undefined,
    { polling: 'raf', timeout: 120_000 },
  );
  const openMs = Date.now() - t0;
  // Zoomed out to fit, nodes draw as boxes without their column list: the check has landed once no node's status is 'none'.
  await page.waitForFunction(
    () => document.querySelectorAll('[data-testid^="node-status-"]:not([data-status="none"])').length === 500,
    undefined,
    { timeout: 120_000 },
  );
  const schemasMs = Date.now() - t0;
  await app.settled();

  // All 500 nodes on screen (the whole pipeline fitted): the most the browser draws.
  const fitted = await dragTimed(page, app, 'c10_n12');
  // A working view: zoomed in with the wheel to about 100 % around another node.
  const target = app.canvas.node('c5_n6').locator('.pnode-head');
  const at = await centerOf(target);
  await page.mouse.move(at.x, at.y);
  for (let i = 0; i < 40 && (await zoomLevel(page)) < 0.95; i++) {
    await page.mouse.wheel(0, -100);
    await page.waitForTimeout(30);
  }
  const zoom = await zoomLevel(page);
  const working = await dragTimed(page, app, 'c5_n6');
  return { openMs, schemasMs, fitted, working, zoom };
}

interface DragTiming {
  median: number;
  p95: number;
  frames: number;
}

/** Drags a node by 60 mouse moves while the page times every frame. */
async function dragTimed(page: Page, app: AppPage, id: string): Promise<DragTiming> {
  const start = await centerOf(app.canvas.node(id).locator('.pnode-head'));
  await page.evaluate(recordDragFrames);
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  for (let i = 1; i <= 60; i++) await page.mouse.move(start.x + i * 3, start.y + i * 2);
  await page.mouse.up();
  await page.waitForTimeout(200);
  const moves = await page.evaluate(() => {
    const b = window.dutoBench;
    window.dutoBench = undefined;
    return b?.moves ?? [];
  });
  return { median: median(moves), p95: quantile(moves, 0.95), frames: moves.length };
}

/** The canvas zoom, from the viewport's CSS transform. */
function zoomLevel(page: Page): Promise<number> {
  return page.evaluate(() => {
    const el = document.querySelector<HTMLElement>('.react-flow__viewport');
    return el === null ? 1 : new DOMMatrixReadOnly(getComputedStyle(el).transform).a;
  });
}

/** Opens the canonical pipeline over the big data and times the join's preview, cold then warm. */
async function benchPreview(page: Page, app: AppPage, file: string) {
  await app.toolbar.newDocument();
  await app.toolbar.clickOpen();
  await page.getByTestId('file-browser-dir').fill(join(file, '..'));
  await page.getByTestId('file-browser-entry-canonical.duto.json').click();
  await app.canvas.node('report').waitFor();
  // It reads the benchmark data outside its own folder: trusted, as its author would.
  await page.getByTestId('trust-grant').click();
  await page.getByTestId('trust-banner').waitFor({ state: 'detached' });
  await app.settled();
  await app.toolbar.fit();
  await app.preview.open();

  const clickToRows = async (): Promise<number> => {
    await page.evaluate(watchPreview, JOIN);
    await app.canvas.select(JOIN);
    await page.waitForFunction(() => window.dutoBench?.shown !== undefined, undefined, { timeout: 120_000 });
    return page.evaluate(() => (window.dutoBench?.shown ?? 0) - (window.dutoBench?.clicked ?? 0));
  };
  const coldMs = await clickToRows();
  // An edit downstream of the join (the sink's path): a new document whose join upstream is unchanged.
  await app.canvas.select('report');
  await app.inspector.fill('path', 'out/edited.parquet');
  await app.settled();
  const warmMs = await clickToRows();
  return { coldMs, warmMs };
}

main().catch((e: unknown) => {
  console.error(`bench:ui: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  process.exit(1);
});
