import { existsSync } from 'node:fs';
import type { ExternalSinkSpec } from '../../../shared/catalog/node-type';
import type { StoredState } from './load-state';
import { ConnectorError } from './types';
import { said } from '../../../shared/messages/diagnostic-messages';

/**
 * Where an incremental source's next read starts (exactly once,
 * ARCHITECTURE.md §3): the state its database targets committed with their rows wins over
 * the local state file, which is only a cache; a target that already holds
 * data but keeps no state for the source would be loaded twice, so it is an
 * error, not a silent re-ingest.
 */

/** An incremental source of a run and the targets below it. */
export interface IncrementalPlan {
  sourceId: string;
  databaseTargets: ReadonlyArray<{ sinkId: string; spec: ExternalSinkSpec; mode: string }>;
  /** File outputs below it (their target paths). */
  fileTargets: readonly string[];
}

export interface DecideInput {
  sourceId: string;
  fingerprint: string;
  fromFile: string | null;
  stateFile: string;
  stored: ReadonlyArray<{ sinkId: string; mode: string; state: StoredState }>;
  fileTargets: readonly string[];
}

/** Appends and upserts add to what is there; a replace (or create) of a full read doubles nothing. */
const ADDS = new Set(['append', 'upsert']);

export function decideAfter(i: DecideInput): { after: string | null; from: string } {
  const committed = i.stored.filter((s) => s.state.entry !== undefined && s.state.entry.fingerprint === i.fingerprint);
  const values = [...new Set(committed.map((s) => s.state.entry?.watermark ?? ''))];
  if (values.length > 1) {
    const list = committed.map((s) => `${s.sinkId}: ${s.state.entry?.watermark ?? ''}`).join(', ');
    throw new ConnectorError(said('state.diverged', { source: i.sourceId, list }));
  }
  const first = committed[0];
  if (first !== undefined && values[0] !== undefined) return { after: values[0], from: first.state.where };
  // No target keeps state (written before Duto kept it there): the local file is all there is.
  if (i.fromFile !== null) return { after: i.fromFile, from: i.stateFile };
  const held = i.stored.find((s) => s.state.targetHasRows && ADDS.has(s.mode));
  if (held !== undefined) {
    throw new ConnectorError(
      said('state.missing/target', { sink: held.sinkId, where: held.state.where, source: i.sourceId }),
    );
  }
  const file = i.fileTargets.find((t) => existsSync(t));
  if (file !== undefined && i.stored.length === 0) {
    throw new ConnectorError(said('state.missing', { file, state: i.stateFile, source: i.sourceId }), { file });
  }
  return { after: null, from: i.stateFile };
}
