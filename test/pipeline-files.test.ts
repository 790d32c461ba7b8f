import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalog } from '../shared/catalog/index';
import { parseDocumentText } from '../shared/format/parse';
import { serializeDocument } from '../shared/format/serialize';

/**
 * Every pipeline file kept in the repository (examples, the benchmark, test
 * fixtures) still loads through the format's and the node types' migrations,
 * and every node's params validate against its type as this build defines it.
 */

const ROOT = path.resolve(__dirname, '..');
const SKIP = new Set(['node_modules', 'dist', 'release', '.git']);

function pipelineFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (SKIP.has(e.name)) return [];
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return pipelineFiles(full);
    return e.name.endsWith('.duto.json') ? [full] : [];
  });
}

const files = pipelineFiles(ROOT);

describe('every *.duto.json of the repository', () => {
  it('is found', () => {
    expect(files.map((f) => path.relative(ROOT, f))).toContain(
      path.join('examples', 'orders-report', 'orders-report.duto.json'),
    );
  });

  it.each(files.map((f) => [path.relative(ROOT, f), f]))('%s loads and its nodes validate', (_name, file) => {
    const r = parseDocumentText(fs.readFileSync(file, 'utf8'), file);
    expect(r.ok ? [] : r.diagnostics).toEqual([]);
    if (!r.ok) return;
    for (const node of r.document.nodes) {
      const def = catalog.get(node.type);
      expect(def, `${node.id}: ${node.type}`).toBeDefined();
      if (def === undefined) continue;
      expect(node.typeVersion ?? 1, node.id).toBe(def.version);
      const parsed = def.parseParams(node.params ?? {});
      expect(parsed.ok ? [] : parsed.issues, node.id).toEqual([]);
    }
    // Loading once more what would be saved changes nothing: the migrations are done.
    const again = parseDocumentText(serializeDocument(r.document));
    expect(again.ok && again.document).toEqual(r.document);
  });
});
