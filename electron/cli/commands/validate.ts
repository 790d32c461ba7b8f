import { EXIT, type ExitCode } from '../exit';
import { countSummary, printDiagnostics, printJson } from '../format';
import type { Io } from '../io';
import { DutoError, hasErrors } from '../../../shared/diagnostics';
import { scheduleProblems } from '../../engine/schedule/schedule-rules';
import { openSession } from '../session';
import type { SessionOpts } from '../pipeline-options';

export interface ValidateOpts extends SessionOpts {
  json?: boolean;
}

/** `duto validate FILE`: every problem of the pipeline; exit 2 when there is an error. */
export async function validateCommand(file: string, opts: ValidateOpts, io: Io): Promise<ExitCode> {
  let session;
  try {
    session = await openSession(file, opts);
  } catch (e) {
    if (!(e instanceof DutoError) || opts.json !== true) throw e;
    printJson(io, { ok: false, diagnostics: e.diagnostics });
    return EXIT.usage;
  }
  try {
    const checked = await session.validate();
    // The schedule is checked as `duto serve` would take it: a cron expression that never fires is found now.
    const schedule = session.document.schedule;
    const later = schedule === undefined ? [] : scheduleProblems(file, schedule);
    const r = { ok: checked.ok && !hasErrors(later), diagnostics: [...checked.diagnostics, ...later] };
    if (opts.json === true) printJson(io, { ok: r.ok, diagnostics: r.diagnostics });
    else {
      printDiagnostics(io, r.diagnostics);
      io.out(`${r.ok ? 'valid' : 'invalid'}: ${session.document.nodes.length} nodes, ${countSummary(r.diagnostics)}\n`);
    }
    return r.ok ? EXIT.ok : EXIT.usage;
  } finally {
    session.close();
  }
}
