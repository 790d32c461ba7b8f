import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ProgressEvent } from './api';
import { freshDir, pipeline, sessionOpener } from './test-support';

const open = sessionOpener();

describe('row counts of every node after a run', () => {
  it('gives source, filter, derive and sink each their own rows', async () => {
    const dir = freshDir();
    writeFileSync(join(dir, 'in.csv'), `id,v\n${Array.from({ length: 10 }, (_, i) => `${i},${i * 10}`).join('\n')}\n`);
    const doc = pipeline(
      { id: 'src', type: 'source.csv', params: { path: 'in.csv' } },
      { id: 'kept', type: 'transform.filter', inputs: { in: 'src' }, params: { condition: 'v >= 70' } },
      { id: 'more', type: 'transform.derive', inputs: { in: 'kept' }, params: { columns: [{ name: 'w', expression: 'v * 2' }] } },
      { id: 'out', type: 'sink.parquet', inputs: { in: 'more' }, params: { path: 'out.parquet' } },
    );
    const s = await open(doc, dir);
    const events: ProgressEvent[] = [];
    const r = await s.run({ onProgress: (e) => events.push(e) });
    expect(r.ok).toBe(true);
    expect(r.nodes).toMatchObject({ src: { rows: 10 }, kept: { rows: 3 }, more: { rows: 3 }, out: { rows: 3 } });
    // The chain's time is the sink's: the nodes streamed in its query say so instead of repeating it.
    expect(r.nodes['src']?.streamed).toBe(true);
    expect(r.nodes['out']?.streamed).toBeUndefined();
    expect(events.find((e) => e.nodeId === 'kept' && e.status === 'done')).toMatchObject({ rows: 3, streamed: true });
  });
});
