import { writeFile } from 'node:fs/promises';
import { fsError } from '../../host/fs-errors';
import { join, resolve } from 'node:path';
import { EXIT, usageError, type ExitCode } from '../exit';
import type { Io } from '../io';
import { exportPlan, type ExportPlan, type PlanOptions } from '../export/export-plan';
import { checkSchedule, checkTimezone } from '../export/schedule';
import { airflowFiles } from '../export/targets/airflow';
import { cronFiles } from '../export/targets/cron';
import { dagsterFiles } from '../export/targets/dagster';
import type { ExportFile } from '../export/targets/export-file';
import { githubActionsFiles } from '../export/targets/github-actions';
import { systemdFiles } from '../export/targets/systemd';
import { makeFolder } from '../../engine/files/make-folder';

const EXPORT_TARGETS = ['airflow', 'dagster', 'github-actions', 'systemd', 'cron'] as const;
type ExportTarget = (typeof EXPORT_TARGETS)[number];

function isTarget(t: string): t is ExportTarget {
  return EXPORT_TARGETS.some((x) => x === t);
}

export interface ExportOpts extends PlanOptions {
  /** Folder the files are written to; without it they are printed. */
  output?: string;
}

const RENDER: Record<ExportTarget, (plan: ExportPlan) => ExportFile[]> = {
  airflow: airflowFiles,
  dagster: dagsterFiles,
  'github-actions': githubActionsFiles,
  systemd: systemdFiles,
  cron: cronFiles,
};

/**
 * `duto export TARGET FILE…`: the files an orchestrator needs to run these
 * pipelines with `duto run` — in dependency order, with their parameters,
 * retries and schedule. Deterministic text, so a re-export diffs cleanly.
 */
export async function exportCommand(
  target: string,
  files: readonly string[],
  opts: ExportOpts,
  io: Io,
  cwd: string = process.cwd(),
): Promise<ExitCode> {
  if (!isTarget(target)) throw usageError(`unknown target "${target}": expected one of ${EXPORT_TARGETS.join(', ')}`);
  if (opts.schedule !== undefined) checkSchedule(opts.schedule);
  if (opts.timezone !== undefined) checkTimezone(opts.timezone);
  if (target === 'cron' && opts.schedule === undefined) throw usageError('cron needs --schedule "<cron>"');
  const plan = await exportPlan(files, opts, cwd);
  const out = RENDER[target](plan);
  if (opts.output === undefined) {
    for (const f of out) io.out(out.length === 1 ? f.text : `# ── ${f.name}\n${f.text}`);
    return EXIT.ok;
  }
  const dir = resolve(cwd, opts.output);
  try {
    await makeFolder(dir);
  } catch (e) {
    throw usageError(`--output ${opts.output}: ${fsError(e, dir, 'make the folder').message}`);
  }
  for (const f of out) {
    const file = join(dir, f.name);
    try {
      await writeFile(file, f.text);
    } catch (e) {
      throw usageError(`--output ${opts.output}: ${fsError(e, file, 'write').message}`);
    }
    io.out(`wrote ${file}\n`);
  }
  return EXIT.ok;
}
