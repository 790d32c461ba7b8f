import type { AppState } from '../store/app-store';
import { baseDirOf } from '../../../shared/paths';

/**
 * What every pipeline operation sends about the open pipeline: the document,
 * where its relative paths resolve, its file when saved — from which the host
 * decides its trust — and, when unsaved, whether it came from elsewhere.
 */
export function pipelineRequest(s: AppState): {
  document: unknown;
  baseDir: string;
  params: Record<string, string>;
  file?: string;
  imported?: boolean;
  historyKey?: string;
} {
  return {
    document: s.doc.document,
    baseDir: baseDirOf(s.doc.path, s.session.appInfo?.workDir),
    params: {},
    ...(s.doc.path === null ? {} : { file: s.doc.path }),
    ...(s.doc.path === null && s.doc.imported ? { imported: true } : {}),
    // Unsaved, its runs are still kept: under its own key.
    ...(s.doc.path === null ? { historyKey: s.doc.historyKey } : {}),
  };
}
