import type { NodeRunStatus, ProgressEvent } from '../engine/api';
import { formatDuration, formatRows } from './format';
import type { Io } from './io';

/** Shows a run's progress: a live table on a terminal, plain lines elsewhere. */
export interface ProgressView {
  update(e: ProgressEvent): void;
  /** Stops redrawing and leaves the final state on screen. */
  stop(): void;
}

interface NodeState {
  status: NodeRunStatus;
  rows?: number;
  elapsedMs: number;
  /** Local clock when the node started running, to tick its elapsed time between events. */
  startedAt?: number;
  progress?: number;
  cached?: boolean;
  /** Streamed in a later node's query: its time is shown there. */
  streamed?: boolean;
  /** Waiting for another run's lock on the target (cleared when the node moves on). */
  waiting?: string;
}

const FINAL: ReadonlySet<NodeRunStatus> = new Set(['done', 'failed', 'cancelled', 'skipped']);
const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const ESC = '\u001b[';
const colour = (code: number, s: string): string => `${ESC}${code}m${s}${ESC}0m`;

function symbol(status: NodeRunStatus, frame: number): string {
  switch (status) {
    case 'pending':
      return colour(2, '·');
    case 'running':
      return colour(36, SPINNER[frame % SPINNER.length] ?? '*');
    case 'done':
      return colour(32, '✓');
    case 'failed':
      return colour(31, '✗');
    case 'cancelled':
      return colour(33, '⊘');
    case 'skipped':
      return colour(2, '-');
  }
}

/** Cuts a line to `width` visible characters, keeping ANSI sequences whole. */
function clip(line: string, width: number): string {
  let visible = 0;
  let out = '';
  // eslint-disable-next-line no-control-regex
  for (const part of line.split(/(\u001b\[[0-9;]*m)/)) {
    if (part.startsWith(ESC)) {
      out += part;
      continue;
    }
    const chars = [...part];
    const room = width - visible;
    if (chars.length > room) return `${out}${chars.slice(0, Math.max(0, room)).join('')}${ESC}0m`;
    out += part;
    visible += chars.length;
  }
  return out;
}

export interface TtyOptions {
  /** Minimum time between redraws triggered by events. */
  throttleMs?: number;
  now?: () => number;
}

/**
 * The live display: one line per node the run reports (symbol, id, rows,
 * elapsed), in the order of `nodeIds`, redrawn in place.
 */
export function ttyProgress(io: Io, nodeIds: readonly string[], opts: TtyOptions = {}): ProgressView {
  const now = opts.now ?? (() => performance.now());
  const throttle = opts.throttleMs ?? 80;
  const states = new Map<string, NodeState>();
  const rank = (id: string): number => {
    const i = nodeIds.indexOf(id);
    return i < 0 ? nodeIds.length : i;
  };
  const idWidth = Math.min(32, Math.max(4, ...nodeIds.map((id) => id.length)));
  let drawn = 0;
  let lastDraw = -Infinity;
  let frame = 0;
  let stopped = false;

  const render = (): void => {
    const t = now();
    const lines = [...states.entries()]
      .sort((a, b) => rank(a[0]) - rank(b[0]))
      .map(([id, s]) => {
        const elapsed =
          s.status === 'running' && s.startedAt !== undefined ? Math.max(s.elapsedMs, t - s.startedAt) : s.elapsedMs;
        const pct = s.status === 'running' && s.progress !== undefined ? ` ${Math.round(s.progress * 100)}%` : '';
        const rows = formatRows(s.rows).padStart(16);
        const time =
          s.status === 'pending' || s.status === 'skipped'
            ? ''
            : s.cached === true
              ? 'up to date'
              : s.status === 'done' && s.streamed === true
                ? ''
                : formatDuration(elapsed);
        const wait = s.status === 'running' && s.waiting !== undefined ? `  ${s.waiting}` : '';
        return clip(`${symbol(s.status, frame)} ${id.padEnd(idWidth)} ${rows}  ${time}${pct}${wait}`, io.columns - 1);
      });
    let text = drawn > 0 ? `${ESC}${drawn}A` : `${ESC}?25l`;
    for (const l of lines) text += `\r${ESC}2K${l}\n`;
    io.out(text);
    drawn = lines.length;
    lastDraw = t;
  };

  const ticker = setInterval(() => {
    frame++;
    render();
  }, 100);
  ticker.unref();
  render();

  return {
    update(e) {
      if (stopped) return;
      const prev = states.get(e.nodeId);
      const s: NodeState = {
        ...(prev ?? { status: 'pending', elapsedMs: 0 }),
        status: e.status,
        elapsedMs: e.elapsedMs,
      };
      if (e.rows !== undefined) s.rows = e.rows;
      if (e.progress !== undefined) s.progress = e.progress;
      if (e.cached === true) s.cached = true;
      if (e.streamed === true) s.streamed = true;
      // Rows or progress mean the lock was taken: the wait is over.
      if (e.waiting !== undefined) s.waiting = e.waiting;
      else if (e.rows !== undefined || e.progress !== undefined) delete s.waiting;
      if (e.status === 'running' && prev?.status !== 'running') s.startedAt = now() - e.elapsedMs;
      states.set(e.nodeId, s);
      if (FINAL.has(e.status) || now() - lastDraw >= throttle) render();
    },
    stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(ticker);
      render();
      io.out(`${ESC}?25h`);
    },
  };
}

/** Not a terminal: one line per node when it ends, and one when it starts waiting for a lock. */
export function plainProgress(io: Io, nodeIds: readonly string[]): ProgressView {
  const idWidth = Math.max(0, ...nodeIds.map((id) => id.length));
  return {
    update(e) {
      if (e.waiting !== undefined) io.out(`${'waiting'.padEnd(9)}  ${e.nodeId.padEnd(idWidth)}  ${e.waiting}\n`);
      if (!FINAL.has(e.status)) return;
      const parts = [e.status.padEnd(9), e.nodeId.padEnd(idWidth)];
      if (e.rows !== undefined) parts.push(formatRows(e.rows));
      if (e.cached === true) parts.push('up to date');
      // A node streamed in a later one's query has no time of its own: the chain's is on that node's line.
      else if (e.status !== 'skipped' && e.streamed !== true) parts.push(formatDuration(e.elapsedMs));
      io.out(`${parts.join('  ').trimEnd()}\n`);
    },
    stop() {},
  };
}

/** No output (for --json). */
export const silentProgress: ProgressView = { update() {}, stop() {} };
