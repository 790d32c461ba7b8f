import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { listOrphans, sweepOrphans } from '../../engine/sinks/atomic-sink';
import { intentFileFor } from '../../engine/external/file-intent';
import { stateFileFor } from '../../engine/external/incremental-state';
import { loadPipelineFile } from '../../engine/index';
import { EXIT, type ExitCode } from '../exit';
import type { Io } from '../io';
import { DutoError } from '../../../shared/diagnostics';
import type { PipelineDocument } from '../../../shared/format/document';
import { openSession } from '../session';
import { trustFor, type SessionOpts } from '../pipeline-options';
import { withinFolder } from '../../engine/walls/file-boundary';

/**
 * `duto clean FILE [--remove]`: lists what killed runs of a pipeline left
 * beside its file outputs (`.duto-tmp-*` temporary writes and moved-aside
 * folders of dead processes) and in its state folder (an intent record
 * the next run would resolve); `--remove` sweeps them as a run would (a
 * moved-aside output whose target is missing is put back). Database sinks'
 * staging tables of runs that are over (MySQL) are listed and dropped the
 * same way, for a trusted pipeline (it connects); the next run of a sink
 * sweeps its own too.
 */
export interface CleanOpts extends SessionOpts {
  remove?: boolean;
}

export async function cleanCommand(file: string, opts: CleanOpts, io: Io): Promise<ExitCode> {
  const doc = await loadPipelineFile(file);
  const base = dirname(resolve(file));
  const folders = new Set<string>([base]);
  for (const node of doc.nodes) {
    const path = node.params?.['path'];
    // Only literal paths: one built from ${params} is resolved by a run, which sweeps its own folder.
    if (!node.type.startsWith('sink.') || typeof path !== 'string' || path.includes('${')) continue;
    folders.add(dirname(isAbsolute(path) ? path : join(base, path)));
  }
  // A restricted pipeline is cleaned only inside its own folder: its sink paths are its file's word, not the user's.
  if (trustFor(file, opts) === 'restricted') {
    for (const f of [...folders]) {
      if (withinFolder(f, base)) continue;
      folders.delete(f);
      io.err(
        `not checked: ${f} is outside this pipeline's folder (trust it to clean there: \`duto trust FILE\`, or --trust)\n`,
      );
    }
  }
  const found = [...folders].flatMap((f) => listOrphans(f));
  const intent = intentFileFor(stateFileFor(resolve(file)));
  if (existsSync(intent)) found.push(`${intent} (resolved by the next run)`);
  const tables = await databaseLeftovers(file, doc, opts, io);
  if (found.length === 0 && tables.found === 0) {
    io.out(tables.unchecked ? 'nothing left behind in the output folders\n' : 'nothing left behind\n');
    return tables.failed ? EXIT.failed : EXIT.ok;
  }
  for (const f of found) io.out(`${f}\n`);
  if (opts.remove === true) {
    for (const f of folders) {
      const r = sweepOrphans(f);
      for (const p of r.restored) io.out(`restored ${p}\n`);
      for (const p of r.removed) io.out(`removed ${p}\n`);
    }
  } else if (found.length > 0 || tables.found > 0) io.out('`duto clean --remove` removes them\n');
  return tables.failed ? EXIT.failed : EXIT.ok;
}

/** The staging tables dead runs left in the pipeline's database targets; printed (and dropped with --remove). */
async function databaseLeftovers(
  file: string,
  doc: PipelineDocument,
  opts: CleanOpts,
  io: Io,
): Promise<{ found: number; unchecked: boolean; failed: boolean }> {
  // Only pipelines that write through a connection have any; the others are not opened at all.
  if (!doc.nodes.some((n) => n.type.startsWith('sink.') && typeof n.params?.['connection'] === 'string'))
    return { found: 0, unchecked: false, failed: false };
  if (trustFor(file, opts) === 'restricted') {
    io.err('database targets not checked: this pipeline is not trusted (`duto trust FILE`, or --trust)\n');
    return { found: 0, unchecked: true, failed: false };
  }
  let session;
  try {
    session = await openSession(file, opts);
  } catch (e) {
    if (!(e instanceof DutoError)) throw e;
    io.err(`database targets not checked: the pipeline does not open (${e.diagnostics[0]?.message ?? 'error'})\n`);
    return { found: 0, unchecked: true, failed: true };
  }
  try {
    let found = 0;
    let failed = false;
    for (const t of await session.leftovers(opts.remove === true)) {
      if (t.problem !== undefined) {
        failed = true;
        io.err(`[${t.nodeId}] not checked: ${t.problem.message}\n`);
        continue;
      }
      const names = opts.remove === true ? t.removed : t.found;
      found += names.length;
      for (const name of names) io.out(`${opts.remove === true ? 'removed ' : ''}${name} [${t.nodeId}]\n`);
    }
    return { found, unchecked: false, failed };
  } finally {
    session.close();
  }
}
