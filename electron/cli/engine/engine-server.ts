import { rmSync } from 'node:fs';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { dirname } from 'node:path';
import type { Io } from '../io';
import { cancellationFor, type Cancellation } from '../signals';
import {
  MAX_FRAME_BYTES,
  parseClientFrame,
  type ClientFrame,
  type RunRequest,
  type StatusFrame,
} from './engine-frames';
import { enterClientProcess, sameWorld } from './client-process';
import { ensurePrivateFolder } from './engine-socket';

/**
 * The resident engine (issue #12, fast starts): a CLI process that stays
 * loaded and runs the commands clients hand it (bin/engine-client.js), one at a
 * time, each in the client's folder, environment and umask, with its output
 * and exit code relayed. A second command while one runs is answered "busy"
 * and runs in its own process, so two commands never share the process's
 * state. Between commands, after a run, it keeps what the run computed
 * without keeping it (`run --idle-keep`, keep-idle.ts), giving way at once
 * to the next command. The engine leaves when idle, when stopped, or when a
 * run left it big.
 */

export type CommandRunner = (
  argv: readonly string[],
  io: Io,
  cancellation: (io: Io) => Cancellation,
) => Promise<number>;

export interface EngineOptions {
  socket: string;
  /** Runs one command: the CLI's main. */
  run: CommandRunner;
  /** Readies what the next command needs (a DuckDB instance started ahead). */
  warm: () => void;
  /** Leaves after this long with no command. */
  idleMs: number;
  /** Leaves after a command that left the process bigger than this (DuckDB's memory comes back to the system only so). */
  maxRssBytes: number;
}

/** Serves until idle or stopped; resolves with the process's exit code. */
export async function serveEngine(o: EngineOptions): Promise<number> {
  if (!ensurePrivateFolder(dirname(o.socket))) return 1;
  if (await answers(o.socket)) return 0; // Another engine has this socket: it serves.
  rmSync(o.socket, { force: true }); // Left by one that died.
  const world = { ...process.env };
  let busy = false;
  /** Idle-time keeping under way: stopped (and awaited) before anything else runs. */
  let keeping: { stop: () => void; done: Promise<void> } | undefined;
  let served = 0;
  let leaving = false;
  const startedAt = new Date().toISOString();
  let idle: NodeJS.Timeout | undefined;
  const server: Server = createServer((conn) => void handle(conn));
  const leave = (): void => {
    leaving = true;
    keeping?.stop();
    if (busy || keeping !== undefined) return; // After the command, or once keeping has stopped.
    if (idle !== undefined) clearTimeout(idle);
    server.close();
  };
  const rearm = (): void => {
    if (idle !== undefined) clearTimeout(idle);
    idle = setTimeout(leave, o.idleMs);
    idle.unref();
  };

  async function handle(conn: Socket): Promise<void> {
    conn.on('error', () => undefined);
    conn.setEncoding('utf8');
    const first = await firstFrame(conn);
    if (first === undefined) return void conn.destroy();
    if (first.t === 'status') {
      const status: StatusFrame = {
        t: 'status',
        pid: process.pid,
        startedAt,
        served,
        busy,
        keeping: keeping !== undefined,
        rssBytes: process.memoryUsage.rss(),
      };
      return void conn.end(`${JSON.stringify(status)}\n`);
    }
    if (first.t === 'stop') {
      conn.end(`${JSON.stringify({ t: 'stopping' })}\n`);
      return leave();
    }
    if (first.t !== 'run') return void conn.destroy();
    // Busy, leaving, or a client whose time zone or language this process cannot take on: it runs the command itself.
    if (busy || leaving || !sameWorld(world, first.env)) return void conn.end(`${JSON.stringify({ t: 'busy' })}\n`);
    busy = true;
    if (idle !== undefined) clearTimeout(idle);
    let code: number | undefined;
    try {
      // The command goes first: keeping stops (DuckDB interrupted, nothing half-written kept).
      if (keeping !== undefined) {
        keeping.stop();
        await keeping.done;
      }
      code = await runFor(conn, first);
    } finally {
      busy = false;
      served++;
      afterWork(code === 0 && keepsAfter(first.argv) ? first : undefined);
    }
  }

  /** After a command or keeping: leave, keep what the run left (`keepFor`), or wait for the next command. */
  function afterWork(keepFor: RunRequest | undefined): void {
    if (process.memoryUsage.rss() > o.maxRssBytes) leaving = true;
    if (leaving) return leave();
    o.warm();
    if (keepFor !== undefined) startKeeping(keepFor);
    else rearm();
  }

  function startKeeping(request: RunRequest): void {
    const leaveClient = enterClientProcess(request);
    if (leaveClient === undefined) return rearm();
    let deliver: ((sig: 'SIGINT') => void) | undefined;
    let stopped = false;
    const quiet: Io = { out: () => undefined, err: () => undefined, tty: false, columns: 80 };
    const done = (async () => {
      try {
        const [command, ...rest] = request.argv;
        await o.run(['node', 'duto', command ?? 'run', '--idle-keep', ...rest], quiet, (commandIo) => {
          const made = cancellationFor(commandIo, () => undefined);
          deliver = made.deliver;
          if (stopped) made.deliver('SIGINT');
          return made.cancellation;
        });
      } catch {
        // Idle work: the next run says what matters.
      } finally {
        leaveClient();
        keeping = undefined;
      }
    })();
    keeping = {
      stop: () => {
        stopped = true;
        deliver?.('SIGINT');
      },
      done,
    };
    // Once keeping ends on its own (not stopped for a command, which takes over): idle as after any command.
    void done.then(() => {
      if (!busy) afterWork(undefined);
    });
  }

  async function runFor(conn: Socket, request: RunRequest): Promise<number | undefined> {
    const leaveClient = enterClientProcess(request);
    if (leaveClient === undefined) {
      conn.end(`${JSON.stringify({ t: 'busy' })}\n`);
      return undefined;
    }
    const send = (frame: object): void => {
      if (!conn.destroyed && conn.writable) conn.write(`${JSON.stringify(frame)}\n`);
    };
    let quitCode: number | undefined;
    let deliver: ((sig: 'SIGINT' | 'SIGTERM' | 'SIGHUP') => void) | undefined;
    const io: Io = {
      out: (d) => send({ t: 'out', d }),
      err: (d) => send({ t: 'err', d }),
      tty: request.tty,
      columns: request.columns,
    };
    const cancellation = (commandIo: Io): Cancellation => {
      const made = cancellationFor(commandIo, (code) => {
        // A second signal, or one before the command could wind down: the client is told at once.
        quitCode ??= code;
        send({ t: 'exit', code });
        conn.end();
      });
      deliver = made.deliver;
      return made.cancellation;
    };
    let rest = '';
    conn.on('data', (chunk: string) => {
      rest += chunk;
      for (let nl = rest.indexOf('\n'); nl >= 0; nl = rest.indexOf('\n')) {
        const frame = parseClientFrame(rest.slice(0, nl));
        rest = rest.slice(nl + 1);
        if (frame?.t === 'signal') deliver?.(frame.sig);
      }
    });
    // The client went away (killed, its terminal closed): the command is cancelled as on SIGHUP.
    conn.on('close', () => {
      if (quitCode === undefined) deliver?.('SIGHUP');
    });
    send({ t: 'accepted' });
    try {
      const code = await o.run(['node', 'duto', ...request.argv], io, cancellation);
      if (quitCode === undefined) send({ t: 'exit', code });
      return quitCode ?? code;
    } catch {
      if (quitCode === undefined) send({ t: 'exit', code: 1 });
      return 1;
    } finally {
      leaveClient();
      conn.end();
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.socket, () => {
      server.off('error', reject);
      resolve();
    });
  });
  o.warm();
  rearm();
  await new Promise<void>((resolve) => server.on('close', resolve));
  rmSync(o.socket, { force: true });
  return 0;
}

/** A run that keeps nothing big (`--no-cache`), or asks for help, leaves nothing to keep. */
function keepsAfter(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  const options = end < 0 ? argv : argv.slice(0, end);
  return argv[0] === 'run' && !options.some((a) => a === '--no-cache' || a === '--help' || a === '-h');
}

/** The first frame of a connection, or undefined when it is malformed, too big, or does not come within 10 s. */
function firstFrame(conn: Socket): Promise<ClientFrame | undefined> {
  return new Promise((resolve) => {
    let text = '';
    const timer = setTimeout(() => finish(undefined), 10_000);
    const finish = (frame: ClientFrame | undefined, rest = ''): void => {
      clearTimeout(timer);
      conn.off('data', onData);
      if (rest !== '') conn.unshift(rest, 'utf8');
      resolve(frame);
    };
    const onData = (chunk: string): void => {
      text += chunk;
      const nl = text.indexOf('\n');
      if (nl >= 0) return finish(parseClientFrame(text.slice(0, nl)), text.slice(nl + 1));
      if (text.length > MAX_FRAME_BYTES) finish(undefined);
    };
    conn.on('data', onData);
    conn.once('end', () => finish(undefined));
  });
}

/** Whether an engine answers on `socket`. */
export function answers(socket: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createConnection(socket);
    probe.once('connect', () => {
      probe.destroy();
      resolve(true);
    });
    probe.once('error', () => resolve(false));
  });
}
