import { dirname } from 'node:path';
import type { DeltaSinkSpec } from '../../../shared/catalog/delta-table';
import type {
  ExternalSinkSpec,
  ExternalSourceSpec,
  FileRead,
  NodeType,
  ReportSinkSpec,
  SinkSpec,
} from '../../../shared/catalog/node-type';
import { paramMeta } from '../../../shared/catalog/params';
import { compileNode } from '../../../shared/compiler/compile';
import type { Analysis } from '../../../shared/compiler/plan';
import { tempTargetFor, type TempTarget } from '../sinks/atomic-sink';
import type { SandboxAccess } from '../sandbox/sandbox';

/**
 * What a pipeline touches, known before DuckDB starts: each node is compiled
 * once without schemas (reads and sink targets do not depend on them), so
 * the sandbox can be set to exactly these files before any view is bound.
 */

/** A file sink's target and the temporary name DuckDB writes to. */
export interface AccessPlanSink {
  spec: SinkSpec;
  temp: TempTarget;
}

export interface PlanAccess {
  readsByNode: Map<string, FileRead[]>;
  /** Sink node → its target and the temporary name DuckDB writes to. */
  sinks: Map<string, AccessPlanSink>;
  /** Sources and sinks connectors read and write (databases, workbooks, APIs). */
  externalSources: Map<string, ExternalSourceSpec>;
  externalSinks: Map<string, ExternalSinkSpec>;
  /** Delta tables the engine's Delta writer commits to (engine/delta/). */
  deltaSinks: Map<string, DeltaSinkSpec>;
  /** HTML reports the engine writes after a run's other outputs (sink.report). */
  reports: Map<string, ReportSinkSpec>;
}

export function planAccess(analysis: Analysis): PlanAccess {
  const readsByNode = new Map<string, FileRead[]>();
  const sinks = new Map<string, { spec: SinkSpec; temp: TempTarget }>();
  const externalSources = new Map<string, ExternalSourceSpec>();
  const externalSinks = new Map<string, ExternalSinkSpec>();
  const deltaSinks = new Map<string, DeltaSinkSpec>();
  const reports = new Map<string, ReportSinkSpec>();
  for (const id of analysis.order) {
    const { step } = compileNode(analysis, id, () => undefined);
    if (step === null) continue;
    readsByNode.set(id, step.reads);
    if (step.externalSource !== undefined) externalSources.set(id, step.externalSource);
    if (step.externalSink !== undefined) externalSinks.set(id, step.externalSink);
    if (step.deltaSink !== undefined) deltaSinks.set(id, step.deltaSink);
    if (step.report !== undefined) reports.set(id, step.report);
    if (step.sink !== undefined)
      sinks.set(id, { spec: step.sink, temp: tempTargetFor(step.sink.path, step.sink.directory) });
  }
  return { readsByNode, sinks, externalSources, externalSinks, deltaSinks, reports };
}

/**
 * What the sandbox allows: the files the nodes read — not those of nodes
 * held back (`skip`: restricted, or refused) — and, only for a session that
 * runs, the sinks' temporary targets. A design-time session can write
 * nothing at all.
 */
export function sandboxAccess(pa: PlanAccess, opts: { skip: ReadonlySet<string>; sinks: boolean }): SandboxAccess {
  const files: string[] = [];
  const dirs: string[] = [];
  for (const [id, reads] of pa.readsByNode) {
    if (opts.skip.has(id)) continue;
    // Excel and SQLite files are read by connectors in Node, not by DuckDB: DuckDB is not given them.
    if (pa.externalSources.has(id)) continue;
    for (const r of reads) (r.kind === 'file' ? files : dirs).push(r.path);
  }
  if (opts.sinks) {
    for (const [id, { spec, temp }] of pa.sinks) {
      if (opts.skip.has(id)) continue;
      (spec.directory ? dirs : files).push(temp.temp);
    }
    // A Delta table is written in place: new data files and commits only, never over what a version holds (engine/delta/delta-write.ts).
    for (const [id, spec] of pa.deltaSinks) if (!opts.skip.has(id)) dirs.push(spec.path);
  }
  return { files, dirs };
}

/** The name of a node's first path param with the given access ('path' when it has none). */
export function pathParam(def: NodeType, access: 'read' | 'write'): string | undefined {
  for (const [name, schema] of Object.entries(def.params)) {
    const meta = paramMeta(schema);
    if (meta?.kind === 'path' && meta.access === access) return name;
  }
  return undefined;
}

function within(file: string, folder: string): boolean {
  return (
    file === folder ||
    file.startsWith(folder.endsWith('/') || folder.endsWith('\\') ? folder : `${folder}/`) ||
    file.startsWith(`${folder}\\`)
  );
}

/** Which node reads a file, and through which param, for errors that name the file. */
export function fileOwner(
  analysis: Analysis,
  pa: PlanAccess,
): (file: string) => { nodeId: string; param?: string } | undefined {
  return (file) => {
    let best: { nodeId: string; len: number } | undefined;
    for (const [nodeId, reads] of pa.readsByNode) {
      for (const r of reads) {
        const hit = r.kind === 'file' ? r.path === file : within(file, r.path) || within(dirname(file), r.path);
        if (hit && (best === undefined || r.path.length > best.len)) best = { nodeId, len: r.path.length };
      }
    }
    if (best === undefined) return undefined;
    const def = analysis.nodes.get(best.nodeId)?.def;
    const param = def === undefined ? undefined : pathParam(def, 'read');
    return { nodeId: best.nodeId, ...(param === undefined ? {} : { param }) };
  };
}
