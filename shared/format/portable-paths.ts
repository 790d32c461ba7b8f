import type { NodeType } from '../catalog/node-type';
import { paramMeta } from '../catalog/params';
import { isAbsolutePath, relativeTo, resolveFrom } from '../paths';
import type { PipelineDocument, PipelineNode } from './document';

/**
 * Portable pipelines (issue #11): a path inside the pipeline's folder is
 * written relative to it, one outside it absolute. When a pipeline moves
 * (saved somewhere else, an example opened as a copy) every path param is
 * re-expressed from its new folder, so it still names the same file. A path
 * that starts with `${name}` moves with that parameter's default (the
 * examples' `${data_dir}/orders.csv`); any other `${…}` is left alone.
 * `only`: move just the paths a pipeline reads, or writes.
 */
export function rebasePaths(
  doc: PipelineDocument,
  catalog: ReadonlyMap<string, NodeType>,
  from: string,
  to: string,
  only?: 'read' | 'write',
): PipelineDocument {
  const move = (value: string): string => relativeTo(to, isAbsolutePath(value) ? value : resolveFrom(from, value));
  /** Document parameter → how the path params that start with it use it. */
  const prefixes = new Map<string, Set<'read' | 'write'>>();
  let changed = false;
  const nodes = doc.nodes.map((node): PipelineNode => {
    const def = catalog.get(node.type);
    if (def === undefined || node.params === undefined) return node;
    let params = node.params;
    for (const [name, schema] of Object.entries(def.params)) {
      const meta = paramMeta(schema);
      const value = params[name];
      if (meta?.kind !== 'path' || typeof value !== 'string' || value === '') continue;
      const prefix = /^\$\{([A-Za-z_][A-Za-z0-9_]*)\}/.exec(value)?.[1];
      if (prefix !== undefined) prefixes.set(prefix, (prefixes.get(prefix) ?? new Set()).add(meta.access));
      if (value.includes('${') || (only !== undefined && meta.access !== only)) continue;
      const next = move(value);
      if (next !== value) params = { ...params, [name]: next };
    }
    if (params === node.params) return node;
    changed = true;
    return { ...node, params };
  });
  let docParams = doc.params;
  for (const [name, uses] of prefixes) {
    const decl = docParams?.[name];
    if (decl === undefined || typeof decl.default !== 'string' || decl.default === '' || decl.default.includes('${'))
      continue;
    if (only !== undefined && [...uses].some((u) => u !== only)) continue;
    const next = move(decl.default);
    if (next !== decl.default) docParams = { ...docParams, [name]: { ...decl, default: next } };
  }
  if (docParams !== doc.params) changed = true;
  if (!changed) return doc;
  return { ...doc, nodes, ...(docParams === undefined ? {} : { params: docParams }) };
}
