import type { ReportSinkSpec } from '../../../shared/catalog/node-type';
import type { MessageLocale } from '../../../shared/messages/template';
import { writeFileAtomicSync } from '../files/atomic-file';
import { gatherReport, type ReportRun, type ReportSource } from './gather-report';
import { reportHtml } from './report-html';

/**
 * Gathers a report and writes it whole or not at all (temporary name beside
 * the target, fsync, rename). The target was checked with the other sinks'
 * (walls/sink-guard.ts): never the pipeline file, an input or another
 * output. Returns the page, for callers that show it.
 */
export async function writeReport(
  source: ReportSource,
  spec: ReportSinkSpec,
  run: ReportRun | undefined,
  o: { locale: MessageLocale; now?: Date; signal?: AbortSignal; self?: string; redact?: (text: string) => string },
): Promise<string> {
  const data = await gatherReport(source, spec, run, {
    locale: o.locale,
    now: o.now ?? new Date(),
    ...(o.signal === undefined ? {} : { signal: o.signal }),
    ...(o.self === undefined ? {} : { self: o.self }),
  });
  // Secrets the session resolved never reach the page (a diagnostic may quote one).
  const html = o.redact === undefined ? reportHtml(data) : o.redact(reportHtml(data));
  writeFileAtomicSync(spec.path, html);
  return html;
}
