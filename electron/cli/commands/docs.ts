import { basename, dirname, resolve } from 'node:path';
import { relativeLineage } from '../../engine/preview/lineage';
import { catalog } from '../../../shared/catalog/index';
import { pipelineMarkdown } from '../../../shared/format/docs-markdown';
import { writeFileAtomic } from '../../host/atomic-write';
import { fsError } from '../../host/fs-errors';
import { EXIT, usageError, type ExitCode } from '../exit';
import type { Io } from '../io';
import { openSession } from '../session';
import type { SessionOpts } from '../pipeline-options';

export interface DocsOpts extends SessionOpts {
  /** Write the Markdown to this file (atomically) instead of stdout. */
  output?: string;
}

/**
 * `duto docs FILE`: the pipeline's documentation as Markdown, with the
 * output columns DuckDB binds. Exit 0 even when the pipeline has errors:
 * the docs list them. An unreadable file or output path exits 2.
 */
export async function docsCommand(file: string, opts: DocsOpts, io: Io): Promise<ExitCode> {
  const session = await openSession(file, opts);
  let markdown: string;
  try {
    const r = await session.validate();
    markdown = pipelineMarkdown(session.document, {
      fileName: basename(file),
      types: catalog,
      schemas: r.schemas,
      diagnostics: r.diagnostics,
      lineage: relativeLineage(session.lineage(), dirname(resolve(file))),
    });
  } finally {
    session.close();
  }
  if (opts.output === undefined) {
    io.out(markdown);
    return EXIT.ok;
  }
  const target = resolve(opts.output);
  try {
    // Written where no Io redacts it: the session's redactor does (server echoes in diagnostics).
    await writeFileAtomic(target, opts.redactor?.text(markdown) ?? markdown);
  } catch (e) {
    throw usageError(`--output ${opts.output}: ${fsError(e, target, 'write').message}`);
  }
  return EXIT.ok;
}
