import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { catalog } from '../shared/catalog/index';
import type { JsonValue } from '../shared/format/json';
import { CURRENT_VERSION, FORMAT, type PipelineDocument, type PipelineNode } from '../shared/format/document';

/**
 * Builds pipeline documents fluently in tests:
 * `pipeline().node('orders', 'source.csv', { path }).node('paid', 'transform.filter', { condition }, { in: 'orders' }).build()`.
 */
export class PipelineBuilder {
  private readonly nodes: PipelineNode[] = [];

  node(
    id: string,
    type: string,
    params: Record<string, JsonValue> = {},
    inputs: Record<string, string | string[]> = {},
  ): this {
    // Built now, so at its type's current version (as the app writes a new node).
    const version = catalog.get(type)?.version ?? 1;
    this.nodes.push({
      id,
      type,
      ...(version > 1 ? { typeVersion: version } : {}),
      params,
      ...(Object.keys(inputs).length > 0 ? { inputs } : {}),
    });
    return this;
  }

  build(): PipelineDocument {
    return { format: FORMAT, version: CURRENT_VERSION, nodes: [...this.nodes] };
  }
}

export function pipeline(): PipelineBuilder {
  return new PipelineBuilder();
}

/**
 * A small CSV pipeline in `dir` for tests of the CLI itself: `orders.csv` (id, amount) read by `orders`,
 * and `big` keeping amounts over 10. Returns the pipeline file's path.
 */
export function writeOrdersPipeline(dir: string): string {
  writeFileSync(join(dir, 'orders.csv'), 'id,amount\n1,5\n2,50\n3,20\n');
  const file = join(dir, 'p.duto.json');
  const doc = pipeline()
    .node('orders', 'source.csv', { path: 'orders.csv' })
    .node('big', 'transform.filter', { condition: 'amount > 10' }, { in: 'orders' })
    .build();
  writeFileSync(file, JSON.stringify(doc));
  return file;
}
