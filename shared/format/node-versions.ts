import { migrateParams } from '../catalog/node-migrations';
import type { NodeType } from '../catalog/node-type';
import { error, type Diagnostic } from '../diagnostics';
import type { PipelineDocument, PipelineNode } from './document';

export type NodeVersionsResult = { ok: true; document: PipelineDocument; migrated: boolean } | { ok: false; diagnostics: Diagnostic[] };

/**
 * Brings every node to its type's current version with the type's own
 * migrations (shared/catalog/node-migrations.ts). A node saved by a newer
 * Duto is an error naming it: read with today's params it could silently
 * mean something else. Unknown types are left as they are (the compiler
 * names them). Version 1 is never written, so files stay diff-quiet.
 */
export function migrateNodeVersions(doc: PipelineDocument, catalog: ReadonlyMap<string, NodeType>): NodeVersionsResult {
  const diagnostics: Diagnostic[] = [];
  let migrated = false;
  const nodes = doc.nodes.map((node, i) => {
    const def = catalog.get(node.type);
    if (def === undefined) return node;
    const r = migrateNode(node, def);
    if (!r.ok) {
      diagnostics.push(error('node.version', `node "${node.id}": ${r.message}`, { nodeId: node.id, path: `nodes[${i}].typeVersion` }));
      return node;
    }
    if (r.node !== node) migrated = true;
    return r.node;
  });
  if (diagnostics.length > 0) return { ok: false, diagnostics };
  return { ok: true, document: migrated ? { ...doc, nodes } : doc, migrated };
}

/** One node at its type's current version (the same node when it already is). */
export function migrateNode(node: PipelineNode, def: NodeType): { ok: true; node: PipelineNode } | { ok: false; message: string } {
  const from = node.typeVersion ?? 1;
  if (from === def.version && (from > 1 || node.typeVersion === undefined)) return { ok: true, node };
  const r = migrateParams(def, node.params ?? {}, from);
  if (!r.ok) return r;
  const { typeVersion: _old, params: _params, ...rest } = node;
  void _old;
  void _params;
  const params = node.params === undefined && Object.keys(r.params).length === 0 ? {} : { params: r.params };
  return { ok: true, node: { ...rest, ...(def.version > 1 ? { typeVersion: def.version } : {}), ...params } };
}
