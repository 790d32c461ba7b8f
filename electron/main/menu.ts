import type { MenuItemConstructorOptions } from 'electron';
import { basename } from 'node:path';
import type { MenuCommand } from '../../shared/ipc/contract';

/**
 * The native menus. Document commands (new, open, save, undo, …) are sent
 * to the renderer as `menu.command` events, because the document and its
 * undo history live there; clipboard items use Electron's roles so they act
 * on text fields natively.
 */

export interface MenuOptions {
  isMac: boolean;
  isDev: boolean;
  recent: readonly string[];
  send: (command: MenuCommand, path?: string) => void;
}

export function menuTemplate({ isMac, isDev, recent, send }: MenuOptions): MenuItemConstructorOptions[] {
  const item = (label: string, command: MenuCommand, accelerator?: string): MenuItemConstructorOptions => ({
    label,
    click: () => send(command),
    ...(accelerator === undefined ? {} : { accelerator }),
  });
  const openRecent: MenuItemConstructorOptions[] =
    recent.length === 0
      ? [{ label: 'No recent pipelines', enabled: false }]
      : recent.map((path) => ({ label: basename(path), toolTip: path, click: () => send('file.openRecent', path) }));
  const file: MenuItemConstructorOptions = {
    label: 'File',
    submenu: [
      item('New', 'file.new', 'CmdOrCtrl+N'),
      item('Open…', 'file.open', 'CmdOrCtrl+O'),
      { label: 'Open Recent', submenu: openRecent },
      { type: 'separator' },
      item('Save', 'file.save', 'CmdOrCtrl+S'),
      item('Save As…', 'file.saveAs', 'Shift+CmdOrCtrl+S'),
      item('Export…', 'file.export', 'CmdOrCtrl+E'),
      item('Export documentation…', 'file.exportDocs'),
      ...(isMac ? [] : [{ type: 'separator' } as const, { role: 'quit' } as const]),
    ],
  };
  const edit: MenuItemConstructorOptions = {
    label: 'Edit',
    submenu: [
      item('Undo', 'edit.undo', 'CmdOrCtrl+Z'),
      item('Redo', 'edit.redo', isMac ? 'Shift+CmdOrCtrl+Z' : 'CmdOrCtrl+Y'),
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'selectAll' },
    ],
  };
  const view: MenuItemConstructorOptions = {
    label: 'View',
    submenu: [
      item('Zoom to Fit', 'view.zoomToFit', 'Shift+1'),
      item('Toggle Theme', 'view.toggleTheme'),
      ...(isDev
        ? [{ type: 'separator' } as const, { role: 'reload' } as const, { role: 'toggleDevTools' } as const]
        : []),
    ],
  };
  const help: MenuItemConstructorOptions = { role: 'help', submenu: [item('About Duto', 'help.about')] };
  return [...(isMac ? [{ role: 'appMenu' } as const] : []), file, edit, view, help];
}
