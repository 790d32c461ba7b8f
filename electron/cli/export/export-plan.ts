import { basename, dirname, relative, resolve, sep } from 'node:path';
import { catalog } from '../../../shared/catalog/index';
import { analyze } from '../../../shared/compiler/analyze';
import type { PipelineDocument } from '../../../shared/format/document';
import { findSecretsIn, isSecretKey } from '../../../shared/format/secrets';
import { secretEnvName } from '../../../shared/connections/secret-names';
import { secretNames } from '../../engine/connectors/http/secret-refs';
import { planAccess } from '../../engine/bind/plan-access';
import { loadPipelineFile } from '../../engine/bind/load-file';
import { expandGlob, statPath } from '../../engine/walls/file-boundary';
import { usageError } from '../exit';
import { refuseLineBreaks } from './quoting';

/**
 * What every export target writes, worked out once: one job per pipeline
 * (`duto run FILE -p name=value…`), the jobs each must wait for, and the
 * retry and schedule settings. Targets only render it.
 */

/** A `-p` the job passes: a plain value, or (for a secret) the environment variable that holds it at run time. */
export type ExportParam = { name: string; value: string } | { name: string; env: string };

export interface ExportJob {
  /** Task / op / job id: the file's name in lowercase letters, digits and _, unique. */
  id: string;
  /** The pipeline file as the job names it: relative to the folder exported from (the jobs' working directory), `/`-separated. */
  file: string;
  params: ExportParam[];
  /** Ids of the jobs that must succeed first, sorted. */
  after: string[];
}

export interface ExportPlan {
  name: string;
  /** Jobs in an order that respects `after` (ties: the order given). */
  jobs: ExportJob[];
  retries: number;
  retryDelayS: number;
  schedule?: string;
  timezone?: string;
  /** The absolute folder jobs run in: the current folder as the machine running them sees it (pipeline paths are relative to it). */
  workdir: string;
  /** Environment variables the jobs read secrets from, sorted: none is ever written into a file. */
  env: string[];
}

export interface PlanOptions {
  param?: Record<string, string>;
  name?: string;
  retries?: number;
  retryDelay?: number;
  schedule?: string;
  timezone?: string;
  workdir?: string;
  /** `lineage` (default): a job waits for the jobs writing what it reads; `order`: each waits for the one given before it. */
  deps?: 'lineage' | 'order';
}

/** The environment variable a secret parameter is read from. */
export function paramEnvName(name: string): string {
  return `DUTO_PARAM_${name.toUpperCase()}`;
}

export async function exportPlan(
  files: readonly string[],
  opts: PlanOptions,
  cwd: string = process.cwd(),
): Promise<ExportPlan> {
  if (opts.workdir !== undefined && !opts.workdir.startsWith('/'))
    throw usageError(
      `--workdir ${JSON.stringify(opts.workdir)}: expected an absolute path on the machine that runs the jobs`,
    );
  // Where this folder is when the jobs run: pipeline paths are written relative to the current folder.
  const workdir = opts.workdir ?? cwd;
  refuseLineBreaks(workdir, 'the working directory');
  const overrides = opts.param ?? {};
  const loaded = await Promise.all(
    files.map(async (f) => ({ path: resolve(cwd, f), doc: await loadPipelineFile(resolve(cwd, f)) })),
  );
  for (const name of Object.keys(overrides)) {
    if (!loaded.some((l) => Object.hasOwn(l.doc.params ?? {}, name)))
      throw usageError(`--param ${name}: none of these pipelines declares a parameter "${name}"`);
  }
  const ids = uniqueIds(loaded.map((l) => l.path));
  const env = new Set<string>();
  const touches = loaded.map((l) => touched(l.doc, l.path, overrides));
  const jobs: ExportJob[] = loaded.map((l, i) => {
    const file = relative(cwd, l.path).split(sep).join('/');
    refuseLineBreaks(file, `the pipeline path ${JSON.stringify(file)}`);
    const params = jobParams(l.doc, overrides, env);
    const after =
      opts.deps === 'order' ? (i === 0 ? [] : [ids[i - 1] ?? '']) : writersOf(touches, i).map((w) => ids[w] ?? '');
    return { id: ids[i] ?? '', file, params, after: [...new Set(after)].sort() };
  });
  const name = opts.name ?? defaultName(loaded[0]?.path);
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(name))
    throw usageError(`--name ${JSON.stringify(name)}: expected letters, digits, _ and -`);
  return {
    name,
    jobs: ordered(jobs),
    retries: opts.retries ?? 0,
    retryDelayS: opts.retryDelay ?? 60,
    ...(opts.schedule === undefined ? {} : { schedule: opts.schedule }),
    ...(opts.timezone === undefined ? {} : { timezone: opts.timezone }),
    workdir,
    env: [...env].sort(),
  };
}

function defaultName(path: string | undefined): string {
  const folder = path === undefined ? '' : basename(dirname(path));
  const cleaned = folder
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return cleaned === '' ? 'duto_pipelines' : cleaned;
}

/** `orders-report.duto.json` → `orders_report`; a second one with the same name gets `_2`. */
function uniqueIds(paths: readonly string[]): string[] {
  const seen = new Set<string>();
  return paths.map((p) => {
    const base = basename(p)
      .replace(/\.duto\.json$|\.json$/i, '')
      .toLowerCase()
      .replace(/[^a-z0-9_]+/g, '_')
      .replace(/^_+|_+$/g, '');
    const stem = /^[a-z]/.test(base) ? base : `p_${base}`;
    let id = stem;
    for (let n = 2; seen.has(id); n++) id = `${stem}_${String(n)}`;
    seen.add(id);
    return id;
  });
}

/**
 * Each declared parameter with its value (the export's -p, else its default),
 * sorted by name. A secret — a name such as `api_token`, or a value that looks
 * like a password or token — is passed from DUTO_PARAM_<NAME>; a value that is
 * only `${secret:NAME}` references is passed as is (the engine reads DUTO_SECRET_NAME).
 */
function jobParams(
  doc: PipelineDocument,
  overrides: Readonly<Record<string, string>>,
  env: Set<string>,
): ExportParam[] {
  const out: ExportParam[] = [];
  for (const [name, decl] of Object.entries(doc.params ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const given = Object.hasOwn(overrides, name) ? overrides[name] : undefined;
    const value = given ?? (decl.default === undefined ? undefined : String(decl.default));
    const refs = value === undefined ? [] : secretNames(value);
    // findSecretsIn flags a secret-named param only when its value is not just references.
    const looksSecret = value !== undefined && findSecretsIn({ [name]: value }, 'params').length > 0;
    if (looksSecret || (isSecretKey(name) && refs.length === 0)) {
      env.add(paramEnvName(name));
      out.push({ name, env: paramEnvName(name) });
      continue;
    }
    if (value === undefined) continue;
    refuseLineBreaks(value, `parameter ${name}'s value`);
    for (const r of refs) env.add(secretEnvName(r));
    out.push({ name, value });
  }
  return out;
}

interface Touched {
  reads: Set<string>;
  writes: Set<string>;
}

/** The files (and connector targets) a pipeline reads and writes, from its compiled plan — no database is opened, so files a job before it writes need not exist yet. */
function touched(doc: PipelineDocument, path: string, overrides: Readonly<Record<string, string>>): Touched {
  const declared = doc.params ?? {};
  const params = Object.fromEntries(Object.entries(overrides).filter(([n]) => Object.hasOwn(declared, n)));
  const baseDir = dirname(path);
  const analysis = analyze(doc, {
    catalog,
    params,
    resolvePath: (p) => resolve(baseDir, p),
    statPath,
    glob: expandGlob,
  });
  const pa = planAccess(analysis);
  const writes = new Set<string>([
    ...[...pa.sinks.values()].map((s) => s.spec.path),
    ...[...pa.externalSinks.values()].map((s) => s.describe),
    ...[...pa.reports.values()].map((s) => s.path),
    ...[...pa.deltaSinks.values()].map((s) => s.path),
  ]);
  const reads = new Set<string>([
    ...[...pa.readsByNode.values()].flat().map((r) => r.path),
    ...[...pa.externalSources.values()].map((s) => s.describe),
  ]);
  // A source whose file does not exist yet (a job before it writes it) does not compile: its path param says what it will read.
  for (const id of analysis.order) {
    const node = analysis.nodes.get(id);
    const path = node?.params?.['path'];
    if (node?.def.category === 'source' && (pa.readsByNode.get(id) ?? []).length === 0 && typeof path === 'string')
      reads.add(resolve(baseDir, path));
  }
  for (const w of writes) reads.delete(w);
  return { reads, writes };
}

/** The other pipelines that write something pipeline `i` reads (a file, or a folder it globs under). */
function writersOf(all: readonly Touched[], i: number): number[] {
  const me = all[i];
  if (me === undefined) return [];
  const out: number[] = [];
  all.forEach((other, j) => {
    if (j === i) return;
    for (const w of other.writes) {
      if ([...me.reads].some((r) => r === w || w.startsWith(`${r}${sep}`))) {
        out.push(j);
        return;
      }
    }
  });
  return out;
}

/** Topological order, ties in the order given; a cycle is refused. */
function ordered(jobs: readonly ExportJob[]): ExportJob[] {
  const done = new Set<string>();
  const out: ExportJob[] = [];
  while (out.length < jobs.length) {
    const next = jobs.find((j) => !done.has(j.id) && j.after.every((a) => done.has(a)));
    if (next === undefined) {
      const stuck = jobs.filter((j) => !done.has(j.id)).map((j) => j.id);
      throw usageError(`these pipelines read what each other writes, in a cycle: ${stuck.join(', ')}`);
    }
    done.add(next.id);
    out.push(next);
  }
  return out;
}
