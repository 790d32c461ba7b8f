import { deltaChoiceOf } from '../delta-table';
import { defineNode } from '../node-type';
import { p } from '../params';

export const sourceDelta = defineNode({
  type: 'source.delta',
  version: 1,
  category: 'source',
  label: 'Delta table',
  description:
    'Reads a Delta Lake table (a folder with a _delta_log), e.g. lake/orders: its latest version, or a past one by version number or time (time travel).',
  keywords: ['delta', 'lake', 'lakehouse', 'table', 'time travel', 'version', 'parquet', 'read'],
  inputs: [],
  outputs: [{ name: 'out', label: 'Rows' }],
  params: {
    path: p.path({ label: 'Table folder', access: 'read', accepts: 'dir', extensions: [] }),
    version: p.detectedNumber({
      label: 'Version',
      min: 0,
      description: 'Read this version of the table. Empty: the latest.',
    }),
    timestamp: p.string({
      label: 'As of time',
      default: '',
      placeholder: 'e.g. 2024-05-01T12:00:00Z',
      description: 'Read the last version committed at or before this time. Empty: the latest.',
    }),
  },
  compile(ctx) {
    const table = ctx.resolvePath(ctx.params.path);
    const asked = deltaChoiceOf(ctx.params);
    if ('issue' in asked) return { issues: [asked.issue] };
    const read = ctx.readDelta?.(table, asked.choice);
    if (read === undefined)
      return {
        issues: [
          {
            param: 'path',
            message: `Delta table ${table} is not read here (a restricted pipeline reads tables only inside its folder)`,
          },
        ],
      };
    if ('problem' in read)
      return {
        issues: [
          {
            param: asked.choice.kind === 'latest' ? 'path' : asked.choice.kind,
            message: read.problem,
            ...(read.cause === undefined ? {} : { cause: read.cause }),
          },
        ],
      };
    // The version's files, one by one: the sandbox allows DuckDB exactly these (a new commit names new files, so a new view).
    return {
      sql: read.read.sql,
      reads: read.read.files.map((path) => ({ path, kind: 'file' as const })),
      deltaSource: { table, version: read.read.version },
    };
  },
});
