import type { DuckDBConnection } from '@duckdb/node-api';
import { randomUUID } from 'node:crypto';
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { str } from '../../../shared/sql/quote';
import { runOne } from '../walls/one-statement';
import type { DeltaSnapshot } from './delta-snapshot';

const COLUMNS = `{
  protocol: 'STRUCT(minReaderVersion INTEGER, minWriterVersion INTEGER)',
  metaData: 'STRUCT(id VARCHAR, format STRUCT(provider VARCHAR, options MAP(VARCHAR, VARCHAR)), schemaString VARCHAR, partitionColumns VARCHAR[], configuration MAP(VARCHAR, VARCHAR), createdTime BIGINT)',
  add: 'STRUCT(path VARCHAR, partitionValues MAP(VARCHAR, VARCHAR), size BIGINT, modificationTime BIGINT, dataChange BOOLEAN, stats VARCHAR)'
}`;

/**
 * Writes the Parquet checkpoint of a snapshot (protocol, metaData and one
 * `add` per active file; PROTOCOL.md "Checkpoints") with DuckDB's COPY, then
 * `_last_checkpoint`; both reach their names by rename, so a reader sees a
 * whole checkpoint or none.
 */
export async function writeCheckpoint(conn: DuckDBConnection, snapshot: DeltaSnapshot): Promise<void> {
  const logDir = join(snapshot.table, '_delta_log');
  const id = randomUUID();
  const rowsFile = join(logDir, `.tmp-${id}.ndjson`);
  const tempParquet = join(logDir, `.tmp-${id}.parquet`);
  const { protocol: p, metaData: m } = snapshot;
  const rows = [
    { protocol: { minReaderVersion: p.minReaderVersion, minWriterVersion: p.minWriterVersion } },
    {
      metaData: {
        id: m.id,
        format: { provider: 'parquet', options: {} },
        schemaString: m.schemaString,
        partitionColumns: m.partitionColumns,
        configuration: m.configuration ?? {},
        createdTime: m.createdTime ?? null,
      },
    },
    ...snapshot.files.map((f) => ({
      add: {
        path: f.logPath,
        partitionValues: f.partitionValues,
        size: f.size,
        modificationTime: 0,
        dataChange: false,
        stats: f.stats ?? null,
      },
    })),
  ];
  try {
    writeFileSync(rowsFile, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
    await runOne(
      conn,
      `COPY (SELECT * FROM read_json(${str(rowsFile)}, format = 'newline_delimited', columns = ${COLUMNS})) TO ${str(tempParquet)} (FORMAT parquet)`,
    );
    const name = `${String(snapshot.version).padStart(20, '0')}.checkpoint.parquet`;
    renameSync(tempParquet, join(logDir, name));
    const last = join(logDir, `.tmp-${id}.last`);
    writeFileSync(last, JSON.stringify({ version: snapshot.version, size: rows.length }));
    renameSync(last, join(logDir, '_last_checkpoint'));
  } finally {
    rmSync(rowsFile, { force: true });
    rmSync(tempParquet, { force: true });
  }
}
