import type { CsvDialectGuess } from '../../../shared/catalog/node-type';
import type { TrustMode } from '../trust/trust-report';
import { isInside, realPath } from '../walls/file-boundary';
import { detectCsvDialect } from './detect';

/**
 * The detector as a session may use it. It reads only the file a source
 * names (already resolved by the compiler); a restricted pipeline may not
 * read beyond its folder, so its sniff may not either — the node is held
 * back by the trust check anyway, and must learn nothing of that file.
 */
export function boundedSniffer(
  baseDir: string,
  trust: TrustMode,
): (path: string) => CsvDialectGuess | { problem: string } | undefined {
  if (trust !== 'restricted') return detectCsvDialect;
  const home = realPath(baseDir);
  return (path) => {
    const real = realPath(path);
    // Not detected, and no problem of its own: the trust check holds the node back, saying why.
    if (real !== home && !isInside(real, home)) return undefined;
    return detectCsvDialect(path);
  };
}
