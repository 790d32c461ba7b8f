import type { ChartResultData, ProfileResultData } from '../../../shared/ipc/results';
import { PreviewCache, ResultCache } from '../preview/preview-cache';
import { SourcePins } from '../bind/source-pins';
import { PinsOnDisk } from '../bind/pins-on-disk';

/**
 * What sessions of one owner share (the app's host, one CLI command, a test
 * file): an edit opens a new session, and these keep it from previewing an
 * unchanged node or sniffing an unchanged CSV again. Owned, never global, so
 * two owners in one process (tests run without isolation) share nothing.
 */
export interface EngineCaches {
  previews: PreviewCache;
  /** Charts and profiles of whole node outputs, by the node's fingerprint and what was asked: Mosaic's "charts are queries", answered once. */
  charts: ResultCache<ChartResultData>;
  profiles: ResultCache<ProfileResultData>;
  pins: SourcePins;
}

/** `pinsDir`: where pinned CSV descriptions are also kept across processes (the node cache's `pins/`). */
export function engineCaches(pinsDir?: string): EngineCaches {
  let disk: PinsOnDisk | undefined;
  if (pinsDir !== undefined) {
    disk = new PinsOnDisk(pinsDir);
    disk.sweep();
  }
  return {
    previews: new PreviewCache(),
    charts: new ResultCache(),
    profiles: new ResultCache(),
    pins: new SourcePins(disk),
  };
}
