import { statSync, type BigIntStats } from 'node:fs';

/**
 * What tells "the same file, unchanged" from anything else without reading
 * it — the one definition behind every cache keyed by files (previews, run
 * results, pinned source columns, the app's open sessions).
 *
 * Device and inode: a file replaced by another (an atomic rename-over, as
 * editors and Duto's own sinks write) is another file, whatever its size and
 * times. Size, and mtime and ctime in nanoseconds: an in-place rewrite moves
 * them. ctime matters because mtime can be set back (`touch -d`, an unpacked
 * archive, a sync tool keeping times) while ctime cannot: the kernel stamps it
 * on every write and every change of the times themselves.
 *
 * The limit: an in-place rewrite of the same size, stamped with the same
 * mtime and ctime — within one tick of the filesystem's clock (Linux stamps
 * from a coarse clock, a few milliseconds; FAT keeps 2 s) — looks unchanged.
 * Only reading the content could tell, which is what these caches exist to
 * avoid.
 */
export function fileIdentity(path: string): string | undefined {
  const s = stat(path);
  return s === undefined ? undefined : statIdentity(s);
}

/** As fileIdentity, for a regular file only: anything else (a folder, nothing) has none. */
export function regularFileIdentity(path: string): string | undefined {
  const s = stat(path);
  return s?.isFile() === true ? statIdentity(s) : undefined;
}

function stat(path: string): BigIntStats | undefined {
  try {
    return statSync(path, { bigint: true });
  } catch {
    return undefined;
  }
}

/** The identity of what `statSync(path, { bigint: true })` described, for callers that stat anyway. */
export function statIdentity(s: BigIntStats): string {
  return [s.dev, s.ino, s.size, s.mtimeNs, s.ctimeNs].map(String).join(':');
}
