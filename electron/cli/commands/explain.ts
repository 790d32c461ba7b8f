import { loadPipelineFile } from '../../engine/index';
import { explainText, pushdownSplit } from '../../engine/pushdown/explain-pushdown';
import { EXIT, type ExitCode } from '../exit';
import type { Io } from '../io';
import { cliLocale } from '../locale';
import { openSession } from '../session';
import type { SessionOpts } from '../pipeline-options';

export type ExplainOpts = SessionOpts;

/** `duto explain FILE`: which nodes run in which database (with the SQL it runs) and which in DuckDB, and why. */
export async function explainCommand(file: string, opts: ExplainOpts, io: Io): Promise<ExitCode> {
  const doc = await loadPipelineFile(file);
  const session = await openSession(file, opts);
  try {
    io.out(explainText(doc, await pushdownSplit(doc, session), cliLocale()));
    return EXIT.ok;
  } finally {
    session.close();
  }
}
