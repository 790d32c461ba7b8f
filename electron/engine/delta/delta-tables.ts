import type { DuckDBConnection } from '@duckdb/node-api';
import { join, resolve } from 'node:path';
import { deltaChoiceOf, type DeltaTableRead, type DeltaVersionChoice } from '../../../shared/catalog/delta-table';
import type { Analysis } from '../../../shared/compiler/plan';
import { DutoError, type Diagnostic } from '../../../shared/diagnostics';
import { openSandbox, type SandboxOptions } from '../sandbox/sandbox';
import type { TrustMode } from '../trust/trust-report';
import { withinFolder } from '../walls/file-boundary';
import { snapshotSql } from './delta-read-sql';
import { loadSnapshot } from './delta-snapshot';

type Answer = { read: DeltaTableRead } | { problem: string; cause?: Diagnostic };

/**
 * The versions of Delta tables a pipeline's source.delta nodes read, read
 * before its nodes compile (a compile is synchronous; the log is not). The
 * JSON commits are read by Node; checkpoints (Parquet) by a DuckDB opened
 * with the session's sandbox settings and allowed only the tables' log
 * folders — the session's own DuckDB cannot be used: it is locked to the
 * files the compiled plan names, and these are known only once the log is
 * read. A restricted pipeline's tables outside its folder are not read at all.
 */
export class DeltaTables {
  private readonly answers = new Map<string, Answer>();

  constructor(
    private readonly baseDir: string,
    private readonly trust: TrustMode,
  ) {}

  /** The compile-time lookup (CompileContext.readDelta): what `preload` read, or undefined when it was not to be read. */
  readonly lookup = (table: string, choice: DeltaVersionChoice): Answer | undefined =>
    this.answers.get(key(table, choice));

  /** Reads every table and version the analysis's source.delta nodes ask for. */
  async preload(analysis: Analysis, sandbox: Pick<SandboxOptions, 'memoryLimit' | 'threads'>): Promise<void> {
    const wanted = new Map<string, { table: string; choice: DeltaVersionChoice }>();
    for (const a of analysis.nodes.values()) {
      if (a.def.type !== 'source.delta' || a.params === null) continue;
      const { path, version, timestamp } = a.params;
      if (
        typeof path !== 'string' ||
        typeof timestamp !== 'string' ||
        (version !== undefined && typeof version !== 'number')
      )
        continue;
      const asked = deltaChoiceOf({ version, timestamp });
      if ('issue' in asked) continue;
      const table = resolve(this.baseDir, path);
      if (!this.mayRead(table)) continue;
      wanted.set(key(table, asked.choice), { table, choice: asked.choice });
    }
    if (wanted.size === 0) return;
    const logDirs = [...new Set([...wanted.values()].map((w) => join(w.table, '_delta_log')))];
    const duck = await openSandbox({ files: [], dirs: logDirs }, sandbox);
    try {
      for (const [k, w] of wanted) this.answers.set(k, await readVersion(duck.connection, w.table, w.choice));
    } finally {
      duck.close();
    }
  }

  private mayRead(table: string): boolean {
    if (this.trust !== 'restricted') return true;
    return withinFolder(table, this.baseDir);
  }
}

function key(table: string, choice: DeltaVersionChoice): string {
  return `${table}\0${JSON.stringify(choice)}`;
}

async function readVersion(conn: DuckDBConnection, table: string, choice: DeltaVersionChoice): Promise<Answer> {
  try {
    const snapshot = await loadSnapshot(conn, table, choice);
    return {
      read: {
        table,
        version: snapshot.version,
        columns: snapshot.columns.map((c) => ({ name: c.name, type: c.type })),
        sql: snapshotSql(snapshot),
        files: snapshot.files.map((f) => f.file),
      },
    };
  } catch (e) {
    const first = e instanceof DutoError ? e.diagnostics[0] : undefined;
    if (first !== undefined) return { problem: first.message, cause: first };
    return { problem: `${table}: ${e instanceof Error ? (e.message.split('\n')[0] ?? '') : String(e)}` };
  }
}
