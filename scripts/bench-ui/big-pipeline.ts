import type { PipelineDocument, PipelineNode, Position } from '../../shared/format/document';

/**
 * A pipeline of `chains` × `length` nodes for the canvas benchmark: each chain
 * reads one small CSV, alternates filters and computed columns, and ends in a
 * CSV sink, laid out as one row per chain.
 */
export function bigPipeline(csvPath: string, chains = 20, length = 25): PipelineDocument {
  const nodes: PipelineNode[] = [];
  const layout: Record<string, Position> = {};
  for (let c = 0; c < chains; c++) {
    let previous = '';
    for (let i = 0; i < length; i++) {
      const id = `c${c}_n${i}`;
      const node: PipelineNode =
        i === 0
          ? { id, type: 'source.csv', params: { path: csvPath } }
          : i === length - 1
            ? { id, type: 'sink.csv', inputs: { in: previous }, params: { path: `out/chain-${c}.csv` } }
            : i % 2 === 1
              ? { id, type: 'transform.filter', inputs: { in: previous }, params: { condition: `customer_id > ${i}` } }
              : {
                  id,
                  type: 'transform.derive',
                  inputs: { in: previous },
                  params: { columns: [{ name: `x${i}`, expression: `customer_id * ${i}` }] },
                };
      nodes.push(node);
      layout[id] = { x: i * 280, y: c * 200 };
      previous = id;
    }
  }
  return { format: 'duto.pipeline', version: 2, name: `Canvas benchmark (${chains * length} nodes)`, nodes, layout };
}
