import { migrateParams, type MigrateProblem } from '../catalog/node-migrations';
import type { NodeType } from '../catalog/node-type';
import { error, type Diagnostic } from '../diagnostics';
import { said, type Said } from '../messages/diagnostic-messages';
import type { PipelineDocument, PipelineNode } from './document';

export type NodeVersionsResult =
  { ok: true; document: PipelineDocument; migrated: boolean } | { ok: false; diagnostics: Diagnostic[] };

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
      const p = r.problem;
      const where = { nodeId: node.id, path: `nodes[${i}].typeVersion` };
      const at = { node: node.id, type: p.type };
      diagnostics.push(
        p.kind === 'newer'
          ? error(
              'node.version/document-newer',
              { ...at, version: String(p.version), current: String(p.current) },
              where,
            )
          : error(
              'node.version/document-migrate',
              { ...at, from: String(p.from), to: String(p.to), detail: p.detail },
              where,
            ),
      );
      return node;
    }
    if (r.node !== node) migrated = true;
    return r.node;
  });
  if (diagnostics.length > 0) return { ok: false, diagnostics };
  return { ok: true, document: migrated ? { ...doc, nodes } : doc, migrated };
}

/** One node at its type's current version (the same node when it already is). */
export function migrateNode(
  node: PipelineNode,
  def: NodeType,
): { ok: true; node: PipelineNode } | { ok: false; problem: MigrateProblem } {
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

/** What a failed migration says, for a node already in a pipeline (the compiler's). */
export function migrateProblem(p: MigrateProblem): Said {
  return p.kind === 'newer'
    ? said('node.version/newer', { type: p.type, version: String(p.version), current: String(p.current) })
    : said('node.version/migrate', { type: p.type, from: String(p.from), to: String(p.to), detail: p.detail });
}
