import { useEffect, useState } from 'react';
import { serializeDocument } from '../../../shared/format/serialize';
import type { Response } from '../../../shared/ipc/contract';
import { useApi } from '../api/api-context';
import { selectDirty } from '../store/app-store';
import { useStoreApi } from '../store/store-context';

export type Backup = Response<'backup.list'>['backups'][number];

const BACKUP_DELAY_MS = 2000;

/**
 * Hot exit: while the pipeline has unsaved changes it is backed up
 * (debounced); saving clears the backup. On start, backups left by a crash
 * are offered for restore. Closing the window with unsaved changes asks first.
 */
export function useBackup(): { backups: Backup[]; dismiss: (key: string) => void } {
  const api = useApi();
  const store = useStoreApi();
  const [backups, setBackups] = useState<Backup[]>([]);
  const [key] = useState(() => `w${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`);

  useEffect(() => {
    let live = true;
    void api['backup.list']({}).then((r) => {
      if (live && r.ok) setBackups(r.value.backups.filter((b) => b.key !== key));
    });
    return () => {
      live = false;
    };
  }, [api, key]);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const unsubscribe = store.subscribe((s, prev) => {
      if (s.doc.document === prev.doc.document && s.doc.saved === prev.doc.saved) return;
      clearTimeout(timer);
      if (!selectDirty(s)) {
        if (selectDirty(prev)) void api['backup.clear']({ key });
        return;
      }
      timer = setTimeout(() => {
        const now = store.getState();
        if (selectDirty(now))
          void api['backup.write']({ key, path: now.doc.path, text: serializeDocument(now.doc.document) });
      }, BACKUP_DELAY_MS);
    });
    const beforeUnload = (e: BeforeUnloadEvent): void => {
      if (selectDirty(store.getState())) e.preventDefault();
    };
    window.addEventListener('beforeunload', beforeUnload);
    return () => {
      clearTimeout(timer);
      unsubscribe();
      window.removeEventListener('beforeunload', beforeUnload);
    };
  }, [api, store, key]);

  return { backups, dismiss: (k) => setBackups((bs) => bs.filter((b) => b.key !== k)) };
}
