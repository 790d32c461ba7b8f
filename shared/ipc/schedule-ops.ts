import { z } from 'zod';
import { triggerSchema } from '../format/document';
import { diagnosticSchema } from './results';

/**
 * What the app's scheduler answers (electron/host/app-scheduler.ts): per
 * scheduled pipeline it knows, its triggers as written, the next cron fire
 * and the last run it started, with how that ended.
 */

/** `refused`: another process (`duto serve`, `duto run`) held the pipeline's run lock; `restricted`: the file is not trusted (never run). */
export const scheduledOutcomeSchema = z.enum(['succeeded', 'failed', 'cancelled', 'refused', 'restricted']);
export type ScheduledOutcome = z.infer<typeof scheduledOutcomeSchema>;

export const scheduledPipelineSchema = z.object({
  file: z.string(),
  name: z.string().optional(),
  /** Restricted pipelines are listed (so the user knows why they do not run) but never scheduled. */
  trusted: z.boolean(),
  triggers: z.array(triggerSchema),
  /** The next cron fire (ms since the epoch) while the scheduler is on; null when none or off. */
  next: z.number().nullable(),
  last: z.object({ at: z.number(), outcome: scheduledOutcomeSchema, message: z.string().optional() }).nullable(),
  /** Why a trigger cannot fire (a bad cron, an `after` naming a pipeline the app does not know). */
  problems: z.array(diagnosticSchema),
});
export type ScheduledPipeline = z.infer<typeof scheduledPipelineSchema>;

export const schedulesStatusSchema = z.object({
  enabled: z.boolean(),
  pipelines: z.array(scheduledPipelineSchema),
});
export type SchedulesStatus = z.infer<typeof schedulesStatusSchema>;
