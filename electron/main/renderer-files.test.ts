import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rendererFile } from './renderer-files';

const dir = join('/opt', 'duto', 'dist', 'renderer');
const APP = 'app://duto';

describe('rendererFile: what app:// may serve', () => {
  it('maps the app’s own URLs into the renderer folder', () => {
    expect(rendererFile('app://duto/index.html', dir, APP)).toBe(join(dir, 'index.html'));
    expect(rendererFile('app://duto/assets/main-1a2b.js?v=3#x', dir, APP)).toBe(join(dir, 'assets', 'main-1a2b.js'));
    expect(rendererFile('app://duto/assets/a%20b.css', dir, APP)).toBe(join(dir, 'assets', 'a b.css'));
    // URL parsing folds `..` segments, literal or escaped as whole segments, into the root, so they stay inside.
    expect(rendererFile('app://duto/../../etc/passwd', dir, APP)).toBe(join(dir, 'etc', 'passwd'));
    expect(rendererFile('app://duto/%2e%2e/%2e%2e/etc/passwd', dir, APP)).toBe(join(dir, 'etc', 'passwd'));
  });

  it('serves nothing for another host, user info or scheme', () => {
    for (const url of [
      'app://evil/index.html',
      'app://duto.evil/index.html',
      'app://duto@evil/index.html',
      'app://x@duto/index.html',
      'app://DUTO/index.html',
      'file:///opt/duto/dist/renderer/index.html',
    ])
      expect(rendererFile(url, dir, APP), url).toBeNull();
  });

  it('serves nothing outside the folder, whatever the escaping', () => {
    for (const url of [
      'app://duto/..%2f..%2f..%2fetc%2fpasswd',
      'app://duto/assets/..%2f..%2f..%2frenderer-evil/x.js',
      'app://duto/%2e%2e%2f',
      'app://duto/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    ])
      expect(rendererFile(url, dir, APP), url).toBeNull();
    // The folder's sibling that shares its name as a prefix is outside too; the folder itself is not a file.
    expect(rendererFile('app://duto/..%2frenderer-evil%2fx.js', dir, APP)).toBeNull();
    expect(rendererFile('app://duto/%2e%2e', dir, APP)).toBeNull();
  });

  it('answers a malformed escape or a NUL with nothing instead of throwing', () => {
    expect(rendererFile('app://duto/%E0%A4%A', dir, APP)).toBeNull();
    expect(rendererFile('app://duto/%', dir, APP)).toBeNull();
    expect(rendererFile('app://duto/index.html%00.png', dir, APP)).toBeNull();
  });
});
