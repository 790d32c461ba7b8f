import type { DutoApi, Request } from '../../../shared/ipc/contract';

/** Where a connection test stands, for the Test buttons of the list and of the form. */
export type TestState =
  | { status: 'idle' }
  | { status: 'running' }
  | { status: 'done'; ok: boolean; message: string; elapsedMs: number }
  /** The operation itself failed (engine restarted, invalid request…), as opposed to the connection. */
  | { status: 'error'; message: string };

export async function runTest(api: DutoApi, request: Request<'connections.test'>): Promise<TestState> {
  const reply = await api['connections.test'](request);
  if (!reply.ok) return { status: 'error', message: reply.error.message };
  return { status: 'done', ok: reply.value.ok, message: reply.value.message, elapsedMs: reply.value.elapsedMs };
}
