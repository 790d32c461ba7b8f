import { NotReadable, readRegularText } from '../../engine/files/read-regular';
import { DutoError, error } from '../../../shared/diagnostics';
import type { PipelineDocument } from '../../../shared/format/document';
import { mergeDocuments } from '../../../shared/format/merge';
import { parseDocumentText } from '../../../shared/format/parse';
import { serializeDocument } from '../../../shared/format/serialize';
import { writeFileAtomic } from '../../host/atomic-write';
import { fsError } from '../../host/fs-errors';
import { EXIT, usageError, type ExitCode } from '../exit';
import type { Io } from '../io';

/**
 * `duto merge BASE OURS THEIRS [-o FILE]`: a three-way merge of pipeline
 * files, made to be git's merge driver for `*.duto.json` (`%O %A %B`). The
 * result goes to OURS (git's contract) or FILE, written atomically in the
 * canonical format. Exit 0: merged cleanly; 1: conflicts, each listed on
 * stderr with its place, our value kept there so the file stays a valid
 * pipeline; 2: an input is not a pipeline, and nothing is written.
 */

export interface MergeOpts {
  output?: string;
}

async function load(path: string, role: string, allowEmpty: boolean): Promise<PipelineDocument | null> {
  let text: string;
  try {
    text = await readRegularText(path);
  } catch (e) {
    const code = e instanceof Error && 'code' in e ? String(e.code) : '';
    throw new DutoError([
      error(
        'document.read/role',
        {
          role,
          file: path,
          detail: e instanceof NotReadable ? e.message : code === 'ENOENT' ? 'no such file' : code || String(e),
        },
        { file: path },
      ),
    ]);
  }
  // git passes an empty base when both sides added the file.
  if (allowEmpty && text.trim() === '') return null;
  const parsed = parseDocumentText(text, path);
  if (!parsed.ok)
    throw new DutoError(
      parsed.diagnostics.map((d) => ({ ...d, file: d.file ?? path, message: `${role}: ${d.message}` })),
    );
  return parsed.document;
}

export async function mergeCommand(
  basePath: string,
  oursPath: string,
  theirsPath: string,
  opts: MergeOpts,
  io: Io,
): Promise<ExitCode> {
  const base = await load(basePath, 'base', true);
  const ours = await load(oursPath, 'ours', false);
  const theirs = await load(theirsPath, 'theirs', false);
  if (ours === null || theirs === null) return EXIT.usage;
  const result = mergeDocuments(base, ours, theirs);
  const target = opts.output ?? oursPath;
  try {
    await writeFileAtomic(target, serializeDocument(result.document));
  } catch (e) {
    throw usageError(
      `${opts.output === undefined ? target : `--output ${target}`}: ${fsError(e, target, 'write').message}`,
    );
  }
  if (result.conflicts.length === 0) {
    io.out(`merged cleanly into ${target}\n`);
    return EXIT.ok;
  }
  for (const c of result.conflicts) io.err(`conflict [${c.path === '' ? 'document' : c.path}] ${c.message}\n`);
  io.err(
    `${String(result.conflicts.length)} conflict${result.conflicts.length === 1 ? '' : 's'}: ${target} holds our side at each; edit it (in Duto or by hand), then mark it resolved\n`,
  );
  return EXIT.failed;
}
