'use strict';
// The client of the resident engine (issue #12, fast starts). In a terminal, a
// command that runs pipelines (`duto run`, `preview`…) is handed to an engine
// process that stays loaded — the CLI's code compiled, DuckDB's native library
// open, a DuckDB instance started ahead — instead of loading all of it again
// for every command, which costs more than a re-run served from the node cache.
// The engine runs the same CLI code on the client's arguments, folder,
// environment and umask, one command at a time; this process only relays its
// output and exit code, and forwards Ctrl-C. Anything unusual — no engine yet,
// a busy one, a socket folder not private to this user — and the command runs
// in this process as always.
//
// DUTO_ENGINE=off never uses one, DUTO_ENGINE=on uses one also outside a
// terminal (the benchmark, scripts that re-run often). Not on Windows.
const { createHash } = require('node:crypto');
const { existsSync, lstatSync, statSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join, resolve } = require('node:path');

/** Commands the engine serves: they only read arguments and files and write stdout/stderr. */
const SERVED = new Set(['run', 'validate', 'schema', 'preview', 'profile', 'sql', 'explain']);
/** Longest path a Unix socket takes (sun_path is 108 bytes on Linux, 104 on macOS). */
const MAX_SOCKET_PATH = 100;

/** The folder of this user's engine sockets: in the runtime folder, else a private one in the temp folder. */
function socketFolder(env) {
  const runtime = env.XDG_RUNTIME_DIR;
  return runtime !== undefined && runtime !== ''
    ? join(resolve(runtime), 'duto')
    : join(tmpdir(), `duto-${String(process.getuid())}`);
}

/**
 * The socket of the engine for this bundle: one per build, Node and user, so a
 * rebuilt or upgraded CLI never talks to an engine running older code.
 * electron/cli/engine/engine-socket.ts computes the same (a test holds them equal).
 */
function engineSocket(bundle, env) {
  const s = statSync(bundle);
  const id = createHash('sha256')
    .update(
      `${resolve(bundle)}\0${String(s.size)}-${String(Math.trunc(s.mtimeMs))}\0${process.version}\0${process.arch}`,
    )
    .digest('hex')
    .slice(0, 16);
  const path = join(socketFolder(env), `engine-${id}.sock`);
  return Buffer.byteLength(path) <= MAX_SOCKET_PATH ? path : undefined;
}

/** The folder is this user's alone (a socket in a folder others can write could be anyone's). */
function privateFolder(dir) {
  try {
    const s = lstatSync(dir);
    return s.isDirectory() && s.uid === process.getuid() && (s.mode & 0o077) === 0;
  } catch {
    return false;
  }
}

/** Whether this command goes to the engine: `socket` to use, else undefined. */
function engineFor(args, env, bundle) {
  if (process.platform === 'win32' || typeof process.getuid !== 'function') return undefined;
  const mode = env.DUTO_ENGINE;
  if (mode === 'off' || (mode !== 'on' && !(process.stdout.isTTY || process.stderr.isTTY))) return undefined;
  // A failpoint kills its process on purpose: never the engine.
  if (env.DUTO_FAILPOINTS !== undefined && env.DUTO_FAILPOINTS !== '') return undefined;
  const command = args.find((a) => !a.startsWith('-'));
  if (command === undefined || !SERVED.has(command) || args.includes('--help') || args.includes('-h')) return undefined;
  try {
    return engineSocket(bundle, env);
  } catch {
    return undefined;
  }
}

/**
 * Runs the command in the engine at `socket`. Resolves, when the engine could
 * not take it, why: 'absent' (none is listening), 'busy' (one is running
 * another command) or 'unsafe' (the socket's folder is not this user's alone);
 * the caller then runs it itself. Otherwise the process exits with the
 * command's code once its output is written.
 */
function runInEngine(socket, args, env) {
  const folder = join(socket, '..');
  // No folder yet: no engine either (the first one makes it).
  if (!existsSync(folder)) return Promise.resolve('absent');
  if (!privateFolder(folder)) return Promise.resolve('unsafe');
  const { createConnection } = require('node:net');
  return new Promise((done) => {
    const conn = createConnection(socket);
    let accepted = false;
    // Connected: an engine is there, whatever it then answers.
    let answered = false;
    let exitCode;
    let buffered = '';
    const signals = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };
    const forward = (sig) => {
      if (!accepted || conn.destroyed) process.exit(signals[sig]);
      conn.write(`${JSON.stringify({ t: 'signal', sig })}\n`);
    };
    for (const sig of Object.keys(signals)) process.on(sig, forward);
    const giveUp = (why) => {
      for (const sig of Object.keys(signals)) process.off(sig, forward);
      conn.destroy();
      done(why);
    };
    conn.on('connect', () => {
      answered = true;
      const request = {
        t: 'run',
        v: 1,
        argv: args,
        cwd: process.cwd(),
        env,
        umask: process.umask(),
        tty: Boolean(process.stdout.isTTY) && env.TERM !== 'dumb',
        columns: process.stdout.columns > 0 ? process.stdout.columns : 100,
      };
      conn.write(`${JSON.stringify(request)}\n`);
    });
    conn.setEncoding('utf8');
    conn.on('data', (chunk) => {
      buffered += chunk;
      let nl;
      while ((nl = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        let frame;
        try {
          frame = JSON.parse(line);
        } catch {
          frame = undefined;
        }
        if (frame === null || typeof frame !== 'object') continue;
        if (frame.t === 'busy' && !accepted) return giveUp('busy');
        if (frame.t === 'accepted') accepted = true;
        else if (frame.t === 'out' && typeof frame.d === 'string') process.stdout.write(frame.d);
        else if (frame.t === 'err' && typeof frame.d === 'string') process.stderr.write(frame.d);
        else if (frame.t === 'exit' && Number.isInteger(frame.code)) exitCode = frame.code;
      }
    });
    conn.on('error', () => undefined);
    conn.on('close', () => {
      if (!accepted) return giveUp(answered ? 'busy' : 'absent');
      if (exitCode === undefined) {
        process.stderr.write(
          portuguese(env)
            ? 'duto: o motor parou antes de o comando terminar; rode-o de novo (DUTO_ENGINE=off o roda neste processo)\n'
            : 'duto: the engine stopped before the command ended; run it again (DUTO_ENGINE=off runs it here)\n',
        );
        exitCode = 1;
      }
      // Exit once stdout and stderr have taken everything.
      let pending = 2;
      const flushed = () => {
        if (--pending === 0) process.exit(exitCode);
      };
      process.stdout.write('', flushed);
      process.stderr.write('', flushed);
    });
    for (const stream of [process.stdout, process.stderr]) {
      // `duto preview … | head`: the reader went away, which ends the command.
      stream.on('error', (e) => {
        conn.destroy();
        process.exit(e.code === 'EPIPE' ? 0 : 1);
      });
    }
  });
}

/** The CLI's language, as electron/cli/locale.ts reads it: Portuguese for any `pt` locale. */
function portuguese(env) {
  const value = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((v) => v !== undefined && v !== '') || '';
  return /^pt([_.@-]|$)/i.test(value);
}

/** Starts an engine for the next command, detached: its own session, so the terminal's Ctrl-C never reaches it. */
function startEngine(bin, env) {
  try {
    const { spawn } = require('node:child_process');
    spawn(process.execPath, [bin, 'engine', 'serve'], { detached: true, stdio: 'ignore', env, cwd: '/' }).unref();
  } catch {
    // No engine: every command loads as before.
  }
}

module.exports = { engineFor, engineSocket, privateFolder, runInEngine, socketFolder, startEngine };
