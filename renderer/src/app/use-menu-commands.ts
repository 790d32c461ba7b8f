import { useReactFlow } from '@xyflow/react';
import { useEffect } from 'react';
import type { MenuCommand } from '../../../shared/ipc/contract';
import { useApi } from '../api/api-context';
import { useFiles } from '../files/files-context';
import { useStoreApi } from '../store/store-context';

/** What the native menus (Electron shell) ask for, mapped to the same actions as the toolbar. */
export function useMenuCommands(toggleTheme: () => void): void {
  const api = useApi();
  const store = useStoreApi();
  const files = useFiles();
  const { fitView } = useReactFlow();
  useEffect(() => {
    const run = (command: MenuCommand, path: string | undefined): void => {
      const { actions } = store.getState();
      switch (command) {
        case 'file.new':
          return files.newDocument();
        case 'file.open':
          return void files.open();
        case 'file.openRecent':
          if (path !== undefined) void files.openPath(path);
          return;
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
          return void fitView({ padding: 0.2, maxZoom: 1.25 });
        case 'view.toggleTheme':
          return toggleTheme();
        case 'help.about':
          return actions.setOverlay('help');
      }
    };
    return api.on('menu.command', (p) => run(p.command, p.path));
  }, [api, store, files, fitView, toggleTheme]);
}
