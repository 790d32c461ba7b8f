import type { DuckDBConnection } from '@duckdb/node-api';
import { refNode, refPort } from '../../../shared/format/document';
import { DutoError, type Diagnostic } from '../../../shared/diagnostics';
import type { RunResult } from '../api';
import { collectRejected, countRejected, judgeRejected } from './rejects';
import type { RunContext } from './run-context';

export type BadRows = ReturnType<typeof badRows>;

/**
 * The sources of a run that set bad rows aside (rejects.ts): their `rejected`
 * port is filled before anything that reads it is written, their limits are
 * the last word before an output replaces its target, and every one is
 * counted at the end.
 */
export function badRows(ctx: RunContext, order: readonly string[]) {
  const sources = order.flatMap((id) => {
    const step = ctx.bound.stepById.get(id);
    return step?.rejects === undefined || step.view === undefined
      ? []
      : [{ id, spec: step.rejects, view: step.view.name }];
  });
  const judged = new Map<string, Diagnostic | undefined>();
  const readsRejected = (chain: readonly string[], source: string): boolean =>
    chain.some((n) =>
      Object.values(ctx.analysis.nodes.get(n)?.inputs ?? {})
        .flat()
        .some((ref) => refNode(ref) === source && refPort(ref) === 'rejected'),
    );
  const judge = async (conn: DuckDBConnection, s: (typeof sources)[number]): Promise<Diagnostic | undefined> => {
    if (!judged.has(s.id))
      judged.set(s.id, await judgeRejected(conn, s.id, s.view, s.spec, await countRejected(conn, s.spec)));
    return judged.get(s.id);
  };
  return {
    async collect(conn: DuckDBConnection, chain: readonly string[]): Promise<void> {
      for (const s of sources)
        if (chain.includes(s.id) && readsRejected(chain, s.id)) await collectRejected(conn, s.view, s.spec);
    },
    async gate(conn: DuckDBConnection, chain: readonly string[]): Promise<void> {
      for (const s of sources) {
        if (!chain.includes(s.id)) continue;
        judged.delete(s.id);
        const d = await judge(conn, s);
        if (d?.severity === 'error') throw new DutoError([d]);
      }
    },
    async report(conn: DuckDBConnection, into: NonNullable<RunResult['rejected']>): Promise<Diagnostic[]> {
      const out: Diagnostic[] = [];
      for (const s of sources) {
        const count = await countRejected(conn, s.spec);
        if (count.rows === 0) continue;
        into.push({ nodeId: s.id, rows: count.rows, policy: s.spec.policy });
        judged.delete(s.id);
        const d = await judge(conn, s);
        if (d !== undefined) out.push(d);
      }
      return out;
    },
  };
}
