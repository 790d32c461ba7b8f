import type { Handlers, ShellOperation } from '../host';

/**
 * What the browser shell answers itself. A browser has no native dialog that
 * yields a path, so the dialogs answer null and the renderer shows its own
 * picker over `file.list`. Nothing is opened from the OS: a browser tab is
 * no file association.
 */
export function webShellHandlers(info: {
  workDir: string;
  examplesDir: string | null;
  version: string;
}): Pick<Handlers, ShellOperation> {
  return {
    'app.info': async () => ({
      shell: 'web',
      version: info.version,
      platform: process.platform,
      workDir: info.workDir,
      examplesDir: info.examplesDir,
    }),
    'app.pendingOpens': async () => ({ paths: [] }),
    'file.openDialog': async () => ({ path: null }),
    'file.saveDialog': async () => ({ path: null }),
  };
}
