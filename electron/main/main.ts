import { app, BrowserWindow, Menu, net, protocol, safeStorage, session } from 'electron';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { eventChannel } from '../../shared/ipc/channels';
import { z } from 'zod';
import { eventSchemas, isEventName, operations, type EventName, type MenuCommand } from '../../shared/ipc/contract';
import { answerSecretCall } from '../host/connections/secret-protocol';
import { startEngineProcess } from './engine-process';
import { createEngineRelay, type EngineRelay } from './engine-relay';
import { registerIpc } from './ipc';
import { menuTemplate } from './menu';
import type { OpenRequests } from './open-requests';
import { listenForOsOpens } from './os-opens';
import { createSecretVault } from './secret-vault';
import { rendererFile } from './renderer-files';
import { CSP, lockDown, refusePermissions, secureWebPreferences } from './security';

/**
 * The Electron main process: one hardened window showing the renderer from
 * the app's own `app://` protocol (module scripts do not load from file://).
 */

const APP_ORIGIN = 'app://duto';
const rendererDir = join(__dirname, '..', 'renderer');
/** The windows we created: only their webContents may use the API or receive events. */
const windows = new Set<BrowserWindow>();
const ourWebContents = new Set<number>();
let relay: EngineRelay | undefined;
/** Pipelines the OS asked us to open (double-click, command line, a second launch, macOS open-file). */
let osOpens: OpenRequests | undefined;
/** Set once the API answers and the first window exists: only then may an open from the OS show a window. */
let started = false;

protocol.registerSchemesAsPrivileged([
  { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  // Before `ready`: macOS sends the file a launch was for as `open-file` that early.
  osOpens = listenForOsOpens({
    app,
    argv: process.argv,
    cwd: process.cwd(),
    // Unpackaged (`electron .`), the app's folder follows the executable.
    skip: process.defaultApp ? 2 : 1,
    showWindow,
    send: (path) => sendMenuCommand('file.openPath', path),
    log: (message) => console.error(message),
  });
  app.on('web-contents-created', (_event, contents) => lockDown(contents, APP_ORIGIN));
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', () => relay?.dispose());
  void app.whenReady().then(() => {
    serveRenderer();
    refusePermissions(session.defaultSession);
    startApi();
    createWindow();
    started = true;
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) createWindow();
    });
  });
}

/** Sends an event to every window of ours, after checking it against the contract. */
function broadcast(event: EventName, payload: unknown): void {
  const checked = eventSchemas[event].safeParse(payload);
  if (!checked.success) return console.error(`duto: dropped an invalid ${event} event`);
  for (const win of windows) win.webContents.send(eventChannel(event), checked.data);
}

/** Brings our window forward, or opens one (macOS keeps running without any). */
function showWindow(): void {
  if (!started) return;
  const [win] = windows;
  if (win === undefined) return createWindow();
  if (win.isMinimized()) win.restore();
  win.focus();
}

function sendMenuCommand(command: MenuCommand, path?: string): void {
  broadcast('menu.command', path === undefined ? { command } : { command, path });
}

function setMenu(recent: readonly string[]): void {
  const template = menuTemplate({
    isMac: process.platform === 'darwin',
    isDev: !app.isPackaged,
    recent,
    send: sendMenuCommand,
  });
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

/** The engine host process, the IPC handlers in front of it, and the menus fed by its recent list. */
function startApi(): void {
  // Connection passwords: encrypted here (safeStorage is main-only), handed to the engine host when it asks.
  const vault = createSecretVault({
    file: join(app.getPath('userData'), 'connection-secrets.json'),
    safeStorage,
    platform: process.platform,
  });
  const engine = createEngineRelay({
    start: startEngineProcess,
    emit: (event, payload) => {
      if (isEventName(event)) broadcast(event, payload);
    },
    answerSecret: (request) => answerSecretCall(vault, request),
  });
  relay = engine;
  const examples = app.isPackaged ? join(process.resourcesPath, 'examples') : join(app.getAppPath(), 'examples');
  registerIpc({
    appOrigin: APP_ORIGIN,
    relay: engine,
    ourWebContents: () => ourWebContents,
    appInfo: () => ({
      shell: 'electron',
      version: app.getVersion(),
      platform: process.platform,
      workDir: app.getPath('documents'),
      examplesDir: existsSync(examples) ? examples : null,
    }),
    onRecentChanged: setMenu,
    takePendingOpens: () => osOpens?.take() ?? [],
  });
  setMenu([]);
  void engine.call('recent.list', {}).then((reply) => {
    const paths = recentPaths(reply);
    if (paths.length > 0) setMenu(paths);
  });
}

function recentPaths(reply: unknown): string[] {
  const r = recentReplySchema.safeParse(reply);
  return r.success ? r.data.value.paths : [];
}
const recentReplySchema = z.object({ ok: z.literal(true), value: operations['recent.list'].response });

function serveRenderer(): void {
  protocol.handle('app', async (request) => {
    const file = rendererFile(request.url, rendererDir, APP_ORIGIN);
    if (file === null) return new Response('not found', { status: 404 });
    const response = await net.fetch(pathToFileURL(file).href);
    const headers = new Headers(response.headers);
    headers.set('Content-Security-Policy', CSP);
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(response.body, { status: response.status, headers });
  });
}

function createWindow(): void {
  const win = new BrowserWindow({
    width: 1400,
    height: 900,
    title: 'Duto',
    show: false,
    webPreferences: secureWebPreferences(join(__dirname, 'preload.cjs')),
  });
  const contentsId = win.webContents.id;
  windows.add(win);
  ourWebContents.add(contentsId);
  win.on('closed', () => {
    windows.delete(win);
    ourWebContents.delete(contentsId);
    // An open from the OS now waits for the next window's renderer to take it.
    if (windows.size === 0) osOpens?.stopListening();
  });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(`${APP_ORIGIN}/index.html`);
}
