import type { Clock } from './scheduler';

/** The real clock for the scheduler (`duto serve`, the app): timers by number, so they can be cleared. */
const timers = new Map<number, NodeJS.Timeout>();
let timerSeq = 0;
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => {
    const id = ++timerSeq;
    timers.set(
      id,
      setTimeout(() => {
        timers.delete(id);
        fn();
      }, ms),
    );
    return id;
  },
  clearTimeout: (h) => {
    const t = typeof h === 'number' ? timers.get(h) : undefined;
    if (t !== undefined) clearTimeout(t);
    if (typeof h === 'number') timers.delete(h);
  },
};
