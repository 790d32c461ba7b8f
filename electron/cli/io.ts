import type { Redactor } from '../engine/sandbox/redactor';

/** Where a command writes; the real process streams, or buffers in tests. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** stdout is a terminal: live progress, colours, aligned tables. */
  readonly tty: boolean;
  /** Terminal width, when known. */
  readonly columns: number;
}

export function processIo(): Io {
  // `duto history FILE | head`: the reader went away. That ends the output, not with a stack trace.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => process.exit(e.code === 'EPIPE' ? 0 : 1));
  }
  const tty = process.stdout.isTTY && process.env['TERM'] !== 'dumb';
  return {
    out: (t) => void process.stdout.write(t),
    err: (t) => void process.stderr.write(t),
    tty,
    columns: process.stdout.columns > 0 ? process.stdout.columns : 100,
  };
}

/** Waits until stdout and stderr have flushed what was written. */
export function flushed(): Promise<void> {
  const drain = (s: NodeJS.WriteStream): Promise<void> => new Promise((resolve) => s.write('', () => resolve()));
  return Promise.all([drain(process.stdout), drain(process.stderr)]).then(() => undefined);
}

/**
 * The CLI's last wall: what any command writes — diagnostics, tables,
 * `--json`, usage errors — has every secret its sessions resolved (and the
 * --notify URL) replaced by `***`. Commands write whole lines, so a value is
 * never split between two writes.
 */
export function redactedIo(io: Io, redactor: Redactor): Io {
  return {
    out: (t) => io.out(redactor.text(t)),
    err: (t) => io.err(redactor.text(t)),
    get tty() {
      return io.tty;
    },
    get columns() {
      return io.columns;
    },
  };
}
