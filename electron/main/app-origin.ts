/**
 * Whether a URL is on the app's own origin (`app://duto`). The URL is parsed
 * and its origin compared exactly: a prefix test lets `app://duto.evil` and
 * `app://duto@evil` through. Node's URL gives `origin` "null" for schemes it
 * does not know, such as app:, so the origin is rebuilt from its parts.
 * Chromium lower-cases the host of a standard scheme before a URL reaches
 * us, so any other spelling (`app://DUTO`) is refused rather than folded.
 */
export function isAppUrl(url: string | undefined, appOrigin: string): boolean {
  if (url === undefined) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return `${parsed.protocol}//${parsed.host}` === appOrigin && parsed.username === '' && parsed.password === '';
}
