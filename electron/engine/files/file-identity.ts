import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync, statSync, type BigIntStats } from 'node:fs';

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
 * And the content, cheaply: an in-place rewrite of the same size, stamped
 * with the same mtime and ctime — within one tick of the filesystem's clock
 * (Linux stamps from a coarse clock, a few milliseconds; FAT keeps 2 s) —
 * would otherwise look unchanged. A file up to 1 MiB is hashed whole; a
 * bigger one by three 64 KiB samples (start, middle, end), which with its
 * inode and nanosecond times catches every edit but a same-size rewrite of
 * an unsampled middle within one clock tick.
 */
export function fileIdentity(path: string): string | undefined {
  const s = stat(path);
  if (s === undefined) return undefined;
  return s.isFile() ? `${statIdentity(s)}:${contentDigest(path, s.size)}` : statIdentity(s);
}

/** As fileIdentity, for a regular file only: anything else (a folder, nothing) has none. */
export function regularFileIdentity(path: string): string | undefined {
  const s = stat(path);
  return s?.isFile() === true ? `${statIdentity(s)}:${contentDigest(path, s.size)}` : undefined;
}

const WHOLE = 1 << 20;
const SAMPLE = 64 * 1024;

/** A hash of the content (whole up to 1 MiB, else three samples); '' when it cannot be read. */
function contentDigest(path: string, size: bigint): string {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const hash = createHash('sha256');
    const n = Number(size);
    const spans =
      n <= WHOLE
        ? [[0, n]]
        : [
            [0, SAMPLE],
            [Math.floor(n / 2), SAMPLE],
            [n - SAMPLE, SAMPLE],
          ];
    const buf = Buffer.alloc(Math.min(n, WHOLE));
    for (const [at = 0, len = 0] of spans) {
      const read = readSync(fd, buf, 0, len, at);
      hash.update(buf.subarray(0, read));
    }
    return hash.digest('hex').slice(0, 32);
  } catch {
    return '';
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
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
