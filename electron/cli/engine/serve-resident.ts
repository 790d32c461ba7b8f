import { prestartInstance } from '../../engine/sandbox/prestart';
import { main } from '../main';
import { engineSocket } from './engine-socket';
import { serveEngine } from './engine-server';

/** How long an engine waits for the next command before it leaves. */
const IDLE_MS = 10 * 60_000;
/** A command that left the engine bigger than this is its last (DuckDB's memory then goes back to the system). */
const MAX_RSS_BYTES = 1024 ** 3;

/** `duto engine serve`: what bin/engine-client.js starts. The bundle is this file's own (dist/cli.cjs). */
export async function serveResident(bundle: string): Promise<number> {
  const socket = engineSocket(bundle, process.env);
  if (socket === undefined) return 1;
  // Loaded now, not while the first client waits: the run command and DuckDB's bindings.
  await import('../commands/run');
  const idleSeconds = Number(process.env['DUTO_ENGINE_IDLE_SECONDS']);
  return serveEngine({
    socket,
    run: main,
    warm: prestartInstance,
    idleMs: Number.isFinite(idleSeconds) && idleSeconds > 0 ? idleSeconds * 1000 : IDLE_MS,
    maxRssBytes: MAX_RSS_BYTES,
  });
}
