import { z } from 'zod';

/**
 * The Delta log's actions (PROTOCOL.md "Actions"), validated with zod as they
 * are read from a JSON commit or a Parquet checkpoint. Unknown fields are kept
 * (the protocol lets writers add them); unknown action kinds are skipped by
 * the replay. Checkpoints hold nulls where JSON commits omit a field, so the
 * optional fields accept both.
 */

const stringMap = z.record(z.string(), z.string().nullable());

export const addAction = z.looseObject({
  path: z.string().min(1),
  partitionValues: stringMap.nullish(),
  size: z.number().nonnegative(),
  modificationTime: z.number().nullish(),
  dataChange: z.boolean().nullish(),
  stats: z.string().nullish(),
  deletionVector: z.looseObject({}).nullish(),
});
export type AddAction = z.infer<typeof addAction>;

export const removeAction = z.looseObject({
  path: z.string().min(1),
  deletionTimestamp: z.number().nullish(),
  deletionVector: z.looseObject({}).nullish(),
});

export const metaDataAction = z.looseObject({
  id: z.string(),
  // Delta Live Tables log a first metaData without a schema, which a later one completes (delta-rs's delta-live-table).
  schemaString: z.string().optional(),
  partitionColumns: z.array(z.string()),
  configuration: stringMap.nullish(),
  createdTime: z.number().nullish(),
});
/** A metaData action as logged; the one a snapshot is read with has its schema (MetaDataAction). */
export type LoggedMetaData = z.infer<typeof metaDataAction>;
export type MetaDataAction = LoggedMetaData & { schemaString: string };

export const protocolAction = z.looseObject({
  minReaderVersion: z.number().int().positive(),
  minWriterVersion: z.number().int().positive(),
  readerFeatures: z.array(z.string()).nullish(),
  writerFeatures: z.array(z.string()).nullish(),
});
export type ProtocolAction = z.infer<typeof protocolAction>;

export const commitInfoAction = z.looseObject({
  timestamp: z.number().nullish(),
  inCommitTimestamp: z.number().nullish(),
  operation: z.string().nullish(),
  operationParameters: z.looseObject({}).nullish(),
  operationMetrics: z.looseObject({}).nullish(),
});

/** One line of a commit (or one checkpoint row): an object with one action key. */
export const actionLine = z.looseObject({
  add: addAction.nullish(),
  remove: removeAction.nullish(),
  metaData: metaDataAction.nullish(),
  protocol: protocolAction.nullish(),
  commitInfo: commitInfoAction.nullish(),
});
export type ActionLine = z.infer<typeof actionLine>;
