import { join, normalize, sep } from 'node:path';
import { isAppUrl } from './app-origin';

/**
 * The file the `app://` protocol serves for a request: only for the app's
 * own origin, only inside the renderer's folder. Null (a 404) for any other
 * host, a path that climbs out (`..`, `%2e%2e%2f`), a malformed escape or a
 * NUL, which would otherwise throw inside the handler.
 */
export function rendererFile(requestUrl: string, rendererDir: string, appOrigin: string): string | null {
  if (!isAppUrl(requestUrl, appOrigin)) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(requestUrl).pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0')) return null;
  const file = normalize(join(rendererDir, pathname));
  return file.startsWith(rendererDir + sep) ? file : null;
}
