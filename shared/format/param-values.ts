import type { PipelineDocument } from './document';

/** `${name}` values: the document's defaults overridden by the given ones. */
export function paramValues(
  doc: Pick<PipelineDocument, 'params'>,
  given: Readonly<Record<string, string>>,
): Map<string, string> {
  const values = new Map<string, string>();
  for (const [name, decl] of Object.entries(doc.params ?? {}))
    if (decl.default !== undefined) values.set(name, String(decl.default));
  for (const [name, v] of Object.entries(given)) values.set(name, v);
  return values;
}
