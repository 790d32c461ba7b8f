import { DB_SINK_CONFIG } from '../../../shared/external/database';
import type { IncrementalPlan } from '../external/resolve-state';
import { ancestorsAndSelf } from './plan';
import type { RunContext } from './run-context';

/** The incremental sources this run reads, each with the targets below it. */
export function incrementalPlans(
  ctx: RunContext,
  sinkIds: readonly string[],
  needed: ReadonlySet<string>,
): IncrementalPlan[] {
  const externals = ctx.externals;
  if (externals === undefined) return [];
  const below = new Map(sinkIds.map((id) => [id, ancestorsAndSelf(ctx.analysis, id)]));
  return externals
    .incrementalIds()
    .filter((id) => needed.has(id))
    .map((sourceId) => {
      const sinks = sinkIds.filter((id) => below.get(id)?.has(sourceId) === true);
      return {
        sourceId,
        databaseTargets: sinks.flatMap((sinkId) => {
          const spec = ctx.access.externalSinks.get(sinkId);
          const mode = DB_SINK_CONFIG.safeParse(spec?.config);
          return spec === undefined || !mode.success ? [] : [{ sinkId, spec, mode: mode.data.mode }];
        }),
        fileTargets: sinks.flatMap((id) => {
          const s = ctx.access.sinks.get(id);
          return s === undefined ? [] : [s.spec.path];
        }),
      };
    });
}
