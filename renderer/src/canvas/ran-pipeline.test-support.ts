import { emptyDocument } from '../../../shared/format/document';
import type { RunResultData } from '../../../shared/ipc/results';
import { createAppStore } from '../store/app-store';

/** A store holding source → filter → sink, and a finished run over it with the node results the test gives. */
export function ranPipeline(
  result: (ids: { src: string; filter: string; sink: string }) => Pick<RunResultData, 'nodes'> & Partial<RunResultData>,
) {
  const store = createAppStore(emptyDocument('test'));
  const a = () => store.getState().actions;
  const src = a().addNode('source.csv', { x: 0, y: 0 }).id;
  a().setParam(src, 'path', 'orders.csv');
  const filter = a().addNode('transform.filter', { x: 0, y: 0 }).id;
  a().connect({ source: src, sourcePort: 'out', target: filter, targetPort: 'in' });
  a().setParam(filter, 'condition', 'amount > 0');
  const sink = a().addNode('sink.csv', { x: 0, y: 0 }).id;
  a().connect({ source: filter, sourcePort: 'out', target: sink, targetPort: 'in' });
  a().setParam(sink, 'path', 'out.csv');
  a().beginRun('r1');
  a().finishRun('r1', {
    ok: true,
    cancelled: false,
    elapsedMs: 10,
    outputs: [],
    diagnostics: [],
    ...result({ src, filter, sink }),
  });
  return { store, a, src, filter, sink };
}
