import type { PipelineSession } from '../api';
import type { ConnectionLookup } from '../connections/resolved';
import type { SecretLookup } from '../external/secret-lookup';
import type { Redactor } from '../sandbox/redactor';

/**
 * The session's one redaction wall. Its lookups tell the redactor every
 * secret value they hand out (a connection's password and URL, a
 * `${secret:NAME}` value), and everything the session returns, throws or
 * reports as progress leaves through it — whatever message, server echo or
 * preview cell carried the value.
 */

export function recordingConnections(lookup: ConnectionLookup, redactor: Redactor): ConnectionLookup {
  return {
    resolve(name) {
      const c = lookup.resolve(name);
      redactor.add(...c.secrets, c.password);
      return c;
    },
  };
}

export function recordingSecrets(lookup: SecretLookup, redactor: Redactor): SecretLookup {
  return (name) => {
    const answer = lookup(name);
    if ('value' in answer) redactor.add(answer.value);
    return answer;
  };
}

export function redactedSession(s: PipelineSession, r: Redactor): PipelineSession {
  const guard = async <T extends object>(work: () => Promise<T>): Promise<T> => {
    try {
      return r.deep(await work());
    } catch (e) {
      throw r.error(e);
    }
  };
  return {
    get document() {
      return s.document;
    },
    validate: () => guard(() => s.validate()),
    schema: (nodeId) => guard(() => s.schema(nodeId)),
    preview: (nodeId, limit, offset, signal, view) => guard(() => s.preview(nodeId, limit, offset, signal, view)),
    profile: (nodeId, signal) => guard(() => s.profile(nodeId, signal)),
    deltaVersions: (nodeId) => guard(() => s.deltaVersions(nodeId)),
    modelCard: (nodeId) => guard(() => s.modelCard(nodeId)),
    chart: (nodeId, spec, signal) => guard(() => s.chart(nodeId, spec, signal)),
    reportPage: async (nodeId, locale, signal) =>
      (await guard(async () => ({ html: await s.reportPage(nodeId, locale, signal) }))).html,
    leftovers: async (remove, signal) => (await guard(async () => ({ list: await s.leftovers(remove, signal) }))).list,
    run: (options = {}) => {
      const { onProgress } = options;
      return guard(() =>
        s.run({ ...options, ...(onProgress === undefined ? {} : { onProgress: (e) => onProgress(r.deep(e)) }) }),
      );
    },
    sql: async () => (await guard(async () => ({ sql: await s.sql() }))).sql,
    lineage: () => {
      try {
        return r.deep(s.lineage());
      } catch (e) {
        throw r.error(e);
      }
    },
    columnLineage: async () => r.deep(await guard(() => s.columnLineage())),
    close: () => s.close(),
  };
}
