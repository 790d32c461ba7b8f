import type { DutoApi } from '../../../shared/ipc/contract';
import { ipcErrorText } from '../i18n/diagnostic-text';
import type { Locale } from '../i18n/i18n';
import type { AppStore } from '../store/app-store';

/**
 * Trusting the open pipeline (ARCHITECTURE.md, wall 5): a saved one through the host's
 * trust store — the file as it is on disk, or its whole folder — an unsaved
 * imported one by dropping its `imported` mark. Either way the pipeline is
 * checked again, now with everything it touches.
 */
export async function trustPipeline(
  api: DutoApi,
  store: AppStore,
  scope: 'file' | 'folder',
  locale: Locale,
): Promise<boolean> {
  const s = store.getState();
  if (s.doc.path === null) {
    s.actions.trustImported();
    return true;
  }
  const r = await api['trust.grant']({ file: s.doc.path, scope });
  if (!r.ok) {
    s.actions.toast('trust.failed', { message: ipcErrorText(r.error, locale) }, 'error');
    return false;
  }
  s.actions.toast(scope === 'folder' ? 'trust.grantedFolder' : 'trust.granted', { path: r.value.trusted });
  // Same effect as a stored secret: the document did not change, what it may reach did.
  s.actions.credentialsChanged();
  return true;
}
