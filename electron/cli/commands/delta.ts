import { resolve } from 'node:path';
import { describeTable, tableHistory } from '../../engine/delta/delta-history';
import { DEFAULT_RETENTION_HOURS, vacuumTable } from '../../engine/delta/delta-vacuum';
import { EXIT, type ExitCode } from '../exit';
import { printJson } from '../format';
import type { Io } from '../io';

export interface DeltaOpts {
  json?: boolean;
}

export interface VacuumOpts extends DeltaOpts {
  retainHours?: number;
  dryRun?: boolean;
}

/** `duto delta history TABLE`: the versions in the log, newest first. */
export function deltaHistoryCommand(table: string, opts: DeltaOpts, io: Io): ExitCode {
  const entries = tableHistory(resolve(table));
  if (opts.json === true) printJson(io, entries);
  else {
    for (const e of entries) {
      const rows = e.rowsAdded === undefined ? '' : `, ${e.rowsAdded} rows added`;
      io.out(
        `${e.version}\t${new Date(e.timestamp).toISOString()}\t${e.operation}\t+${e.filesAdded} -${e.filesRemoved} files${rows}${e.engine === undefined ? '' : `\t${e.engine}`}\n`,
      );
    }
  }
  return EXIT.ok;
}

/** `duto delta describe TABLE`: the latest version's columns, partitions, protocol and files. */
export async function deltaDescribeCommand(table: string, opts: DeltaOpts, io: Io): Promise<ExitCode> {
  const s = await describeTable(resolve(table));
  const summary = {
    version: s.version,
    id: s.metaData.id,
    columns: s.columns.map((c) => ({ name: c.name, type: c.type, nullable: c.nullable })),
    partitionColumns: s.partitionColumns,
    protocol: {
      minReaderVersion: s.protocol.minReaderVersion,
      minWriterVersion: s.protocol.minWriterVersion,
      readerFeatures: s.protocol.readerFeatures ?? [],
    },
    columnMapping: s.mappingMode,
    files: s.files.length,
    bytes: s.files.reduce((n, f) => n + f.size, 0),
  };
  if (opts.json === true) printJson(io, summary);
  else {
    io.out(
      `version ${summary.version} · ${summary.files} files · ${summary.bytes} bytes · reader v${summary.protocol.minReaderVersion} writer v${summary.protocol.minWriterVersion}\n`,
    );
    if (summary.partitionColumns.length > 0) io.out(`partitioned by ${summary.partitionColumns.join(', ')}\n`);
    for (const c of summary.columns) io.out(`  ${c.name}\t${c.type}${c.nullable ? '' : ' NOT NULL'}\n`);
  }
  return EXIT.ok;
}

/** `duto delta vacuum TABLE`: deletes the files no longer used, older than the retention. */
export async function deltaVacuumCommand(table: string, opts: VacuumOpts, io: Io): Promise<ExitCode> {
  const r = await vacuumTable(
    resolve(table),
    opts.retainHours ?? DEFAULT_RETENTION_HOURS,
    Date.now(),
    opts.dryRun === true,
  );
  if (opts.json === true) printJson(io, r);
  else {
    for (const f of r.deleted) io.out(`${opts.dryRun === true ? 'would delete' : 'deleted'} ${f}\n`);
    io.out(
      `${r.deleted.length} files ${opts.dryRun === true ? 'to delete' : 'deleted'}, ${r.kept} unused files kept (retention ${r.retentionHours} h)\n`,
    );
  }
  return EXIT.ok;
}
