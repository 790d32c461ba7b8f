import { describe, expect, it } from 'vitest';
import { Redactor } from '../engine/sandbox/redactor';
import { helpTexts, localizeHelp } from './help-locale';
import { HELP_PT_BR } from './help-pt-BR';
import type { Io } from './io';
import { buildProgram } from './program';
import type { Cancellation } from './signals';

function program() {
  const out: string[] = [];
  const io: Io = { out: (s: string) => void out.push(s), err: () => undefined } as Io;
  const cancel = { signal: new AbortController().signal, exitCode: () => undefined } as unknown as Cancellation;
  return { program: buildProgram(io, new Redactor(), cancel, () => undefined, false), out };
}

describe('the CLI help in Portuguese', () => {
  it('has a translation for every text --help shows, of every command (a new option without one fails here)', () => {
    const missing = helpTexts(program().program).filter((t) => !HELP_PT_BR.has(t));
    expect(missing).toEqual([]);
  });

  it('shows the command, its options and commander’s headings in Portuguese', () => {
    const { program: p, out } = program();
    localizeHelp(p, 'pt-BR');
    const run = p.commands.find((c) => c.name() === 'run');
    expect(run).toBeDefined();
    run?.outputHelp();
    // Joined back where commander wrapped the lines.
    const text = out.join('').replace(/\s+/g, ' ');
    expect(text).toContain('Uso: duto run');
    expect(text).toContain('Opções:');
    expect(text).toContain('executa o pipeline');
    expect(text).toContain('(valores: "second-run", "first-run", padrão: "second-run")');
    expect(text).toContain('mostra a ajuda do comando');
    expect(text).not.toMatch(/Usage:|Options:|display help/);
    // A command without subcommands gets no help command.
    expect(text).not.toContain('help [command]');
  });
});
