import { basename, dirname, extname, resolve } from 'node:path';
import { catalog } from '../../../shared/catalog/index';
import type { ReportSinkSpec } from '../../../shared/catalog/node-type';
import { analyze } from '../../../shared/compiler/analyze';
import { DutoError } from '../../../shared/diagnostics';
import type { PipelineDocument } from '../../../shared/format/document';
import { planAccess } from '../../engine/bind/plan-access';
import type { RunResult } from '../../engine/api';
import { historyFileFor, recordRun, runRecord } from '../../engine/history/run-history';
import { lockPipelineRun } from '../../engine/locks/pipeline-lock';
import { writeReport } from '../../engine/report/write-report';
import { newRunId } from '../../engine/run/run-id';
import { expandGlob, statPath } from '../../engine/walls/file-boundary';
import { fsError } from '../../host/fs-errors';
import { EXIT, exitCodeFor, usageError, type ExitCode } from '../exit';
import { printDiagnostics } from '../format';
import type { Io } from '../io';
import { cliLocale } from '../locale';
import { openSession } from '../session';
import { requireNode, trustFor, type SessionOpts } from '../pipeline-options';

export interface ReportOpts extends SessionOpts {
  /** The HTML file to write. */
  output: string;
  /** With several report nodes: which one. */
  node?: string;
}

const REPORT_TYPE = 'sink.report';

/**
 * `duto report FILE -o report.html`: runs the pipeline as `duto run` does
 * (same trust rule: a pipeline that is not trusted is refused before
 * anything runs; same run lock and history), then writes one static HTML
 * report about that run to `-o`. The report is the pipeline's `sink.report`
 * node's (the only one, or `--node`); without one, a default report: the
 * run summary, the data checks when the pipeline has any, and every node's
 * saved charts. The exit code is the run's.
 */
export async function reportCommand(
  file: string,
  opts: ReportOpts,
  io: Io,
  cancel: AbortSignal = new AbortController().signal,
): Promise<ExitCode> {
  const target = resolve(opts.output);
  if (!/^\.html?$/i.test(extname(target)))
    throw usageError(`-o ${opts.output}: a report is an HTML file; give a name ending in .html`);
  const runId = newRunId(new Date());
  // As `duto run`: a pipeline from elsewhere is refused by its session (restricted), and takes no lock.
  const trusted = trustFor(file, opts) === 'trusted';
  const held = trusted ? lockPipelineRun(file, runId) : undefined;
  try {
    const session = await openSession(file, opts, trusted ? 'run' : 'design', cancel);
    try {
      const spec = reportSpec(session.document, file, target, opts.node, opts.param ?? {});
      const locale = cliLocale();
      const startedAt = new Date();
      const result: RunResult = await session.run({ signal: cancel, runId, locale });
      recordRun(
        historyFileFor(file),
        { ...runRecord(result, 'cli', startedAt, undefined, runId), pipeline: resolve(file) },
        opts.redactor,
      );
      printDiagnostics(
        io,
        result.diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning'),
      );
      if (result.cancelled || cancel.aborted) return EXIT.interrupted;
      try {
        await writeReport(
          session,
          spec,
          { at: startedAt, result },
          {
            locale,
            signal: cancel,
            ...(opts.redactor === undefined ? {} : { redact: (t: string) => opts.redactor?.text(t) ?? t }),
          },
        );
      } catch (e) {
        throw usageError(`-o ${opts.output}: ${fsError(e, target, 'write').message}`);
      }
      io.out(`wrote ${target}\n`);
      return result.ok ? EXIT.ok : exitCodeFor(result.diagnostics);
    } finally {
      session.close();
    }
  } finally {
    held?.release();
  }
}

/** The pipeline's report node's spec aimed at `target`, or the default report. */
function reportSpec(
  doc: PipelineDocument,
  file: string,
  target: string,
  node: string | undefined,
  params: Readonly<Record<string, string>>,
): ReportSinkSpec {
  const reports = doc.nodes.filter((n) => n.type === REPORT_TYPE && n.disabled !== true);
  if (node !== undefined) {
    requireNode(doc, node);
    if (!reports.some((n) => n.id === node))
      throw usageError(
        `--node ${node}: not an HTML report node (${REPORT_TYPE}); ${reports.length === 0 ? 'the pipeline has none' : `its report nodes are: ${reports.map((n) => n.id).join(', ')}`}`,
      );
  } else if (reports.length > 1) {
    throw usageError(
      `the pipeline has several report nodes (${reports.map((n) => n.id).join(', ')}): choose one with --node`,
    );
  }
  const chosen = reports.find((n) => node === undefined || n.id === node);
  if (chosen !== undefined) {
    // The node as the run compiles it: ${param}s substituted, defaults filled in.
    const analysis = analyze(doc, {
      catalog,
      params,
      resolvePath: (p) => resolve(dirname(resolve(file)), p),
      statPath,
      glob: expandGlob,
    });
    const compiled = planAccess(analysis).reports.get(chosen.id);
    if (compiled === undefined)
      throw new DutoError(analysis.diagnostics.filter((d) => d.nodeId === chosen.id && d.severity === 'error'));
    return { ...compiled, path: target, mode: 'overwrite' };
  }
  return {
    path: target,
    mode: 'overwrite',
    title: doc.name ?? basename(file).replace(/\.duto\.json$/i, ''),
    charts: doc.nodes.filter((n) => n.disabled !== true && (n.charts?.length ?? 0) > 0).map((n) => n.id),
    tables: [],
    tableRows: 20,
    profiles: [],
    checks: doc.nodes.some((n) => n.type === 'quality.checks' && n.disabled !== true),
    summary: true,
  };
}
