import type { App } from 'electron';
import { resolve } from 'node:path';
import { createOpenRequests, type OpenRequests } from './open-requests';
import { openablePipeline, pipelineArguments } from './pipeline-args';

/**
 * Opening a pipeline from the OS: this launch's arguments, a second launch's
 * (the single-instance lock hands them to us through `second-instance`) and
 * macOS `open-file`, which can fire before `ready` and so is listened to at
 * once. Each path is checked (pipeline-args.ts); the newest good one is
 * shown to the renderer, which opens it with File › Open's own code.
 */

export interface OsOpensOptions {
  app: Pick<App, 'on'>;
  /** This launch: its arguments, folder, and how many leading ones are not the user's. */
  argv: readonly string[];
  cwd: string;
  skip: number;
  /** Brings a window forward, creating one if there is none (a no-op before `ready`). */
  showWindow: () => void;
  /** Asks the renderer to open the file (`menu.command` `file.openPath`). */
  send: (path: string) => void;
  log: (message: string) => void;
}

export function listenForOsOpens(options: OsOpensOptions): OpenRequests {
  const requests = createOpenRequests(options.send);

  const ask = async (paths: readonly string[]): Promise<void> => {
    const checked = await Promise.all(paths.map(async (path) => ({ path, openable: await openablePipeline(path) })));
    let chosen: string | null = null;
    for (const { path, openable } of checked) {
      if (openable.ok) chosen = openable.path;
      else options.log(`duto: not opening ${path}: ${openable.reason}`);
    }
    if (chosen === null) return;
    options.showWindow();
    requests.add(chosen);
  };

  options.app.on('open-file', (event, path) => {
    event.preventDefault();
    void ask([resolve(options.cwd, path)]);
  });
  options.app.on('second-instance', (_event, argv, workingDirectory) => {
    options.showWindow();
    void ask(pipelineArguments(argv, { skip: options.skip, cwd: workingDirectory }));
  });
  void ask(pipelineArguments(options.argv, { skip: options.skip, cwd: options.cwd }));
  return requests;
}
