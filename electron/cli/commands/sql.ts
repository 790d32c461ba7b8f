import { EXIT, type ExitCode } from '../exit';
import { printDiagnostics } from '../format';
import type { Io } from '../io';
import { openSession } from '../session';
import type { SessionOpts } from '../pipeline-options';

export type SqlOpts = SessionOpts;

/**
 * `duto sql FILE`: the pipeline as one SQL script that runs in plain DuckDB.
 * A pipeline with errors still prints what compiles, but its errors go to
 * stderr and the exit code is 2: a script with holes is not a success.
 */
export async function sqlCommand(file: string, opts: SqlOpts, io: Io): Promise<ExitCode> {
  const session = await openSession(file, opts);
  try {
    const text = await session.sql();
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
