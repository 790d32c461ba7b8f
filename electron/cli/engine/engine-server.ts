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
 * state. The engine leaves when idle, when stopped, or when a run left it big.
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
  let served = 0;
  let leaving = false;
  const startedAt = new Date().toISOString();
  let idle: NodeJS.Timeout | undefined;
  const server: Server = createServer((conn) => void handle(conn));
  const leave = (): void => {
    leaving = true;
    if (busy) return; // After the command.
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
    try {
      await runFor(conn, first);
    } finally {
      busy = false;
      served++;
      if (process.memoryUsage.rss() > o.maxRssBytes) leaving = true;
      if (leaving) leave();
      else {
        o.warm();
        rearm();
      }
    }
  }

  async function runFor(conn: Socket, request: RunRequest): Promise<void> {
    const leaveClient = enterClientProcess(request);
    if (leaveClient === undefined) return void conn.end(`${JSON.stringify({ t: 'busy' })}\n`);
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
    } catch {
      if (quitCode === undefined) send({ t: 'exit', code: 1 });
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
