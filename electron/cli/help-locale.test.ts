import { describe, expect, it } from 'vitest';
import { Redactor } from '../engine/sandbox/redactor';
import { helpTexts, localizeHelp, localizeUsageError } from './help-locale';
import { HELP_PT_BR } from './help-pt-BR';
import type { Io } from './io';
import { buildProgram } from './program';
import type { Cancellation } from './signals';

function program() {
  const out: string[] = [];
  const io: Io = { out: (s: string) => void out.push(s), err: () => undefined, tty: false, columns: 80 };
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

describe('usage errors in Portuguese', () => {
  it('translates commander’s errors and the argument parsers’, keeping what the user typed', () => {
    expect(localizeUsageError("error: unknown option '--bogus'\n(Did you mean --force?)\n", 'pt-BR')).toBe(
      "erro: opção desconhecida '--bogus'\n(Você quis dizer --force?)\n",
    );
    expect(
      localizeUsageError(
        "error: option '--threads <n>' argument '0' is invalid. expected a positive whole number\n",
        'pt-BR',
      ),
    ).toBe("erro: o valor '0' da opção '--threads <n>' é inválido. esperado um número inteiro positivo\n");
    expect(
      localizeUsageError(
        "error: option '--notify-on <when>' argument 'x' is invalid. Allowed choices are failure, always.\n",
        'pt-BR',
      ),
    ).toBe("erro: o valor 'x' da opção '--notify-on <when>' é inválido. Valores permitidos: failure, always.\n");
    expect(
      localizeUsageError("error: too many arguments for 'schema'. Expected 2 arguments but got 3.\n", 'pt-BR'),
    ).toBe("erro: argumentos demais para 'schema': esperados 2, recebidos 3.\n");
    expect(localizeUsageError("error: unknown option '--bogus'\n", 'en')).toBe("error: unknown option '--bogus'\n");
  });
});
