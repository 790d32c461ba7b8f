import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * The folder Electron calls userData for an app named Duto, computed without
 * Electron, so the browser shell shares the desktop app's recent files and
 * backups. DUTO_USER_DATA overrides it (tests, portable setups).
 */
export function defaultUserDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  const override = env['DUTO_USER_DATA'];
  if (override !== undefined && override !== '') return override;
  if (platform === 'win32') return join(env['APPDATA'] ?? join(homedir(), 'AppData', 'Roaming'), 'Duto');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Duto');
  return join(env['XDG_CONFIG_HOME'] ?? join(homedir(), '.config'), 'Duto');
}
