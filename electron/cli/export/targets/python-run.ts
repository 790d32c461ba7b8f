import type { ExportJob } from '../export-plan';
import { pyString } from '../quoting';

/**
 * What the Airflow and Dagster files share: a `_duto_run` helper that runs
 * `duto run` with an argument list (no shell, no templating), reading secret
 * parameters from the environment when the task runs.
 */

export function pythonRunHelper(workdir: string): string[] {
  return [
    `WORKDIR = ${pyString(workdir)}`,
    '',
    '',
    'def _duto_run(file, params, secret_params):',
    '    """Runs `duto run FILE -p name=value...`; secret parameters are read from the environment now, never stored."""',
    "    args = ['duto', 'run', file]",
    '    for name, value in params:',
    "        args += ['-p', name + '=' + value]",
    '    for name, env in secret_params:',
    "        args += ['-p', name + '=' + os.environ[env]]",
    '    subprocess.run(args, cwd=WORKDIR, check=True)',
  ];
}

/** `_duto_run(...)`'s arguments for a job, as Python literals. */
export function pythonRunArgs(job: ExportJob): string {
  const values = job.params.flatMap((p) => ('value' in p ? [`(${pyString(p.name)}, ${pyString(p.value)})`] : []));
  const secrets = job.params.flatMap((p) => ('env' in p ? [`(${pyString(p.name)}, ${pyString(p.env)})`] : []));
  return `${pyString(job.file)}, [${values.join(', ')}], [${secrets.join(', ')}]`;
}
