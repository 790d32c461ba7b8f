import type { ExportJob, ExportPlan } from './export-plan';
import { shellQuote } from './quoting';

/**
 * The `duto run` command of a job as POSIX shell words, and a retry
 * wrapper for the targets without retries of their own (cron, GitHub
 * Actions): up to N more attempts, the delay doubling each time.
 */

/** Shell words; a secret parameter is `"name=$DUTO_PARAM_NAME"`, expanded when the job runs, never written. */
export function shellRun(job: ExportJob): string {
  const params = job.params.flatMap((p) => [
    '-p',
    'env' in p ? `"${p.name}=$${p.env}"` : shellQuote(`${p.name}=${p.value}`),
  ]);
  return ['duto', 'run', shellQuote(job.file), ...params].join(' ');
}

/** A one-line sh function `retry CMD…`. */
export function retryFunction(plan: ExportPlan): string {
  return `retry() { n=0; d=${String(plan.retryDelayS)}; until "$@"; do n=$((n+1)); [ "$n" -gt ${String(plan.retries)} ] && return 1; echo "duto: attempt failed, retrying in $d s" >&2; sleep "$d"; d=$((d*2)); done; }`;
}
