import type { Analysis } from '../../../shared/compiler/plan';
import { error, type Diagnostic } from '../../../shared/diagnostics';
import type { TrustReport } from '../../../shared/ipc/results';
import { secretNames } from '../connectors/http/secret-refs';
import { pathParam, type PlanAccess } from '../bind/plan-access';
import { isInside, realPath } from '../walls/file-boundary';

/**
 * Trust, as VS Code's Workspace Trust has it (ARCHITECTURE.md, wall 5): what a
 * pipeline touches beyond reading its own folder's files — files elsewhere,
 * outputs, connections, network addresses, secrets — read off the compiled
 * plan, never off what the file says about itself. A restricted session
 * holds back every node that would reach any of these (it fails with a
 * diagnostic saying so), and never runs.
 */

export type TrustMode = TrustReport['mode'];

export function trustReport(analysis: Analysis, pa: PlanAccess, folder: string, mode: TrustMode): TrustReport {
  const home = realPath(folder);
  const report: TrustReport = { mode, folder, outside: [], writes: [], connections: [], hosts: [], secrets: [] };
  for (const [nodeId, reads] of pa.readsByNode) {
    for (const r of reads) {
      const real = realPath(r.path);
      if (real !== home && !isInside(real, home))
        report.outside.push({ nodeId, path: real === r.path ? r.path : `${r.path} → ${real}` });
    }
  }
  for (const [nodeId, { spec }] of pa.sinks) report.writes.push({ nodeId, target: spec.path });
  for (const [nodeId, spec] of pa.externalSinks) report.writes.push({ nodeId, target: spec.describe });
  for (const [nodeId, spec] of pa.deltaSinks) report.writes.push({ nodeId, target: spec.path });
  for (const [nodeId, spec] of pa.reports) report.writes.push({ nodeId, target: spec.path });
  for (const [nodeId, spec] of [...pa.externalSources, ...pa.externalSinks]) {
    if (spec.connection !== undefined) report.connections.push({ nodeId, name: spec.connection.name });
  }
  for (const [nodeId, spec] of pa.externalSources)
    if (spec.url !== undefined) report.hosts.push({ nodeId, url: spec.url });
  for (const id of analysis.order) {
    const node = analysis.nodes.get(id)?.node;
    for (const name of secretNames(JSON.stringify(node?.params ?? {}))) report.secrets.push({ nodeId: id, name });
  }
  return report;
}

/** One diagnostic for each node a restricted session holds back, saying what it would reach. */
export function heldBack(analysis: Analysis, report: TrustReport): Diagnostic[] {
  const out: Diagnostic[] = [];
  const blame = (nodeId: string, fallback?: string): { nodeId: string; param?: string } => {
    const def = analysis.nodes.get(nodeId)?.def;
    const param = (def === undefined ? undefined : pathParam(def, 'read')) ?? fallback;
    return { nodeId, ...(param === undefined ? {} : { param }) };
  };
  for (const o of report.outside)
    out.push(error('trust.outside', { file: o.path, folder: report.folder }, blame(o.nodeId)));
  for (const c of report.connections) {
    if (report.writes.some((w) => w.nodeId === c.nodeId)) continue;
    out.push(error('trust.connection', { name: c.name }, { nodeId: c.nodeId, param: 'connection' }));
  }
  for (const h of report.hosts) out.push(error('trust.network', { url: h.url }, { nodeId: h.nodeId, param: 'url' }));
  for (const s of report.secrets) {
    if (report.hosts.some((h) => h.nodeId === s.nodeId)) continue;
    out.push(error('trust.secret', { name: s.name }, { nodeId: s.nodeId }));
  }
  return out;
}

/** The refusal of a run in a restricted session, listing what it would have done. */
export function runRefusal(report: TrustReport): Diagnostic {
  const parts = [
    ...report.writes.map((w) => `write ${w.target}`),
    ...report.outside.map((o) => `read ${o.path}`),
    ...report.connections.map((c) => `connect to "${c.name}"`),
    ...report.hosts.map((h) => `fetch ${h.url}`),
    ...report.secrets.map((s) => `send the secret ${s.name}`),
  ];
  return parts.length === 0
    ? error('trust.restricted', {})
    : error('trust.restricted/would', { actions: [...new Set(parts)].join(', ') });
}
