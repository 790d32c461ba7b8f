import type { NodeRunStatus, ProgressEvent, RunResult } from '../api';

/** What a progress event may say beyond the node and its status; the elapsed time is the reporter's unless given. */
export type StatusDetail = Omit<ProgressEvent, 'nodeId' | 'status' | 'elapsedMs'> & { elapsedMs?: number };

/** A status, or a status with what goes with it (rows, a diagnostic…). */
export type Verdict = NodeRunStatus | ({ status: NodeRunStatus } & StatusDetail);

/**
 * The one voice of a run about its nodes: every stage says a node's status
 * here, which sends the progress event and keeps the node's last word for
 * the run's result. A node's time runs from its first `running`. A node is
 * settled once its chain has finished with it: later verdicts on a chain
 * leave settled nodes as they were.
 */
export class StatusReporter {
  readonly nodes: RunResult['nodes'] = {};
  private readonly started = new Map<string, number>();
  private readonly finished = new Set<string>();

  constructor(private readonly onProgress?: (e: ProgressEvent) => void) {}

  /** Milliseconds since the node started running (0 if it has not). */
  elapsed(id: string): number {
    const s = this.started.get(id);
    return s === undefined ? 0 : Math.round(performance.now() - s);
  }

  say(id: string, status: NodeRunStatus, detail: StatusDetail = {}): void {
    if (status === 'running' && !this.started.has(id)) this.started.set(id, performance.now());
    const e: ProgressEvent = { nodeId: id, status, elapsedMs: this.elapsed(id), ...detail };
    // A share of a write in progress is news, not the node's state.
    if (e.progress === undefined)
      this.nodes[id] = {
        status,
        elapsedMs: e.elapsedMs,
        ...(e.rows === undefined ? {} : { rows: e.rows }),
        ...(e.streamed === true ? { streamed: true } : {}),
        ...(e.origin === undefined ? {} : { origin: e.origin }),
      };
    this.onProgress?.(e);
  }

  /** The same verdict, or each node's own, for every node given, in their order. */
  each(ids: Iterable<string>, verdict: Verdict | ((id: string) => Verdict)): void {
    for (const id of ids) this.sayVerdict(id, typeof verdict === 'function' ? verdict(id) : verdict);
  }

  /** As `each`, for the nodes not settled yet, which are then settled. */
  settle(ids: Iterable<string>, verdict: Verdict | ((id: string) => Verdict)): void {
    for (const id of ids) {
      if (this.finished.has(id)) continue;
      this.sayVerdict(id, typeof verdict === 'function' ? verdict(id) : verdict);
      this.finished.add(id);
    }
  }

  isSettled(id: string): boolean {
    return this.finished.has(id);
  }

  /** The rows the node was last reported with. */
  rowsOf(id: string): number | undefined {
    return this.nodes[id]?.rows;
  }

  private sayVerdict(id: string, verdict: Verdict): void {
    if (typeof verdict === 'string') this.say(id, verdict);
    else {
      const { status, ...detail } = verdict;
      this.say(id, status, detail);
    }
  }
}
