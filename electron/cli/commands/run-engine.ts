import { resolve } from 'node:path';
import type { PipelineSession, RunResult } from '../../engine/api';
import { emitEvent, runEvent, uuidv7, type RunEvent } from '../openlineage';
import { loadPipelineFile } from '../../engine/bind/load-file';
import { mayPush, pushdownSplit } from '../../engine/pushdown/explain-pushdown';
import { pushedDocument } from '../../engine/pushdown/plan-pushdown';
import type { ServerLoad } from '../../engine/pushdown/plan-elt';
import { foldedNodes, keepingNode, unfoldResult } from '../../engine/pushdown/pushed-run';
import type { PipelineDocument } from '../../../shared/format/document';
import { openSession } from '../session';
import { discardPrestarted, prestartInstance } from '../../engine/sandbox/prestart';
import { requireNode, trustFor, upstreamOf } from '../pipeline-options';
import type { Io } from '../io';
import { finishRun, progressView, type Ran, type Reporting, type RunOpts } from './run-outcome';

/**
 * `duto run`'s part that opens the engine (DuckDB), imported only when the
 * up-to-date answer (quick-check.ts) could not be given without it.
 */
export async function runLocked(
  file: string,
  opts: RunOpts,
  io: Io,
  { webhook, lineage }: Reporting,
  cancel: AbortSignal,
  runId: string,
): Promise<Ran> {
  // DuckDB starts on its own thread while the pipeline is read and checked below.
  prestartInstance();
  try {
    return await runOpened(file, opts, io, { webhook, lineage }, cancel, runId);
  } finally {
    await discardPrestarted();
  }
}

async function runOpened(
  file: string,
  opts: RunOpts,
  io: Io,
  { webhook, lineage }: Reporting,
  cancel: AbortSignal,
  runId: string,
): Promise<Ran> {
  // A trusted run opens for writing at once (one bind); a restricted one is refused by the session.
  const purpose = trustFor(file, opts) === 'trusted' ? 'run' : 'design';
  // A whole run binds nothing above the results the node cache holds whole (stand-ins.ts); a run up to
  // a node, or one whose lineage is reported (which names every node's columns), binds every node.
  const opening: RunOpts = opts.until === undefined && lineage === undefined ? { ...opts, standIns: true } : opts;
  // Pushdown is on unless the pipeline or --no-pushdown turns it off (--pushdown turns it on over the pipeline's false).
  // Read and checked once: every session below opens this document.
  const loaded = await loadPipelineFile(file);
  const pushdown = opts.pushdown ?? loaded.pushdown !== false;
  const { session, folded, loads } = pushdown
    ? await openPushed(file, loaded, opening, purpose, cancel)
    : {
        session: await openSession(file, opening, purpose, cancel, loaded),
        folded: new Map<string, string>(),
        loads: [],
      };
  try {
    const doc = session.document;
    if (opts.until !== undefined) requireNode(doc, opts.until);
    const wanted = opts.until === undefined ? undefined : upstreamOf(doc, opts.until);
    const ids = doc.nodes
      .filter((n) => n.disabled !== true && (wanted === undefined || wanted.has(n.id)))
      .map((n) => n.id);
    const view = progressView(io, opts, ids);

    let result: RunResult;
    const startedAt = new Date();
    // Whether anything ran: a run refused before starting is an invalid pipeline (exit 2).
    let started = false;
    const ol =
      lineage === undefined
        ? undefined
        : {
            runId: uuidv7(startedAt),
            file: resolve(file),
            lineage: session.lineage(),
            columns: await session.columnLineage(),
            namespace: process.env['DUTO_OPENLINEAGE_NAMESPACE'] ?? 'duto',
          };
    const emit = async (event: RunEvent): Promise<void> => {
      if (lineage === undefined) return;
      const failed = await emitEvent(lineage, event, opts.redactor);
      if (failed !== undefined) io.err(`openlineage: ${failed}; the run's outcome is unchanged\n`);
    };
    if (ol !== undefined) await emit(runEvent(ol, startedAt));
    try {
      // The nodes a pushed chain folded away are reported with it (in --json, JUnit, history), as in the app.
      const ran = await session.run({
        ...(opts.until === undefined ? {} : { until: opts.until }),
        ...(opts.force === true ? { force: true } : {}),
        signal: cancel,
        runId,
        ...(opts.lockWait === undefined ? {} : { lockWaitMs: opts.lockWait * 1000 }),
        ...(opts.fullRefresh === true ? { fullRefresh: true } : {}),
        // Sinks that write their chain on its server (ELT): no row of it comes here.
        ...(loads.length === 0 ? {} : { serverLoads: loads }),
        onProgress: (e) => {
          if (e.status === 'running') started = true;
          view.update(e);
        },
      });
      result = unfoldResult(ran, folded);
    } finally {
      view.stop();
    }

    if (ol !== undefined) await emit(runEvent(ol, new Date(), result));
    return await finishRun(file, opts, io, webhook, { result, startedAt, runId, started, cancelled: cancel.aborted });
  } finally {
    session.close();
  }
}

/** The session of the pipeline with its pushable chains run by their databases (a design session finds them first). */
async function openPushed(
  file: string,
  loaded: PipelineDocument,
  opts: RunOpts,
  purpose: 'run' | 'design',
  cancel: AbortSignal,
): Promise<{ session: PipelineSession; folded: Map<string, string>; loads: ServerLoad[] }> {
  if (!mayPush(loaded, true))
    return { session: await openSession(file, opts, purpose, cancel, loaded), folded: new Map(), loads: [] };
  const probe = await openSession(file, opts, 'design', cancel, loaded);
  let split;
  try {
    // A run up to a node inside a chain keeps that chain in DuckDB: the node must exist to stop there.
    split = keepingNode(await pushdownSplit(probe.document, probe, true), opts.until);
  } finally {
    probe.close();
  }
  const doc = pushedDocument(probe.document, split);
  return {
    session: await openSession(file, opts, purpose, cancel, doc),
    folded: foldedNodes(split),
    loads: split.loads ?? [],
  };
}
