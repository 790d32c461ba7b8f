import { EXIT, type ExitCode } from '../exit';
import { formatRows, printJson } from '../format';
import type { Io } from '../io';
import { openSession } from '../session';
import { requireNode, type SessionOpts } from '../pipeline-options';

export interface ProfileOpts extends SessionOpts {
  json?: boolean;
}

/** `duto profile FILE NODE`: statistics of every column of the node's whole output. */
export async function profileCommand(file: string, nodeId: string, opts: ProfileOpts, io: Io): Promise<ExitCode> {
  const session = await openSession(file, opts);
  try {
    requireNode(session.document, nodeId);
    const p = await session.profile(nodeId);
    if (opts.json === true) {
      printJson(io, p);
      return EXIT.ok;
    }
    const header = ['column', 'type', 'empty', 'distinct≈', 'min', 'max', 'mean'];
    const rows = p.columns.map((c) => [
      c.name,
      c.type,
      `${c.nullPercent.toFixed(1)} %`,
      String(c.distinct),
      c.min ?? '',
      c.max ?? '',
      c.avg === null ? '' : shortNumber(c.avg),
    ]);
    const widths = header.map((h, i) => Math.min(40, Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length))));
    const line = (cells: string[]): string =>
      cells
        .map((c, i) =>
          c.length > (widths[i] ?? 0) ? `${c.slice(0, (widths[i] ?? 1) - 1)}…` : c.padEnd(widths[i] ?? 0),
        )
        .join('  ')
        .trimEnd();
    io.out(`${line(header)}\n${rows.map(line).join('\n')}\n`);
    io.out(
      `${formatRows(p.rows)}${p.sample === undefined ? '' : `, on a sample: the first ${String(p.sample.rows)} rows of ${p.sample.sources.join(', ')}`}\n`,
    );
    return EXIT.ok;
  } finally {
    session.close();
  }
}

function shortNumber(text: string): string {
  const n = Number(text);
  return Number.isFinite(n) ? String(Number(n.toPrecision(6))) : text;
}
