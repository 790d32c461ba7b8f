import { EXIT, type ExitCode } from './exit';
import type { Io } from './io';

/**
 * SIGINT, SIGTERM and SIGHUP all cancel: while a command can wind down
 * (a run: temporary writes removed, locks released), the first signal
 * aborts it and the second exits at once; otherwise a signal exits at once.
 * The exit code is 128 + the signal's number.
 */

const CODES = { SIGINT: EXIT.interrupted, SIGTERM: EXIT.terminated, SIGHUP: EXIT.hangup } as const;
export type CancelSignal = keyof typeof CODES;
const SIGNALS: readonly CancelSignal[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

export interface Cancellation {
  /** Aborted by the first signal. */
  readonly signal: AbortSignal;
  /** The exit code of the signal that cancelled, if one did. */
  exitCode(): ExitCode | undefined;
  /** Runs `work` as one that winds down on `signal` when a signal comes. */
  graceful<T>(work: () => Promise<T>): Promise<T>;
  dispose(): void;
}

export function installSignals(io: Io, quit: (code: ExitCode) => void = (code) => process.exit(code)): Cancellation {
  const { cancellation, deliver } = cancellationFor(io, quit);
  const listeners = SIGNALS.map((sig) => [sig, (): void => deliver(sig)] as const);
  // bin/duto.js exits at once on a signal while the CLI loads; from here on these handlers decide.
  // Ours are added before bin's are removed: with no listener for a moment, Node stops watching the
  // signal and one that arrived while the CLI loaded is lost (the run then went on to the end).
  for (const [sig, listener] of listeners) {
    process.on(sig, listener);
    for (const other of process.listeners(sig)) if (other !== listener) process.off(sig, other);
  }
  return {
    ...cancellation,
    dispose() {
      // Never back to the default action (death with no code): a late signal still quits with its code.
      for (const [sig, listener] of listeners) {
        process.off(sig, listener);
        process.on(sig, () => quit(CODES[sig]));
      }
    },
  };
}

/**
 * The cancellation of one command, with signals delivered by the caller: the
 * process's own (installSignals), or a client's forwarded to the resident
 * engine (engine/engine-server.ts), where `quit` ends that client's command only.
 */
export function cancellationFor(
  io: Io,
  quit: (code: ExitCode) => void,
): { cancellation: Cancellation; deliver: (sig: CancelSignal) => void } {
  const controller = new AbortController();
  let first: CancelSignal | undefined;
  let winding = 0;
  const deliver = (sig: CancelSignal): void => {
    if (first === undefined && winding > 0) {
      first = sig;
      io.err(`\ncancelling (${sig})… (a second signal quits at once)\n`);
      controller.abort();
      return;
    }
    first ??= sig;
    if (io.tty) io.out('\u001b[?25h\n');
    io.err(`\nduto: ${sig}: quitting\n`);
    controller.abort();
    quit(CODES[sig]);
  };
  const cancellation: Cancellation = {
    signal: controller.signal,
    exitCode: () => (first === undefined ? undefined : CODES[first]),
    async graceful(work) {
      winding++;
      try {
        return await work();
      } finally {
        winding--;
      }
    },
    dispose: () => undefined,
  };
  return { cancellation, deliver };
}
