import { EXIT, type ExitCode } from '../exit';
import { printDiagnostics } from '../format';
import type { Io } from '../io';
import { openSession } from '../session';
import type { PipelineSession } from '../../engine/api';
import { DutoError } from '../../../shared/diagnostics';
import { pushdownSplit } from '../../engine/pushdown/explain-pushdown';
import { pushedDocument } from '../../engine/pushdown/plan-pushdown';
import { targetSqlText } from '../../engine/pushdown/target-sql';
import { cliLocale } from '../locale';
import type { SessionOpts } from '../pipeline-options';

export type SqlOpts = SessionOpts & {
  /** Per part that runs in its database, the SQL it runs there; the rest as DuckDB SQL. */
  target?: boolean;
};

/**
 * `duto sql FILE`: the pipeline as one SQL script that runs in plain DuckDB;
 * with `--target`, first the SQL each pushed part runs in its database.
 * A pipeline with errors still prints what compiles, but its errors go to
 * stderr and the exit code is 2: a script with holes is not a success.
 */
export async function sqlCommand(file: string, opts: SqlOpts, io: Io): Promise<ExitCode> {
  const session = await openSession(file, opts);
  try {
    const text = opts.target === true ? await targetText(file, opts, session) : await session.sql();
    io.out(text.endsWith('\n') ? text : `${text}\n`);
    const { ok, diagnostics } = await session.validate();
    if (!ok) {
      printDiagnostics(
        io,
        diagnostics.filter((d) => d.severity === 'error'),
      );
      return EXIT.usage;
    }
    return EXIT.ok;
  } finally {
    session.close();
  }
}

/** The pushed parts' SQL (the split `duto run` and `duto explain` find), then the DuckDB script of the pushed pipeline. */
async function targetText(file: string, opts: SqlOpts, session: PipelineSession): Promise<string> {
  // A source that cannot be read (a restricted pipeline reads no database) says so below; nothing is pushed then.
  const split = await pushdownSplit(session.document, session).catch((e: unknown) => {
    if (e instanceof DutoError) return { chains: [], kept: [] };
    throw e;
  });
  if (split.chains.length === 0) return targetSqlText(split, await session.sql(), cliLocale());
  const pushed = await openSession(file, opts, 'design', undefined, pushedDocument(session.document, split));
  try {
    return targetSqlText(split, await pushed.sql(), cliLocale());
  } finally {
    pushed.close();
  }
}
