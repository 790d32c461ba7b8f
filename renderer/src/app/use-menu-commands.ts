import { useEffect } from 'react';
import type { EventPayload } from '../../../shared/ipc/contract';
import { useApi } from '../api/api-context';
import { useFitView } from '../canvas/fit-view';
import { useFiles } from '../files/files-context';
import { useStoreApi } from '../store/store-context';

/** What the native menus (Electron shell) ask for, mapped to the same actions as the toolbar. */
export function useMenuCommands(toggleTheme: () => void): void {
  const api = useApi();
  const store = useStoreApi();
  const files = useFiles();
  const fitView = useFitView();
  useEffect(() => {
    const run = (p: EventPayload<'menu.command'>): void => {
      const { actions } = store.getState();
      switch (p.command) {
        case 'file.new':
          return void files.newDocument();
        case 'file.open':
          return void files.open();
        case 'file.openRecent':
          return void files.openPath(p.path);
        case 'file.openPath':
          return; // useOpenRequests opens these, in turn with the one waiting at start.
        case 'file.save':
          return void files.save();
        case 'file.saveAs':
          return void files.saveAs();
        case 'file.export':
          return void files.exportDocument();
        case 'file.exportDocs':
          return void files.exportDocs();
        case 'edit.undo':
          return actions.undo();
        case 'edit.redo':
          return actions.redo();
        case 'view.zoomToFit':
          return fitView();
        case 'view.toggleTheme':
          return toggleTheme();
        case 'help.about':
          return actions.setOverlay('help');
      }
    };
    return api.on('menu.command', run);
  }, [api, store, files, fitView, toggleTheme]);
}
