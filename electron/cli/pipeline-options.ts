import { resolve } from 'node:path';
import type { PipelineDocument } from '../../shared/format/document';
import { documentUpstream } from '../../shared/format/document';
import { reachable } from '../../shared/compiler/graph';
import type { Redactor } from '../engine/sandbox/redactor';
import type { EngineCaches } from '../engine/session/engine-caches';
import { usageError } from './exit';
import { trustOfFile, trustStoreFile } from '../engine/trust/trust-store';
import type { TrustMode } from '../engine/trust/trust-report';

/**
 * What every command that opens a pipeline is given, and the checks made
 * before any engine loads (session.ts opens it): `duto run`'s up-to-date
 * answer (run/quick-check.ts) needs these and nothing heavier.
 */
export interface SessionOpts {
  param?: Record<string, string>;
  /** A connections file to use instead of the usual ones. */
  connections?: string;
  /** DuckDB's memory limit (e.g. 4GB): beyond it, DuckDB spills to disk. */
  memoryLimit?: string;
  /** The most DuckDB may spill to disk. */
  spillLimit?: string;
  /** Seconds opening (checking) the pipeline may take. */
  timeout?: number;
  threads?: number;
  /** Set by main for every command that opens a pipeline: learns the secrets its sessions resolve, and redacts what the command writes. */
  redactor?: Redactor;
  /** Set by main too: what the command's sessions share (previews, sniffed CSVs). */
  caches?: EngineCaches;
  /** --trust: this command trusts the pipeline, whatever the trust store says. */
  trust?: boolean;
  /** `--no-cache` sets it false: runs neither reuse nor keep node results. */
  cache?: boolean;
  /** --cache-max: the node cache's budget (e.g. 500MB). */
  cacheMax?: string;
  /** --pin-cache: nodes reused although they look volatile. */
  pinCache?: string[];
  cacheKeep?: 'first-run' | 'second-run';
  /** Set by `run` for a whole run: the session reads whole cached results in their nodes' place (OpenOptions.standIns). */
  standIns?: boolean;
}

/** How long, by default, opening a pipeline (binding every node) may take in the CLI. */
export const CHECK_TIMEOUT_S = 300;

/** --trust, else the user's trust store (folders and files trusted with `duto trust` or in the app). */
export function trustFor(file: string, opts: Pick<SessionOpts, 'trust'>): TrustMode {
  return opts.trust === true ? 'trusted' : trustOfFile(trustStoreFile(), resolve(file));
}

/** Every --param must be declared by the pipeline. */
export function checkParams(doc: PipelineDocument, params: Readonly<Record<string, string>>): void {
  const declared = Object.keys(doc.params ?? {});
  for (const name of Object.keys(params)) {
    if (!declared.includes(name)) {
      const list = declared.length === 0 ? 'it declares none' : `it declares ${declared.join(', ')}`;
      throw usageError(`--param ${name}: this pipeline has no parameter "${name}" (${list})`);
    }
  }
}

/** Fails with the list of known ids when `nodeId` is not a node of the document. */
export function requireNode(doc: PipelineDocument, nodeId: string): void {
  if (doc.nodes.some((n) => n.id === nodeId)) return;
  const ids = doc.nodes.map((n) => n.id);
  throw usageError(`unknown node "${nodeId}"; the nodes are: ${ids.length === 0 ? '(none)' : ids.join(', ')}`);
}

/** `nodeId` and every node it reads from, directly or not. */
export function upstreamOf(doc: PipelineDocument, nodeId: string): Set<string> {
  return reachable(nodeId, documentUpstream(doc));
}
