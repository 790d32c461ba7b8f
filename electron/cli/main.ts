import { CommanderError } from 'commander';
import { DutoError, error, type Diagnostic } from '../../shared/diagnostics';
import { CliExit, EXIT, exitCodeFor } from './exit';
import { printDiagnostics, printJson } from './format';
import { processIo, redactedIo, type Io } from './io';
import { Redactor } from '../engine/sandbox/redactor';
import { fsError } from '../host/fs-errors';
import { buildProgram } from './program';
import { installSignals, type Cancellation } from './signals';

/** `duto`: runs, checks and inspects pipelines headless, with the app's engine. */

/** Runs the CLI on `argv` (as process.argv) and returns the exit code. Never throws. */
export async function main(
  argv: readonly string[],
  rawIo: Io = processIo(),
  cancellation: (io: Io) => Cancellation = installSignals,
): Promise<number> {
  let code: number = EXIT.ok;
  const redactor = new Redactor();
  const io = redactedIo(rawIo, redactor);
  // Before any work: SIGTERM and SIGHUP cancel like SIGINT (signals.ts).
  const cancel = cancellation(io);
  // Asked before parsing, so that even an argument error is answered as JSON.
  const json = argv.slice(2).includes('--json');
  try {
    await buildProgram(io, redactor, cancel, (c) => (code = c), json).parseAsync([...argv]);
  } catch (e) {
    code = json ? handleJsonError(e, io) : handleError(e, io);
  }
  // A cancelled command exits with its signal's code, whatever it ended on.
  return cancel.exitCode() ?? code;
}

function handleError(e: unknown, io: Io): number {
  if (e instanceof CommanderError) {
    // commander has printed its one-line message (or the help) already.
    return e.code === 'commander.helpDisplayed' || e.code === 'commander.version' ? EXIT.ok : EXIT.usage;
  }
  if (e instanceof CliExit) {
    if (e.message !== '') io.err(`duto: ${e.message}\n`);
    return e.code;
  }
  if (e instanceof DutoError) {
    printDiagnostics(io, e.diagnostics);
    return exitCodeFor(e.diagnostics);
  }
  const system = systemError(e);
  io.err(system === undefined ? `duto: unexpected error: ${firstLine(e)}\n` : `duto: ${system}\n`);
  return EXIT.failed;
}

/** As handleError, with the same exit codes, but the error is `{ ok: false, diagnostics }` on stdout (as validate --json prints). */
function handleJsonError(e: unknown, io: Io): number {
  const fail = (code: number, diagnostics: Diagnostic[]): number => {
    printJson(io, { ok: false, diagnostics });
    return code;
  };
  if (e instanceof CommanderError) {
    if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version') return EXIT.ok;
    return fail(EXIT.usage, [error('cli.usage', { detail: e.message.replace(/^error: /, '') })]);
  }
  if (e instanceof CliExit)
    return fail(
      e.code,
      e.message === '' ? [] : [error(e.code === EXIT.usage ? 'cli.usage' : 'cli.failed', { detail: e.message })],
    );
  if (e instanceof DutoError) return fail(exitCodeFor(e.diagnostics), e.diagnostics);
  return fail(EXIT.failed, [error('cli.unexpected', { detail: systemError(e) ?? firstLine(e) })]);
}

/**
 * A file-system error no command caught, said as what could not be done to which file
 * (`cannot open /x/y: permission denied`) rather than as Node's errno text.
 */
function systemError(e: unknown): string | undefined {
  if (!(e instanceof Error) || !('code' in e) || !('path' in e)) return undefined;
  const { code, path } = e;
  if (typeof code !== 'string' || !/^E[A-Z]+$/.test(code) || typeof path !== 'string') return undefined;
  const syscall = 'syscall' in e && typeof e.syscall === 'string' ? e.syscall : 'use';
  const doing: Record<string, string> = { open: 'open', rename: 'write', mkdir: 'make the folder', unlink: 'remove' };
  return fsError(e, path, doing[syscall] ?? 'use').message;
}

function firstLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0] ?? '';
}
