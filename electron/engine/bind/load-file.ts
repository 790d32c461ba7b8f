import { DutoError, error } from '../../../shared/diagnostics';
import type { PipelineDocument } from '../../../shared/format/document';
import { parseDocumentText } from '../../../shared/format/parse';
import { NotReadable, readRegularText } from '../files/read-regular';

/** Reads and validates a `.duto.json` file; every problem names the file. */
export async function loadPipelineFile(path: string): Promise<PipelineDocument> {
  let text: string;
  try {
    text = await readRegularText(path);
  } catch (e) {
    const code = e instanceof Error && 'code' in e ? String(e.code) : '';
    const why =
      e instanceof NotReadable
        ? e.message
        : code === 'ENOENT'
          ? 'no such file'
          : code === 'EISDIR'
            ? 'it is a folder'
            : code === 'EACCES'
              ? 'permission denied'
              : e instanceof Error
                ? e.message
                : String(e);
    throw new DutoError([error('document.read', { file: path, detail: why }, { file: path })]);
  }
  const parsed = parseDocumentText(text, path);
  if (!parsed.ok) throw new DutoError(parsed.diagnostics.map((d) => ({ ...d, file: d.file ?? path })));
  return parsed.document;
}
