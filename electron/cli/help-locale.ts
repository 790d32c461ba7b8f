import { Help, type Command } from 'commander';
import type { MessageLocale } from '../../shared/messages/template';
import { HELP_PT_BR } from './help-pt-BR';
import { USAGE_ERRORS_PT_BR } from './usage-errors-pt-BR';

/**
 * `duto --help` in the user's language: every description of a command, an
 * argument or an option is looked up by its English text (so one text shared
 * by several commands is translated once), and commander's own headings too.
 * A test lists the program's texts and fails on any without a translation.
 */

const TRANSLATIONS: Record<MessageLocale, ReadonlyMap<string, string> | undefined> = {
  en: undefined,
  'pt-BR': HELP_PT_BR,
};

/** commander's own words: the headings and the built-in help and version options. */
const COMMANDER_TEXTS = [
  'Usage:',
  'Options:',
  'Commands:',
  'Arguments:',
  'Global Options:',
  'display help for command',
  'output the version number',
  'choices:',
  'default:',
] as const;

/** Every text `--help` shows for this program, commander's own words included. */
export function helpTexts(program: Command): string[] {
  const out = new Set<string>(COMMANDER_TEXTS);
  const walk = (cmd: Command): void => {
    if (cmd.description() !== '') out.add(cmd.description());
    for (const a of cmd.registeredArguments) if (a.description !== '') out.add(a.description);
    for (const o of cmd.options) if (o.description !== '') out.add(o.description);
    for (const c of cmd.commands) walk(c);
  };
  walk(program);
  return [...out];
}

/** Rewrites the program's help texts in `locale` (English is left as written). */
export function localizeHelp(program: Command, locale: MessageLocale): void {
  const map = TRANSLATIONS[locale];
  if (map === undefined) return;
  const tr = (text: string): string => map.get(text) ?? text;
  const base = new Help();
  // commander appends "(choices: …, default: …)" itself.
  const extras = (text: string): string =>
    text
      .replace(/\((choices|default): /, (_, w: string) => `(${tr(`${w}:`)} `)
      .replace(', default: ', `, ${tr('default:')} `);
  const walk = (cmd: Command): void => {
    if (cmd.description() !== '') cmd.description(tr(cmd.description()));
    for (const a of cmd.registeredArguments) a.description = tr(a.description);
    for (const o of cmd.options) o.description = tr(o.description);
    cmd.helpOption('-h, --help', tr('display help for command'));
    // Only where commander would add it anyway: naming it forces a help command onto any command.
    if (cmd.commands.length > 0) cmd.helpCommand('help [command]', tr('display help for command'));
    cmd.configureHelp({
      styleTitle: (title) => tr(title),
      optionDescription: (o) => extras(base.optionDescription(o)),
    });
    for (const c of cmd.commands) walk(c);
  };
  walk(program);
}

const USAGE_ERRORS: Record<MessageLocale, ReadonlyArray<readonly [RegExp, string]>> = {
  en: [],
  'pt-BR': USAGE_ERRORS_PT_BR,
};

/** A usage error commander prints (unknown option, a bad value…) in `locale`; what no pattern knows stays English. */
export function localizeUsageError(message: string, locale: MessageLocale): string {
  return USAGE_ERRORS[locale].reduce((text, [pattern, replacement]) => text.replace(pattern, replacement), message);
}
