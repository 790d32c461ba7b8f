import { z } from 'zod';

/**
 * What a client sends the resident engine, one JSON object per line. The
 * socket is private to the user, but the engine still takes nothing it did not
 * check: a malformed frame closes the connection.
 */

const runRequest = z.strictObject({
  t: z.literal('run'),
  v: z.literal(1),
  argv: z.array(z.string().max(1_000_000)).max(10_000),
  cwd: z.string().min(1).max(4096),
  env: z.record(z.string(), z.string()),
  umask: z.number().int().min(0).max(0o777),
  tty: z.boolean(),
  columns: z.number().int().min(1).max(10_000),
});

export const clientFrame = z.discriminatedUnion('t', [
  runRequest,
  z.strictObject({ t: z.literal('signal'), sig: z.enum(['SIGINT', 'SIGTERM', 'SIGHUP']) }),
  z.strictObject({ t: z.literal('status') }),
  z.strictObject({ t: z.literal('stop') }),
]);

export type ClientFrame = z.infer<typeof clientFrame>;
export type RunRequest = z.infer<typeof runRequest>;

/** The most a client's first frame may hold (its environment and arguments). */
export const MAX_FRAME_BYTES = 8 * 1024 * 1024;

/** Parses one line from a client; undefined when it is not a frame. */
export function parseClientFrame(line: string): ClientFrame | undefined {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  const parsed = clientFrame.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

/** What the engine answers about itself (`duto engine status`). */
export const statusFrame = z.object({
  t: z.literal('status'),
  pid: z.number().int(),
  startedAt: z.string(),
  served: z.number().int(),
  busy: z.boolean(),
  /** Keeping, in idle time, what the last run computed without keeping it (keep-idle.ts). */
  keeping: z.boolean(),
  rssBytes: z.number(),
});
export type StatusFrame = z.infer<typeof statusFrame>;
