import { cacheMaxBytes, clearCache, listEntries, nodeCacheDir } from '../../engine/node-cache/cache-store';
import { EXIT, type ExitCode } from '../exit';
import { printJson } from '../format';
import type { Io } from '../io';

/**
 * `duto cache ls|clear`: the node results runs keep (node-cache/), in the
 * user's cache folder — listed most recently used first with their size,
 * or all removed (every run then computes them again).
 */
export interface CacheOpts {
  json?: boolean;
}

function size(bytes: number): string {
  return bytes >= 2 ** 30
    ? `${(bytes / 2 ** 30).toFixed(2)} GiB`
    : bytes >= 2 ** 20
      ? `${(bytes / 2 ** 20).toFixed(1)} MiB`
      : `${(bytes / 1024).toFixed(1)} KiB`;
}

export function cacheLsCommand(opts: CacheOpts, io: Io): Promise<ExitCode> {
  const dir = nodeCacheDir();
  const entries = listEntries(dir);
  const total = entries.reduce((s, e) => s + e.bytes, 0);
  const max = cacheMaxBytes(undefined);
  if (opts.json === true) {
    printJson(io, {
      dir,
      bytes: total,
      maxBytes: max,
      entries: entries.map((e) => ({ ...e, lastUsed: e.lastUsed.toISOString() })),
    });
    return Promise.resolve(EXIT.ok);
  }
  for (const e of entries)
    io.out(
      `${e.print.slice(0, 16)}  ${size(e.bytes).padStart(10)}  ${String(e.rows).padStart(12)} rows  ${String(e.columns)} cols  ${e.lastUsed.toISOString()}\n`,
    );
  io.out(`${String(entries.length)} entries, ${size(total)} of ${size(max)} in ${dir}\n`);
  return Promise.resolve(EXIT.ok);
}

export function cacheClearCommand(io: Io): Promise<ExitCode> {
  const dir = nodeCacheDir();
  const cleared = clearCache(dir);
  io.out(`removed ${String(cleared.entries)} entries (${size(cleared.bytes)}) from ${dir}\n`);
  return Promise.resolve(EXIT.ok);
}
