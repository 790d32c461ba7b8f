import type { CsvDialectGuess, GlobResult, NodeType, PathKind } from '../catalog/node-type';
import { error, warning, type Diagnostic } from '../diagnostics';
import type { PipelineDocument } from '../format/document';
import { refNode, refPort } from '../format/document';
import { migrateNode } from '../format/node-versions';
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
    diagnostics.push(error('document.secret', `${f.path}: ${f.reason}. Pipeline files never hold secrets: reference a named connection, or a \${param} given at run time`, {
      path: f.path,
      ...(f.nodeId === undefined ? {} : { nodeId: f.nodeId }),
    }));
  }
  const nodes = new Map<string, AnalyzedNode>();

  doc.nodes.forEach((saved, index) => {
    const at = (suffix: string): string => `nodes[${index}]${suffix}`;
    const def = opts.catalog.get(saved.type);
    if (def === undefined) {
      diagnostics.push(error('node.unknown-type', `unknown node type "${saved.type}"`, { nodeId: saved.id, path: at('.type') }));
      return;
    }
    // Loading migrated it already; a node that came another way (a paste) is read at its type's version too.
    const current = migrateNode(saved, def);
    if (!current.ok) {
      diagnostics.push(error('node.version', current.message, { nodeId: saved.id, path: at('.typeVersion') }));
      return;
    }
    const node = current.node;
    const inputs: Record<string, string[]> = {};
    for (const [port, v] of Object.entries(node.inputs ?? {})) inputs[port] = typeof v === 'string' ? [v] : v;

    for (const port of Object.keys(inputs)) {
      if (!def.inputs.some((p) => p.name === port)) {
        const expected = def.inputs.length === 0 ? 'it takes no input' : `its inputs are ${def.inputs.map((p) => `"${p.name}"`).join(', ')}`;
        diagnostics.push(error('node.extra-input', `${def.label} has no input "${port}": ${expected}`, { nodeId: node.id, path: at(`.inputs.${port}`) }));
      }
    }
    let unconnected = false;
    for (const spec of def.inputs) {
      const refs = inputs[spec.name] ?? [];
      if (refs.length === 0 && spec.optional !== true) {
        unconnected = true;
        diagnostics.push(error('node.missing-input', `input "${spec.label}" is not connected`, { nodeId: node.id, path: at(`.inputs.${spec.name}`) }));
      }
      if (refs.length > 1 && spec.multi !== true) {
        diagnostics.push(error('node.extra-input', `input "${spec.label}" takes one connection, not ${refs.length}`, { nodeId: node.id, path: at(`.inputs.${spec.name}`) }));
      }
      for (const ref of refs) {
        const up = refNode(ref);
        if (!ids.has(up)) {
          diagnostics.push(error('node.unknown-input', `input "${spec.label}" refers to "${up}", which is not a node of this pipeline`, { nodeId: node.id, path: at(`.inputs.${spec.name}`) }));
          continue;
        }
        if (up === node.id) {
          diagnostics.push(error('node.cycle', 'a node cannot read its own output', { nodeId: node.id, path: at(`.inputs.${spec.name}`) }));
          continue;
        }
        const upNode = byId.get(up);
        const upDef = upNode === undefined ? undefined : opts.catalog.get(upNode.type);
        if (upDef !== undefined && !upDef.outputs.some((o) => o.name === refPort(ref))) {
          const why = upDef.outputs.length === 0 ? `${upDef.label} has no output` : `${upDef.label} has no output "${refPort(ref)}"`;
          diagnostics.push(error('node.unknown-output', `input "${spec.label}" reads "${ref}", but ${why}`, { nodeId: node.id, path: at(`.inputs.${spec.name}`) }));
        }
      }
    }

    const sub = substituteNodeParams(def.params, node.params ?? {}, values, types);
    for (const u of sub.unknown) {
      diagnostics.push(error('param.undefined', `\${${u.name}} is not a parameter of this pipeline`, { nodeId: node.id, param: u.at, path: at(`.params.${u.at}`) }));
    }
    for (const p of sub.problems) diagnostics.push(error('param.value', p.message, { nodeId: node.id, param: p.at, path: at(`.params.${p.at}`) }));
    const parsed = def.parseParams(sub.value);
    if (!parsed.ok) {
      for (const issue of parsed.issues) {
        diagnostics.push(error('param.invalid', issue.message, {
          nodeId: node.id,
          ...(issue.param === '' ? {} : { param: issue.param }),
          path: at(issue.param === '' ? '.params' : `.params.${issue.param}`),
        }));
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
              parsed.compile({ nodeId: node.id, inputs: rels, resolvePath: opts.resolvePath, statPath: opts.statPath, glob: opts.glob, ...(opts.csvDialect === undefined ? {} : { csvDialect: opts.csvDialect }), ...(pinned === undefined ? {} : { pinned }) })
          : null,
    });
  });

  const { order, cycles } = topoSort(
    doc.nodes.map((n) => n.id).filter((id) => nodes.has(id)),
    (id) => nodes.get(id)?.upstream ?? [],
  );
  for (const cycle of cycles) {
    for (const n of doc.nodes.filter((x) => cycle.includes(x.id))) {
      diagnostics.push(error('node.cycle', `this node is on a cycle: ${[...cycle, cycle[0]].join(' → ')}`, { nodeId: n.id }));
    }
  }
  // Every node some input reads, gathered once: linear in a 10,000-node pipeline.
  const read = new Set(doc.nodes.flatMap((m) => Object.values(m.inputs ?? {}).flat().map(refNode)));
  for (const n of doc.nodes) {
    const a = nodes.get(n.id);
    if (a !== undefined && a.def.outputs.length > 0 && !read.has(n.id)) {
      if (a.def.category !== 'source' || doc.nodes.length > 1) {
        diagnostics.push(warning('node.unused', 'nothing reads this node\'s output', { nodeId: n.id }));
      }
    }
  }
  return { order, nodes, diagnostics };
}

/** Document defaults overridden by given values; an undeclared override is an error, and left out. */
function checkedParamValues(doc: PipelineDocument, given: Readonly<Record<string, string>>, diagnostics: Diagnostic[]): Map<string, string> {
  for (const name of Object.keys(given)) {
    if (doc.params?.[name] === undefined) diagnostics.push(error('param.undeclared', `--param ${name}: this pipeline declares no parameter "${name}"${declared(doc)}`));
  }
  const values = paramValues(doc, Object.fromEntries(Object.entries(given).filter(([name]) => doc.params?.[name] !== undefined)));
  for (const [name, decl] of Object.entries(doc.params ?? {})) {
    if (!values.has(name) && decl.default === undefined) {
      const used = doc.nodes.some((n) => JSON.stringify(n.params ?? {}).includes(`\${${name}}`));
      if (used) diagnostics.push(error('param.missing', `parameter "${name}" has no default: give it a value (--param ${name}=…)`, { path: `params.${name}` }));
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

function declared(doc: PipelineDocument): string {
  const names = Object.keys(doc.params ?? {});
  return names.length === 0 ? '' : ` (it declares ${names.join(', ')})`;
}

