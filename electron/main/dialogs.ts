import { BrowserWindow, dialog, app } from 'electron';
import { join } from 'node:path';

/** Native open and save dialogs for pipeline files; null when the user cancels. */

const filters = [
  { name: 'Duto pipelines', extensions: ['duto.json'] },
  { name: 'All files', extensions: ['*'] },
];

export async function showOpenPipelineDialog(title: string | undefined): Promise<string | null> {
  const options: Electron.OpenDialogOptions = { title: title ?? 'Open pipeline', properties: ['openFile'], filters };
  const win = BrowserWindow.getFocusedWindow();
  const r = win === null ? await dialog.showOpenDialog(options) : await dialog.showOpenDialog(win, options);
  return r.canceled ? null : (r.filePaths[0] ?? null);
}

export async function showSavePipelineDialog(suggestedName: string): Promise<string | null> {
  const options: Electron.SaveDialogOptions = {
    title: 'Save pipeline',
    defaultPath: join(app.getPath('documents'), suggestedName),
    filters,
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  };
  const win = BrowserWindow.getFocusedWindow();
  const r = win === null ? await dialog.showSaveDialog(options) : await dialog.showSaveDialog(win, options);
  return r.canceled || r.filePath === undefined || r.filePath === '' ? null : r.filePath;
}
