import { existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { _electron, chromium, type Browser, type ElectronApplication, type Page } from 'playwright-core';
import { chromiumPath, electronRuntimeExists, electronRuntimePath, ROOT } from './paths';
import { startWebShell, type WebShellProcess } from './web-shell';

/**
 * One running Duto, driven through a Page: the browser shell in headless
 * Chromium, or the desktop app through Playwright's Electron driver. What
 * differs between them (downloads vs native dialogs) is answered here, so the
 * specs are the same for both.
 */
export interface Target {
  kind: TargetKind;
  page: Page;
  /** The folder the app works in: unsaved pipelines resolve relative paths against it. */
  workDir: string;
  /** Uncaught errors and console errors of the page: a spec ends by checking there were none. */
  pageErrors: string[];
  /** Runs `trigger` (an export) and stores what it exports at `path`. */
  saveExport(path: string, trigger: () => Promise<void>): Promise<void>;
  /** Runs `trigger` (Open…) and answers the file picker with `path`. */
  answerOpen(path: string, trigger: () => Promise<void>): Promise<void>;
  close(): Promise<void>;
}

export type TargetKind = 'web' | 'electron';

export const VIEWPORT = { width: 1440, height: 900 };

/** The targets and whether each can run here. */
export function targets(): Array<{ kind: TargetKind; available: boolean }> {
  return [
    { kind: 'web', available: true },
    { kind: 'electron', available: electronRuntimeExists() },
  ];
}

export function freshDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export interface LaunchOptions {
  /**
   * A user who trusts nothing yet (restricted mode): the app gets a config
   * folder of its own with no trust store. Otherwise it trusts what the
   * specs write in the temporary folder, as the test home says (test/test-home.ts).
   */
  untrusted?: boolean;
  /** The user's connections file (its JSON), as the Connections dialog would have saved it: a config folder of the launch's own, trusting what the specs write. */
  connections?: unknown;
}

/** A config folder trusting the temporary folder and the repository, with `connections` as the user's connections file. */
function writeUserConfig(configDir: string, connections: unknown): void {
  mkdirSync(join(configDir, 'duto'), { recursive: true });
  writeFileSync(
    join(configDir, 'duto', 'trust.json'),
    JSON.stringify({
      format: 'duto.trust',
      version: 1,
      folders: [realpathSync(tmpdir()), realpathSync(ROOT)],
      files: [],
    }),
  );
  if (connections !== undefined)
    writeFileSync(join(configDir, 'duto', 'connections.json'), JSON.stringify(connections));
}

export async function launchTarget(kind: TargetKind, workDir: string, opts: LaunchOptions = {}): Promise<Target> {
  const userData = freshDir('duto-e2e-user-');
  const target =
    kind === 'web' ? await launchWeb(workDir, userData, opts) : await launchElectron(workDir, userData, opts);
  const close = target.close;
  target.close = async () => {
    await close();
    rmSync(userData, { recursive: true, force: true });
  };
  return target;
}

function watchPage(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  // Leaving with unsaved changes asks; the specs always mean it.
  page.on('dialog', (d) => void d.accept());
  return errors;
}

async function launchWeb(workDir: string, userData: string, opts: LaunchOptions): Promise<Target> {
  let shell: WebShellProcess | undefined;
  let browser: Browser | undefined;
  try {
    if (opts.connections !== undefined && opts.untrusted !== true)
      writeUserConfig(join(userData, 'config'), opts.connections);
    shell = await startWebShell(
      workDir,
      userData,
      opts.untrusted === true || opts.connections !== undefined ? { XDG_CONFIG_HOME: join(userData, 'config') } : {},
    );
    browser = await launchChromium();
    const context = await browser.newContext({
      viewport: VIEWPORT,
      acceptDownloads: true,
      locale: 'en-US',
      colorScheme: 'light',
    });
    const page = await context.newPage();
    const pageErrors = watchPage(page);
    await page.goto(shell.url);
    await page.getByTestId('canvas').waitFor();
    const started = { shell, browser };
    return {
      kind: 'web',
      page,
      workDir,
      pageErrors,
      async saveExport(path, trigger) {
        const [download] = await Promise.all([page.waitForEvent('download'), trigger()]);
        await download.saveAs(path);
      },
      async answerOpen(path, trigger) {
        // A browser has no dialog that yields a path: the app shows its own file browser.
        await trigger();
        const picker = page.getByTestId('file-browser');
        await picker.getByTestId('file-browser-dir').fill(dirname(path));
        await picker.getByTestId(`file-browser-entry-${basename(path)}`).click();
        await picker.waitFor({ state: 'detached' });
      },
      async close() {
        await started.browser.close();
        await started.shell.stop();
      },
    };
  } catch (e) {
    await browser?.close();
    await shell?.stop();
    throw e;
  }
}

export function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage', ...extraArgs],
  });
}

async function launchElectron(workDir: string, userData: string, opts: LaunchOptions): Promise<Target> {
  const args = [ROOT];
  // Electron's config folder is the fresh userData: the trust store the specs rely on goes there too.
  if (opts.untrusted !== true) writeUserConfig(userData, opts.connections);
  // Without a display, Electron's Chromium can still run on its headless platform.
  if ((process.env['DISPLAY'] ?? '') === '') args.unshift('--ozone-platform=headless');
  const app: ElectronApplication = await _electron.launch({
    executablePath: electronRuntimePath(),
    args,
    cwd: workDir,
    // userData lands in $XDG_CONFIG_HOME/Duto on Linux: a fresh one per launch.
    env: { ...process.env, XDG_CONFIG_HOME: userData },
  });
  try {
    const page = await app.firstWindow();
    const pageErrors = watchPage(page);
    // The app works in the user's Documents folder; the specs work in their own.
    await app.evaluate(({ app: electronApp }, dir) => electronApp.setPath('documents', dir), workDir);
    await page.setViewportSize(VIEWPORT);
    await page.reload();
    await page.getByTestId('canvas').waitFor();
    const answerSave = (path: string) =>
      app.evaluate(({ dialog }, p) => {
        Object.assign(dialog, { showSaveDialog: async () => ({ canceled: false, filePath: p }) });
      }, path);
    const answerOpenDialog = (path: string) =>
      app.evaluate(({ dialog }, p) => {
        Object.assign(dialog, { showOpenDialog: async () => ({ canceled: false, filePaths: [p] }) });
      }, path);
    return {
      kind: 'electron',
      page,
      workDir,
      pageErrors,
      async saveExport(path, trigger) {
        await answerSave(path);
        await trigger();
        // The app writes after the dialog answers: wait for the file, as the browser waits for its download.
        for (let waited = 0; !existsSync(path); waited += 50) {
          if (waited > 15_000) throw new Error(`the export never reached ${path}`);
          await new Promise((r) => setTimeout(r, 50));
        }
      },
      async answerOpen(path, trigger) {
        await answerOpenDialog(path);
        await trigger();
      },
      close: () => app.close(),
    };
  } catch (e) {
    await app.close();
    throw e;
  }
}
