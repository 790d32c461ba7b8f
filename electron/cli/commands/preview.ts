import { PREVIEW_MAX_ROWS } from '../../engine/api';
import { EXIT, usageError, type ExitCode } from '../exit';
import { formatTable, printJson } from '../format';
import type { Io } from '../io';
import { openSession } from '../session';
import { requireNode, type SessionOpts } from '../pipeline-options';

export interface PreviewOpts extends SessionOpts {
  limit?: number;
  offset?: number;
  json?: boolean;
  sort?: Array<{ column: string; descending: boolean }>;
  filter?: Array<{ column: string; text: string }>;
}

/** `duto preview FILE NODE`: the first rows of a node's output. */
export async function previewCommand(file: string, nodeId: string, opts: PreviewOpts, io: Io): Promise<ExitCode> {
  const limit = opts.limit ?? 20;
  if (limit > PREVIEW_MAX_ROWS) throw usageError(`--limit: at most ${PREVIEW_MAX_ROWS} rows`);
  const session = await openSession(file, opts);
  try {
    requireNode(session.document, nodeId);
    const view = {
      ...(opts.sort === undefined ? {} : { sort: opts.sort }),
      ...(opts.filter === undefined ? {} : { filters: opts.filter }),
    };
    const r = await session.preview(nodeId, limit, opts.offset ?? 0, undefined, view);
    if (opts.json === true) {
      printJson(io, {
        nodeId: r.nodeId,
        columns: r.columns,
        rows: r.rows,
        offset: r.offset,
        more: r.more,
        ...(r.sample === undefined ? {} : { sample: r.sample }),
        ...(r.checks === undefined ? {} : { checks: r.checks }),
        ...(r.warnings === undefined ? {} : { warnings: r.warnings }),
        ...(r.matching === undefined ? {} : { matching: r.matching }),
      });
    } else {
      io.out(formatTable(r.columns, r.rows, io.tty));
      const first = r.rows.length === 0 ? 0 : r.offset + 1;
      io.out(
        `rows ${first}–${r.offset + r.rows.length}${r.matching === undefined ? '' : ` of ${r.matching} matching`}${r.more ? ', more follow' : ''}\n`,
      );
      if (r.sample !== undefined)
        io.out(
          `computed on a sample: the first ${r.sample.rows} rows of ${r.sample.sources.join(', ')} (run for all rows)\n`,
        );
      for (const w of r.warnings ?? []) io.err(`warning: ${w.message}\n`);
      if (r.checks !== undefined) {
        const { rows, failures } = r.checks;
        io.out(
          failures.length === 0
            ? `every check holds on the first ${rows} rows\n`
            : `on the first ${rows} rows:\n${failures.map((f) => `  ${f.message}\n`).join('')}`,
        );
      }
    }
    return EXIT.ok;
  } finally {
    session.close();
  }
}
