import { describe, expect, it } from 'vitest';
import { runShare } from './run-share';

describe('how far a run got', () => {
  it('counts nodes over, and the share a running node says it has done', () => {
    expect(runShare({})).toEqual({ done: 0, total: 0, fraction: 0 });
    const r = runShare({
      a: { status: 'done', elapsedMs: 1 },
      b: { status: 'skipped', elapsedMs: 0 },
      c: { status: 'running', elapsedMs: 5, progress: 0.5 },
      d: { status: 'pending', elapsedMs: 0 },
    });
    expect(r).toEqual({ done: 2, total: 4, fraction: 2.5 / 4 });
  });
});
