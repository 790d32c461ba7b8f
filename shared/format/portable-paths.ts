import type { NodeType } from '../catalog/node-type';
import { paramMeta } from '../catalog/params';
import { isAbsolutePath, relativeTo, resolveFrom } from '../paths';
import type { PipelineDocument, PipelineNode } from './document';

/**
 * Portable pipelines (issue #11): a path inside the pipeline's folder is
 * written relative to it, one outside it absolute. When a pipeline moves
 * (saved somewhere else, an example opened as a copy) every path param is
 * re-expressed from its new folder, so it still names the same file.
 * A value with `${…}` is left alone: it is only known at run time.
 */
export function rebasePaths(doc: PipelineDocument, catalog: ReadonlyMap<string, NodeType>, from: string, to: string, only?: 'read' | 'write'): PipelineDocument {
  let changed = false;
  const nodes = doc.nodes.map((node): PipelineNode => {
    const def = catalog.get(node.type);
    if (def === undefined || node.params === undefined) return node;
    let params = node.params;
    for (const [name, schema] of Object.entries(def.params)) {
      const meta = paramMeta(schema);
      const value = params[name];
      if (meta?.kind !== 'path' || typeof value !== 'string' || value === '' || value.includes('${')) continue;
      if (only !== undefined && meta.access !== only) continue;
      const next = relativeTo(to, isAbsolutePath(value) ? value : resolveFrom(from, value));
      if (next !== value) params = { ...params, [name]: next };
    }
    if (params === node.params) return node;
    changed = true;
    return { ...node, params };
  });
  return changed ? { ...doc, nodes } : doc;
}
