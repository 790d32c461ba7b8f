import { mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startWebShell, type WebShell } from './server';

/** Helpers for the browser shell's tests: a shell over a one-page renderer, HTTP through node:http and raw bytes through a TCP socket. */

export type Answer = { status: number; body: string; headers: Record<string, string | string[] | undefined> };

export async function startTestShell(): Promise<{
  shell: WebShell;
  origin: string;
  port: number;
  rendererDir: string;
}> {
  const rendererDir = mkdtempSync(join(tmpdir(), 'duto-web-'));
  writeFileSync(join(rendererDir, 'index.html'), '<h1>duto</h1>');
  writeFileSync(join(rendererDir, 'app.js'), 'console.log("duto")');
  const shell = await startWebShell(rendererDir, 0, {
    userDataDir: mkdtempSync(join(tmpdir(), 'duto-web-user-')),
    version: '1.2.3',
    workDir: rendererDir,
  });
  const origin = new URL(shell.url).origin;
  return { shell, origin, port: Number(new URL(origin).port), rendererDir };
}

export function send(
  method: string,
  url: string,
  headers: Record<string, string> = {},
  body?: string,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text, headers: res.headers }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * Writes `bytes` on a fresh connection and collects what comes back until the
 * server closes it or stays silent for `idleMs` (a request it is still
 * waiting to complete). Never half-closes: Node answers nothing to a client
 * that did.
 */
export function rawExchange(port: number, bytes: Buffer | string, idleMs = 200): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = connect(port, '127.0.0.1');
    let timer: NodeJS.Timeout | undefined;
    const finish = (): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve(Buffer.concat(chunks));
    };
    const idle = (): void => {
      clearTimeout(timer);
      timer = setTimeout(finish, idleMs);
    };
    socket.on('connect', () => {
      // The server may close mid-write (it refused early): that is an answer, not a test failure.
      socket.write(bytes, () => idle());
    });
    socket.on('data', (c: Buffer) => {
      chunks.push(c);
      idle();
    });
    socket.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'ECONNREFUSED') {
        clearTimeout(timer);
        reject(e);
      } else finish();
    });
    socket.on('close', finish);
  });
}

/** The status codes of every response in `answer` (pipelined requests get several). */
export function statuses(answer: Buffer): number[] {
  return [...answer.toString('latin1').matchAll(/HTTP\/1\.1 (\d{3}) /g)].map((m) => Number(m[1]));
}
