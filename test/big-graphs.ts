import { pipeline } from './pipeline-builder';
import type { PipelineDocument } from '../shared/format/document';

/**
 * Pipelines with thousands of nodes, for the graph-size tests and the bench
 * (issue #19): a chain of alternating filters and derives, and a fan-out of
 * one source into many filters appended into one output.
 */

const SOURCE = 'SELECT i AS id, i % 7 AS k FROM range(1000) t(i)';

/** `length` nodes in a chain below a 1,000-row source; every derive adds 1 to k, so sum(k) = 2997 + 1000 × derives. */
export function chainPipeline(length: number, out: string): PipelineDocument {
  const p = pipeline().node('src', 'transform.sql', { query: SOURCE });
  let prev = 'src';
  for (let i = 0; i < length; i++) {
    const id = `n${String(i)}`;
    if (i % 2 === 0) p.node(id, 'transform.filter', { condition: 'id >= 0' }, { in: prev });
    else p.node(id, 'transform.derive', { columns: [{ name: 'k', expression: 'k + 1' }] }, { in: prev });
    prev = id;
  }
  return p.node('out', 'sink.parquet', { path: out }, { in: prev }).build();
}

/** One source, `width` filters keeping one row each, appended into one Parquet file of `width` rows. */
export function fanOutPipeline(width: number, out: string): PipelineDocument {
  const p = pipeline().node('src', 'transform.sql', { query: SOURCE });
  const ids: string[] = [];
  for (let i = 0; i < width; i++) {
    const id = `f${String(i)}`;
    p.node(id, 'transform.filter', { condition: `id = ${String(i % 1000)}` }, { in: 'src' });
    ids.push(id);
  }
  return p
    .node('all', 'transform.union', {}, { in: ids })
    .node('out', 'sink.parquet', { path: out }, { in: 'all' })
    .build();
}
