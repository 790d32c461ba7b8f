import { spawn } from 'node:child_process';
import { createConnection } from 'node:net';
import { EXIT, type ExitCode } from '../exit';
import { printJson } from '../format';
import type { Io } from '../io';
import { statusFrame, type StatusFrame } from '../engine/engine-frames';
import { answers } from '../engine/engine-server';
import { engineSocket } from '../engine/engine-socket';
import { cliLocale } from '../locale';

/**
 * `duto engine status|start|stop`: the resident engine that runs commands
 * typed in a terminal (engine/engine-server.ts, bin/engine-client.js).
 */
export interface EngineOpts {
  json?: boolean;
}

const TEXTS = {
  en: {
    none: 'no engine running (one starts with the next command typed in a terminal)',
    running: (pid: string, since: string, served: string, busy: boolean, mib: string) =>
      `engine running: pid ${pid}, since ${since}, ${served} commands served${busy ? ', running one now' : ''}, ${mib} MiB`,
    keeping: 'keeping what the last run computed, for the next edit (gives way to any command)',
    noneToStop: 'no engine running',
    stopping: 'engine stopping (after the command it runs, if any)',
    tooLong: 'no engine here: the path of its socket would be too long (set XDG_RUNTIME_DIR to a shorter folder)',
    already: 'engine already running',
    started: 'engine started',
    notStarted: 'the engine did not start within 15 s',
  },
  'pt-BR': {
    none: 'nenhum motor rodando (o próximo comando digitado num terminal inicia um)',
    running: (pid: string, since: string, served: string, busy: boolean, mib: string) =>
      `motor rodando: pid ${pid}, desde ${since}, ${served} comandos atendidos${busy ? ', um rodando agora' : ''}, ${mib} MiB`,
    keeping: 'guardando o que a última execução calculou, para a próxima edição (cede a vez a qualquer comando)',
    noneToStop: 'nenhum motor rodando',
    stopping: 'o motor vai parar (depois do comando que estiver rodando)',
    tooLong: 'sem motor aqui: o caminho do socket seria longo demais (defina XDG_RUNTIME_DIR com uma pasta mais curta)',
    already: 'o motor já está rodando',
    started: 'motor iniciado',
    notStarted: 'o motor não iniciou em 15 s',
  },
} as const;

const texts = (): (typeof TEXTS)['en'] | (typeof TEXTS)['pt-BR'] => TEXTS[cliLocale()];

/** Sends one frame and reads the one line answered, or undefined when no engine answers. */
function ask(socket: string, frame: object): Promise<string | undefined> {
  return new Promise((resolve) => {
    const conn = createConnection(socket);
    let text = '';
    conn.setEncoding('utf8');
    conn.on('connect', () => conn.write(`${JSON.stringify(frame)}\n`));
    conn.on('data', (d: string) => (text += d));
    conn.on('error', () => resolve(undefined));
    conn.on('close', () => resolve(text.split('\n')[0]));
  });
}

function parseStatus(line: string | undefined): StatusFrame | undefined {
  if (line === undefined || line === '') return undefined;
  try {
    const parsed = statusFrame.safeParse(JSON.parse(line));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export async function engineStatusCommand(bundle: string, opts: EngineOpts, io: Io): Promise<ExitCode> {
  const socket = engineSocket(bundle, process.env);
  const status = socket === undefined ? undefined : parseStatus(await ask(socket, { t: 'status' }));
  if (opts.json === true) {
    printJson(io, {
      running: status !== undefined,
      socket: socket ?? null,
      ...(status === undefined ? {} : { status }),
    });
    return EXIT.ok;
  }
  const t = texts();
  const locale = cliLocale();
  if (status === undefined) io.out(`${t.none}\n`);
  else
    io.out(
      `${t.running(
        String(status.pid),
        new Date(status.startedAt).toLocaleString(locale),
        status.served.toLocaleString(locale),
        status.busy,
        Math.round(status.rssBytes / 2 ** 20).toLocaleString(locale),
      )}\n${status.keeping ? `  ${t.keeping}\n` : ''}`,
    );
  return EXIT.ok;
}

export async function engineStopCommand(bundle: string, io: Io): Promise<ExitCode> {
  const socket = engineSocket(bundle, process.env);
  const answer = socket === undefined ? undefined : await ask(socket, { t: 'stop' });
  io.out(`${answer === undefined ? texts().noneToStop : texts().stopping}\n`);
  return EXIT.ok;
}

export async function engineStartCommand(bundle: string, bin: string, io: Io): Promise<ExitCode> {
  const socket = engineSocket(bundle, process.env);
  if (socket === undefined) {
    io.err(
      'duto: no engine here: the path of its socket would be too long (set XDG_RUNTIME_DIR to a shorter folder)\n',
    );
    return EXIT.failed;
  }
  if (await answers(socket)) {
    io.out(`${texts().already}\n`);
    return EXIT.ok;
  }
  spawn(process.execPath, [bin, 'engine', 'serve'], { detached: true, stdio: 'ignore', cwd: '/' }).unref();
  for (let waited = 0; waited < 15_000; waited += 50) {
    await new Promise((r) => setTimeout(r, 50));
    if (await answers(socket)) {
      io.out(`${texts().started}\n`);
      return EXIT.ok;
    }
  }
  io.err(`duto: ${texts().notStarted}\n`);
  return EXIT.failed;
}
