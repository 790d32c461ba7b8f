// `npm start`: build, then open the desktop app. The electron package's
// install script (which downloads the runtime) is disabled by .npmrc, so the
// runtime is fetched here on first start; where it cannot be had (offline,
// locked-down machines) Duto opens in the browser shell instead.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const run = (args) => spawnSync(process.execPath, args, { stdio: 'inherit' });

if (run(['scripts/build.mjs']).status !== 0) process.exit(1);

function electronBinary() {
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const pathTxt = join('node_modules', 'electron', 'path.txt');
  const exe = existsSync(pathTxt)
    ? readFileSync(pathTxt, 'utf8').trim()
    : process.platform === 'win32'
      ? 'electron.exe'
      : process.platform === 'darwin'
        ? 'Electron.app/Contents/MacOS/Electron'
        : 'electron';
  const candidate = override ? join(override, exe) : join('node_modules', 'electron', 'dist', exe);
  return existsSync(candidate) ? candidate : undefined;
}

let binary = electronBinary();
if (binary === undefined && !process.argv.includes('--web')) {
  console.log('Fetching the Electron runtime (first start only)…');
  // The installer prints a stack trace when offline: keep it out of sight, say why in one line.
  const r = spawnSync(process.execPath, [join('node_modules', 'electron', 'install.js')], {
    encoding: 'utf8',
    timeout: 180_000,
  });
  if (r.status === 0) binary = electronBinary();
  else {
    const out = `${r.stderr ?? ''}\n${r.stdout ?? ''}`;
    const why =
      out
        .split('\n')
        .find((l) => /error/i.test(l))
        ?.trim() ?? (r.error ? String(r.error.message) : `installer exited with ${r.status}`);
    console.log(`Could not fetch the Electron runtime: ${why}`);
  }
}

if (binary === undefined) {
  console.log('No Electron runtime is available here; starting the browser shell instead.');
  const web = spawn(process.execPath, ['dist/web.js'], { stdio: 'inherit' });
  web.on('exit', (code) => process.exit(code ?? 0));
} else {
  const app = spawn(binary, ['.'], { stdio: 'inherit' });
  app.on('exit', (code) => process.exit(code ?? 0));
}
