import type { InputRelation, PinnedSource } from '../catalog/node-type';
import { diagnosticOf, error, warning, type Diagnostic } from '../diagnostics';
import { recognize } from '../messages/recognize';
import type { PipelineDocument } from '../format/document';
import { refNode, refPort } from '../format/document';
import { ident } from '../sql/quote';
import { analyze, type AnalyzeOptions } from './analyze';
import { checkColumns } from './columns-check';
import type { Analysis, Plan, PlanStep, SchemaLookup } from './plan';

/** The view that holds a node's output. Node ids are safe identifiers, but quote anyway. */
export function viewName(nodeId: string): string {
  return ident(nodeId);
}

/**
 * The view holding what an output reference reads: a node's own view for
 * its main output (`orders`, `orders.out`), `"orders.rejected"` for another
 * port. Node ids hold no dot, so a port's view never meets a node's.
 */
export function refView(ref: string): string {
  const port = refPort(ref);
  return port === 'out' ? viewName(refNode(ref)) : ident(`${refNode(ref)}.${port}`);
}

/** The key of an output reference's columns in a bound plan: the node id, or `node.port`. */
export function refKey(ref: string): string {
  const port = refPort(ref);
  return port === 'out' ? refNode(ref) : `${refNode(ref)}.${port}`;
}

/** The catalog the engine attaches for tables that connectors fill (an on-disk database in the spill folder). */
export const EXTERNAL_CATALOG = 'duto_ext';

/** The DuckDB table a connector fills with an external source's rows. */
export function externalTable(nodeId: string): string {
  return `${ident(EXTERNAL_CATALOG)}.${ident('main')}.${ident(nodeId)}`;
}

export interface CompiledStep {
  step: PlanStep | null;
  diagnostics: Diagnostic[];
}

/**
 * Compiles one analyzed node, given the schemas of its upstream nodes
 * (when known). Returns its plan step, or the diagnostics that prevent one.
 */
export function compileNode(
  analysis: Analysis,
  nodeId: string,
  schemaOf: SchemaLookup,
  pinned?: PinnedSource,
): CompiledStep {
  const a = analysis.nodes.get(nodeId);
  if (a === undefined || a.compile === null) return { step: null, diagnostics: [] };
  const rels: Record<string, InputRelation[]> = {};
  for (const [port, refs] of Object.entries(a.inputs)) {
    rels[port] = refs.map((ref) => ({ ref, nodeId: refNode(ref), sql: refView(ref), schema: schemaOf(refKey(ref)) }));
  }
  const diagnostics: Diagnostic[] = [];
  const columnIssues = checkColumns(a.def.params, a.node.params, rels);
  let compiled;
  try {
    compiled = a.compile(rels, pinned);
  } catch (e) {
    // A node's compile throws only on text the quoting helpers refuse (NUL characters).
    diagnostics.push(error('node.compile', { detail: e instanceof Error ? e.message : String(e) }, { nodeId }));
    return { step: null, diagnostics };
  }
  const issues = [...columnIssues, ...(compiled.issues ?? [])];
  for (const i of issues) {
    const where = { nodeId, ...(i.param === undefined ? {} : { param: i.param }) };
    // The engine's own diagnostic, passed on by the node: its code and arguments kept.
    if (i.cause !== undefined) {
      diagnostics.push({ ...i.cause, severity: i.severity ?? 'error', ...where });
      continue;
    }
    // A node type's checks say English; read back as a template, they are shown in the user's language.
    const known = recognize('node.check', i.message);
    diagnostics.push(
      known === undefined
        ? (i.severity === 'warning' ? warning : error)('node.check', { detail: i.message }, where)
        : diagnosticOf(i.severity ?? 'error', known, where),
    );
  }
  if (issues.some((i) => i.severity !== 'warning')) return { step: null, diagnostics };
  // An external source's view reads the table its connector fills.
  const sql = compiled.externalSource === undefined ? compiled.sql : `SELECT * FROM ${externalTable(nodeId)}`;
  // … and its rejected rows (quarantine) the table its connector fills beside it.
  const rejects = compiled.rejects;
  const ports =
    rejects?.from === 'connector' && rejects.policy === 'quarantine'
      ? { ...compiled.ports, rejected: `SELECT * FROM ${externalTable(rejects.table)}` }
      : compiled.ports;
  const step: PlanStep = {
    nodeId,
    type: a.def.type,
    reads: compiled.reads ?? [],
    checks: compiled.checks ?? [],
    upstream: a.upstream,
    ...(sql === undefined ? {} : { view: { name: viewName(nodeId), sql } }),
    ...(compiled.sink === undefined ? {} : { sink: compiled.sink }),
    ...(compiled.externalSource === undefined ? {} : { externalSource: compiled.externalSource }),
    ...(compiled.externalSink === undefined ? {} : { externalSink: compiled.externalSink }),
    ...(compiled.deltaSink === undefined ? {} : { deltaSink: compiled.deltaSink }),
    ...(compiled.deltaSource === undefined ? {} : { deltaSource: compiled.deltaSource }),
    ...(compiled.report === undefined ? {} : { report: compiled.report }),
    ...(compiled.pin === undefined ? {} : { pin: compiled.pin }),
    ...(compiled.headerRow === undefined ? {} : { headerRow: compiled.headerRow }),
    ...(compiled.quality === undefined ? {} : { quality: compiled.quality }),
    ...(ports === undefined
      ? {}
      : {
          ports: Object.fromEntries(
            Object.entries(ports).map(([port, portSql]) => [
              port,
              { name: refView(`${nodeId}.${port}`), sql: portSql },
            ]),
          ),
        }),
    ...(compiled.rejects === undefined ? {} : { rejects: compiled.rejects }),
    ...(compiled.keepPinned === true ? { keepPinned: true } : {}),
    ...(compiled.typing === undefined ? {} : { typing: compiled.typing }),
    ...(compiled.detected === undefined ? {} : { detected: compiled.detected }),
  };
  return { step, diagnostics };
}

/** Nodes the analysis found errors on. */
export function failedByAnalysis(analysis: Analysis): Set<string> {
  return new Set(
    analysis.diagnostics.flatMap((d) => (d.severity === 'error' && d.nodeId !== undefined ? [d.nodeId] : [])),
  );
}

/**
 * The nodes to compile, in order: a node that failed, or reads one that
 * did, is added to `failed` and skipped (not reported again). Lazy, so a
 * caller that binds each node (awaiting DuckDB) adds the ones that fail to
 * `failed` before the nodes below them come up.
 */
export function* compilableNodes(analysis: Analysis, failed: Set<string>): Generator<string> {
  for (const id of analysis.order) {
    const a = analysis.nodes.get(id);
    if (a === undefined || failed.has(id) || a.upstream.some((u) => failed.has(u))) {
      failed.add(id);
      continue;
    }
    yield id;
  }
}

/**
 * Whole-document compile without a database: schemas come from `schemaOf`
 * (the engine supplies DuckDB's; tests supply their own). Nodes downstream
 * of a failed node are skipped, not reported again.
 */
export function compilePipeline(
  doc: PipelineDocument,
  opts: AnalyzeOptions,
  schemaOf: SchemaLookup = () => undefined,
): Plan {
  const analysis = analyze(doc, opts);
  const diagnostics = [...analysis.diagnostics];
  const steps: PlanStep[] = [];
  const failed = failedByAnalysis(analysis);
  for (const id of compilableNodes(analysis, failed)) {
    const r = compileNode(analysis, id, schemaOf);
    diagnostics.push(...r.diagnostics);
    if (r.step === null) failed.add(id);
    else steps.push(r.step);
  }
  return { steps, diagnostics };
}
