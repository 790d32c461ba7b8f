import { useEffect } from 'react';
import { useApi } from '../api/api-context';
import { useFiles } from '../files/files-context';

/**
 * Pipelines the OS asks Duto to open (double-click, command line, a second
 * launch): the one waiting from before this listener existed, then each
 * `file.openPath` command. Each opens with File › Open's own code (its
 * unsaved-changes question included), one after another, so the last one
 * asked for is the one left on screen.
 */
export function useOpenRequests(): void {
  const api = useApi();
  const files = useFiles();
  useEffect(() => {
    let queue = Promise.resolve();
    const openInTurn = (path: string): void => {
      queue = queue
        .then(async () => {
          await files.openPath(path);
        })
        .catch((e: unknown) => console.error(`duto: could not open ${path}:`, e));
    };
    const stop = api.on('menu.command', (p) => {
      if (p.command === 'file.openPath') openInTurn(p.path);
    });
    // Asked only once listening, so nothing falls between what waited and what comes next.
    void api['app.pendingOpens']({}).then((r) => {
      if (r.ok) for (const path of r.value.paths) openInTurn(path);
    });
    return stop;
  }, [api, files]);
}
