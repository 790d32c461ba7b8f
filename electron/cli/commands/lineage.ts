import type { Lineage } from '../../engine/preview/lineage';
import { EXIT, type ExitCode } from '../exit';
import { printJson } from '../format';
import type { Io } from '../io';
import { openSession, type SessionOpts } from '../session';

export interface LineageOpts extends SessionOpts {
  json?: boolean;
}

/**
 * `duto lineage FILE`: for each output, the sources it is made from and the
 * nodes between; `--json` adds every dataset's columns, for metadata tools.
 */
export async function lineageCommand(file: string, opts: LineageOpts, io: Io): Promise<ExitCode> {
  const session = await openSession(file, opts);
  try {
    const lineage = session.lineage();
    if (opts.json === true) printJson(io, lineage);
    else io.out(text(lineage));
    return EXIT.ok;
  } finally {
    session.close();
  }
}

function text(l: Lineage): string {
  const at = new Map(l.datasets.map((d) => [d.node, d]));
  const outputs = l.datasets.filter((d) => d.role === 'output');
  if (outputs.length === 0) return 'no outputs: nothing is written\n';
  return outputs
    .map((o) => {
      const from = l.flows.filter((f) => f.to === o.node);
      const lines = from.map((f) => `  ← ${f.from} (${at.get(f.from)?.location ?? '?'})${f.through.length === 0 ? '' : ` via ${f.through.join(', ')}`}`);
      return `${o.node} → ${o.location}\n${lines.length === 0 ? '  (no source)' : lines.join('\n')}\n`;
    })
    .join('');
}
