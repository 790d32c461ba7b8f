import type { ScoringModel } from '../ml/scoring-model';
import type { CompileContext, CsvDialectGuess, GlobResult, NodeType, PathKind } from '../catalog/node-type';
import { diagnosticOf, error, warning, type Diagnostic } from '../diagnostics';
import type { PipelineDocument } from '../format/document';
import { refNode, refPort } from '../format/document';
import { migrateNode, migrateProblem } from '../format/node-versions';
import { recognize } from '../messages/recognize';
import { findSecrets } from '../format/secrets';
import { paramValues } from '../format/param-values';
import { topoSort } from './graph';
import type { AnalyzedNode, Analysis } from './plan';
import type { ParamType } from './sql-substitute';
import { substituteNodeParams } from './substitute';

export interface AnalyzeOptions {
  /** The node types known to this build. */
  catalog: ReadonlyMap<string, NodeType>;
  /** Values for `${name}` params, over the document's defaults. */
  params?: Readonly<Record<string, string>>;
  /** Makes a document path absolute. */
  resolvePath: (path: string) => string;
  /** What is at an absolute path. */
  statPath: (path: string) => PathKind;
  /** The files an absolute glob matches. */
  glob: (pattern: string) => GlobResult;
  /** A CSV file's detected dialect (the engine's detector); without it, CSV sources assume RFC 4180. */
  csvDialect?: (path: string) => CsvDialectGuess | { problem: string } | undefined;
  /** Reads a model file for ml.score (the engine's reader); without it, ml.score cannot compile. */
  readModel?: (path: string) => { model: ScoringModel } | { problem: string } | undefined;
  /** A Delta table's version, read by the engine before compiling; without it, source.delta cannot compile. */
  readDelta?: CompileContext<unknown>['readDelta'];
}

/**
 * Structural analysis of a document: known node types, valid params,
 * inputs that exist and fit the ports, no cycles. Everything found is
 * reported, not just the first problem.
 */
export function analyze(doc: PipelineDocument, opts: AnalyzeOptions): Analysis {
  const diagnostics: Diagnostic[] = [];
  const ids = new Set(doc.nodes.map((n) => n.id));
  const byId = new Map(doc.nodes.map((n) => [n.id, n]));
  const values = checkedParamValues(doc, opts.params ?? {}, diagnostics);
  const types = paramTypes(doc);
  for (const f of findSecrets(doc)) {
    diagnostics.push(
      error(
        'document.secret',
        { path: f.path, reason: f.reason, ref: '${param}' },
        {
          path: f.path,
          ...(f.nodeId === undefined ? {} : { nodeId: f.nodeId }),
        },
      ),
    );
  }
  const nodes = new Map<string, AnalyzedNode>();

  doc.nodes.forEach((saved, index) => {
    const at = (suffix: string): string => `nodes[${index}]${suffix}`;
    const def = opts.catalog.get(saved.type);
    if (def === undefined) {
      diagnostics.push(error('node.unknown-type', { type: saved.type }, { nodeId: saved.id, path: at('.type') }));
      return;
    }
    // Loading migrated it already; a node that came another way (a paste) is read at its type's version too.
    const current = migrateNode(saved, def);
    if (!current.ok) {
      diagnostics.push(
        diagnosticOf('error', migrateProblem(current.problem), { nodeId: saved.id, path: at('.typeVersion') }),
      );
      return;
    }
    const node = current.node;
    const inputs: Record<string, string[]> = {};
    for (const [port, v] of Object.entries(node.inputs ?? {})) inputs[port] = typeof v === 'string' ? [v] : v;

    for (const port of Object.keys(inputs)) {
      if (!def.inputs.some((p) => p.name === port)) {
        const where = { nodeId: node.id, path: at(`.inputs.${port}`) };
        if (def.inputs.length === 0) diagnostics.push(error('node.extra-input/none', { node: def.label, port }, where));
        else
          diagnostics.push(
            error(
              'node.extra-input',
              { node: def.label, port, inputs: def.inputs.map((p) => `"${p.name}"`).join(', ') },
              where,
            ),
          );
      }
    }
    let unconnected = false;
    for (const spec of def.inputs) {
      const refs = inputs[spec.name] ?? [];
      if (refs.length === 0 && spec.optional !== true) {
        unconnected = true;
        diagnostics.push(
          error('node.missing-input', { input: spec.label }, { nodeId: node.id, path: at(`.inputs.${spec.name}`) }),
        );
      }
      if (refs.length > 1 && spec.multi !== true) {
        diagnostics.push(
          error(
            'node.extra-input/one',
            { input: spec.label, count: refs.length },
            { nodeId: node.id, path: at(`.inputs.${spec.name}`) },
          ),
        );
      }
      for (const ref of refs) {
        const up = refNode(ref);
        if (!ids.has(up)) {
          diagnostics.push(
            error(
              'node.unknown-input',
              { input: spec.label, node: up },
              { nodeId: node.id, path: at(`.inputs.${spec.name}`) },
            ),
          );
          continue;
        }
        if (up === node.id) {
          diagnostics.push(error('node.cycle/self', {}, { nodeId: node.id, path: at(`.inputs.${spec.name}`) }));
          continue;
        }
        const upNode = byId.get(up);
        const upDef = upNode === undefined ? undefined : opts.catalog.get(upNode.type);
        if (upDef !== undefined && !upDef.outputs.some((o) => o.name === refPort(ref))) {
          const where = { nodeId: node.id, path: at(`.inputs.${spec.name}`) };
          const what = { input: spec.label, ref, node: upDef.label };
          diagnostics.push(
            upDef.outputs.length === 0
              ? error('node.unknown-output/none', what, where)
              : error('node.unknown-output', { ...what, port: refPort(ref) }, where),
          );
        }
      }
    }

    const sub = substituteNodeParams(def.params, node.params ?? {}, values, types);
    for (const u of sub.unknown) {
      diagnostics.push(
        error(
          'param.undefined',
          { ref: `\${${u.name}}` },
          { nodeId: node.id, param: u.at, path: at(`.params.${u.at}`) },
        ),
      );
    }
    for (const p of sub.problems)
      diagnostics.push(diagnosticOf('error', p.said, { nodeId: node.id, param: p.at, path: at(`.params.${p.at}`) }));
    const parsed = def.parseParams(sub.value);
    if (!parsed.ok) {
      for (const issue of parsed.issues) {
        const where = {
          nodeId: node.id,
          ...(issue.param === '' ? {} : { param: issue.param }),
          path: at(issue.param === '' ? '.params' : `.params.${issue.param}`),
        };
        const known = recognize('param.invalid', issue.message);
        diagnostics.push(
          known === undefined
            ? error('param.invalid', { detail: issue.message }, where)
            : diagnosticOf('error', known, where),
        );
      }
    }
    const upstream = [...new Set(Object.values(inputs).flat().map(refNode))].filter((u) => ids.has(u) && u !== node.id);
    const compilable = parsed.ok && sub.unknown.length === 0 && sub.problems.length === 0;
    nodes.set(node.id, {
      node,
      def,
      inputs,
      upstream,
      params: compilable ? parsed.params : null,
      // A node is compiled only with every required input connected: its compile reads them without checking.
      compile:
        parsed.ok && compilable && !unconnected
          ? (rels, pinned) =>
              parsed.compile({
                nodeId: node.id,
                inputs: rels,
                resolvePath: opts.resolvePath,
                statPath: opts.statPath,
                glob: opts.glob,
                ...(opts.csvDialect === undefined ? {} : { csvDialect: opts.csvDialect }),
                ...(opts.readModel === undefined ? {} : { readModel: opts.readModel }),
                ...(opts.readDelta === undefined ? {} : { readDelta: opts.readDelta }),
                ...(pinned === undefined ? {} : { pinned }),
              })
          : null,
    });
  });

  const { order, cycles } = topoSort(
    doc.nodes.map((n) => n.id).filter((id) => nodes.has(id)),
    (id) => nodes.get(id)?.upstream ?? [],
  );
  for (const cycle of cycles) {
    for (const n of doc.nodes.filter((x) => cycle.includes(x.id))) {
      diagnostics.push(error('node.cycle', { cycle: [...cycle, cycle[0]].join(' → ') }, { nodeId: n.id }));
    }
  }
  // Every node some input reads, gathered once: linear in a 10,000-node pipeline.
  const read = new Set(
    doc.nodes.flatMap((m) =>
      Object.values(m.inputs ?? {})
        .flat()
        .map(refNode),
    ),
  );
  for (const n of doc.nodes) {
    const a = nodes.get(n.id);
    if (a !== undefined && a.def.outputs.length > 0 && !read.has(n.id)) {
      if (a.def.category !== 'source' || doc.nodes.length > 1) {
        diagnostics.push(warning('node.unused', {}, { nodeId: n.id }));
      }
    }
  }
  return { order, nodes, diagnostics };
}

/** Document defaults overridden by given values; an undeclared override is an error, and left out. */
function checkedParamValues(
  doc: PipelineDocument,
  given: Readonly<Record<string, string>>,
  diagnostics: Diagnostic[],
): Map<string, string> {
  // Own keys only: `--param __proto__=x` found Object.prototype and passed as declared.
  const declared = (name: string): boolean => doc.params !== undefined && Object.hasOwn(doc.params, name);
  for (const name of Object.keys(given)) {
    if (!declared(name)) {
      const names = Object.keys(doc.params ?? {});
      diagnostics.push(
        names.length === 0
          ? error('param.undeclared', { name })
          : error('param.undeclared/some', { name, declared: names.join(', ') }),
      );
    }
  }
  const values = paramValues(doc, Object.fromEntries(Object.entries(given).filter(([name]) => declared(name))));
  for (const [name, decl] of Object.entries(doc.params ?? {})) {
    if (!values.has(name) && decl.default === undefined) {
      const used = doc.nodes.some((n) => JSON.stringify(n.params ?? {}).includes(`\${${name}}`));
      if (used) diagnostics.push(error('param.missing', { name }, { path: `params.${name}` }));
    }
  }
  return values;
}

/** A parameter's type is its default's: `${min}` with a default of 10 stands for a number in SQL. */
function paramTypes(doc: PipelineDocument): Map<string, ParamType> {
  const types = new Map<string, ParamType>();
  for (const [name, decl] of Object.entries(doc.params ?? {})) {
    const t = typeof decl.default;
    types.set(name, t === 'number' ? 'number' : t === 'boolean' ? 'boolean' : 'string');
  }
  return types;
}
