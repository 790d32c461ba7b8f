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
export function boundedSniffer(baseDir: string, trust: TrustMode): (path: string) => CsvDialectGuess | { problem: string } {
  if (trust !== 'restricted') return detectCsvDialect;
  const home = realPath(baseDir);
  return (path) => {
    const real = realPath(path);
    if (real !== home && !isInside(real, home)) return { problem: `restricted: the dialect of ${path}, outside this pipeline's folder, is not detected: trust this pipeline to allow it` };
    return detectCsvDialect(path);
  };
}
