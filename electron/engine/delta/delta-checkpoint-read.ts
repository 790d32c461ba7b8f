import type { DuckDBConnection } from '@duckdb/node-api';
import { error } from '../../../shared/diagnostics';
import { ident, str, strList } from '../../../shared/sql/quote';
import { readOne } from '../walls/one-statement';
import { actionLine, type ActionLine } from './delta-actions';
import { deltaFailure } from './delta-errors';

/** A checkpoint with more rows than this is refused. */
export const MAX_CHECKPOINT_ROWS = 5_000_000;

/**
 * The actions of a Parquet checkpoint (all its parts), read by DuckDB's own
 * read_parquet: each row becomes JSON, nulls dropped, then validated like a
 * commit line. Only the action columns the replay uses are read.
 */
export async function readCheckpoint(
  conn: DuckDBConnection,
  table: string,
  files: readonly string[],
): Promise<ActionLine[]> {
  let rows: string[];
  try {
    const cols = await readOne(
      conn,
      `SELECT name FROM parquet_schema(${strList(files)}) WHERE name IN ('add', 'remove', 'metaData', 'protocol')`,
    );
    const present = [...new Set(cols.getRowsJson().map((r) => String(r[0])))];
    if (!present.includes('protocol') || !present.includes('metaData'))
      throw new Error('it has no protocol or metaData column');
    const select = present.map((c) => `${str(c)}, ${ident(c)}`).join(', ');
    const count = await readOne(conn, `SELECT count(*) FROM read_parquet(${strList(files)}, union_by_name = true)`);
    const n = Number(count.getRowsJson()[0]?.[0] ?? 0);
    if (n > MAX_CHECKPOINT_ROWS) {
      throw deltaFailure(
        error(
          'delta.budget',
          { table, detail: `the checkpoint has ${n} rows (at most ${MAX_CHECKPOINT_ROWS})` },
          { file: files[0] ?? table },
        ),
      );
    }
    const reader = await readOne(
      conn,
      `SELECT json_object(${select})::VARCHAR FROM read_parquet(${strList(files)}, union_by_name = true)`,
    );
    rows = reader.getRowsJson().map((r) => String(r[0]));
  } catch (e) {
    if (e instanceof Error && 'diagnostics' in e) throw e;
    throw deltaFailure(
      error(
        'delta.checkpoint',
        { table, detail: e instanceof Error ? e.message : String(e) },
        { file: files[0] ?? table },
      ),
    );
  }
  const actions: ActionLine[] = [];
  for (const [i, text] of rows.entries()) {
    const r = actionLine.safeParse(dropNulls(JSON.parse(text)));
    if (!r.success) {
      const issue = r.error.issues[0];
      throw deltaFailure(
        error(
          'delta.checkpoint',
          {
            table,
            detail: `row ${i + 1}: ${issue === undefined ? 'invalid action' : `${issue.path.join('.')}: ${issue.message}`}`,
          },
          { file: files[0] ?? table },
        ),
      );
    }
    actions.push(r.data);
  }
  return actions;
}

function dropNulls(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== null) out[k] = v;
  return out;
}
