import { randomUUID } from 'node:crypto';
import type { WrittenFile } from './delta-data-files';
import type { ActiveFile } from './delta-snapshot';

/** The actions creating a table: protocol and metaData (its columns and partition columns). */
export function createActions(schemaString: string, partitionColumns: readonly string[], now: number): unknown[] {
  return [
    { protocol: { minReaderVersion: 1, minWriterVersion: 2 } },
    {
      metaData: {
        id: randomUUID(),
        format: { provider: 'parquet', options: {} },
        schemaString,
        partitionColumns,
        configuration: {},
        createdTime: now,
      },
    },
  ];
}

export function addAction(f: WrittenFile, now: number): unknown {
  return {
    add: {
      path: f.logPath,
      partitionValues: f.partitionValues,
      size: f.size,
      modificationTime: now,
      dataChange: true,
      stats: f.stats,
    },
  };
}

export function removeAction(f: ActiveFile, now: number): unknown {
  return {
    remove: {
      path: f.logPath,
      deletionTimestamp: now,
      dataChange: true,
      extendedFileMetadata: true,
      partitionValues: f.partitionValues,
      size: f.size,
    },
  };
}

/** The schemaString of the rows written (every column nullable, as Spark writes them). */
export function schemaStringOf(columns: ReadonlyArray<{ name: string; deltaType: string }>): string {
  return JSON.stringify({
    type: 'struct',
    fields: columns.map((c) => ({ name: c.name, type: c.deltaType, nullable: true, metadata: {} })),
  });
}
