import type { MessageLocale } from '../../shared/messages/template';

/**
 * The language of the CLI's diagnostics, from the environment as POSIX
 * orders it (LC_ALL, then LC_MESSAGES, then LANG): Portuguese for `pt_BR`
 * (or any `pt`), English otherwise. `--json` and the exit code never change.
 */
export function cliLocale(env: NodeJS.ProcessEnv = process.env): MessageLocale {
  const value = [env['LC_ALL'], env['LC_MESSAGES'], env['LANG']].find((v) => v !== undefined && v !== '') ?? '';
  return /^pt([_.@-]|$)/i.test(value) ? 'pt-BR' : 'en';
}
