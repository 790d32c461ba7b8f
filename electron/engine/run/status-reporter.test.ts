import { describe, expect, it } from 'vitest';
import type { ProgressEvent } from '../api';
import { StatusReporter } from './status-reporter';

function listening(): { status: StatusReporter; events: ProgressEvent[] } {
  const events: ProgressEvent[] = [];
  return { status: new StatusReporter((e) => events.push(e)), events };
}

describe('StatusReporter', () => {
  it('sends every status as an event and keeps each node’s last word for the result', () => {
    const { status, events } = listening();
    status.each(['a', 'b'], 'pending');
    status.say('a', 'running');
    status.say('a', 'done', { rows: 3 });
    expect(events.map((e) => `${e.nodeId}:${e.status}`)).toEqual(['a:pending', 'b:pending', 'a:running', 'a:done']);
    expect(status.nodes['a']).toMatchObject({ status: 'done', rows: 3 });
    expect(status.nodes['b']).toMatchObject({ status: 'pending' });
    expect(status.rowsOf('a')).toBe(3);
  });

  it('a share of a write in progress is an event, not the node’s state', () => {
    const { status, events } = listening();
    status.say('out', 'running', { rows: 10 });
    status.say('out', 'running', { progress: 0.5 });
    expect(events.at(-1)).toMatchObject({ nodeId: 'out', progress: 0.5 });
    expect(status.nodes['out']).toEqual({ status: 'running', rows: 10, elapsedMs: expect.any(Number) });
  });

  it('gives each node its own verdict, with what goes with it', () => {
    const { status } = listening();
    status.each(['src', 'out'], (id) =>
      id === 'out' ? { status: 'done', rows: 7 } : { status: 'done', streamed: true },
    );
    expect(status.nodes).toEqual({
      src: { status: 'done', elapsedMs: 0, streamed: true },
      out: { status: 'done', elapsedMs: 0, rows: 7 },
    });
  });

  it('settled nodes keep their status: a later verdict on their chain passes them by', () => {
    const { status, events } = listening();
    status.settle(['src'], { status: 'done', rows: 5 });
    status.settle(['src', 'out'], 'cancelled');
    expect(status.isSettled('src')).toBe(true);
    expect(status.isSettled('out')).toBe(true);
    expect(status.nodes['src']).toMatchObject({ status: 'done', rows: 5 });
    expect(status.nodes['out']).toMatchObject({ status: 'cancelled' });
    expect(events).toHaveLength(2);
  });

  it('times a node from its first running', async () => {
    const { status } = listening();
    expect(status.elapsed('a')).toBe(0);
    status.say('a', 'running');
    await new Promise((r) => setTimeout(r, 30));
    status.say('a', 'running', { waiting: 'waiting for out.csv' });
    expect(status.elapsed('a')).toBeGreaterThanOrEqual(25);
  });
});
