import type { PipelineDocument } from './document';
import { isJsonObject, type JsonValue } from './json';
import { findSecrets } from './secrets';

/**
 * The document with every secret-looking value replaced by a note, for
 * output meant to be shared (generated docs). Saving refuses such values,
 * but a file edited by hand may still hold one; the engine reports it as an
 * error, and what is shown never repeats it.
 */
export function redactSecrets(doc: PipelineDocument): PipelineDocument {
  const reasons = new Map(findSecrets(doc).map((f) => [f.path, f.reason]));
  if (reasons.size === 0) return doc;
  const removed = (reason: string): string => `[removed: ${reason}]`;

  // Paths are spelled as findSecrets spells them: `nodes[2].params.headers[0].value`.
  const value = (v: JsonValue, at: string): JsonValue => {
    const reason = reasons.get(at);
    if (reason !== undefined && typeof v === 'string') return removed(reason);
    if (Array.isArray(v)) return v.map((x, i) => value(x, `${at}[${i}]`));
    if (isJsonObject(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, value(x, `${at}.${k}`)]));
    return v;
  };
  const text = <T>(v: T, at: string): T | string => {
    const reason = reasons.get(at);
    return v === undefined || reason === undefined ? v : removed(reason);
  };

  return {
    ...doc,
    ...(doc.description === undefined ? {} : { description: text(doc.description, 'description') }),
    ...(doc.params === undefined
      ? {}
      : {
          params: Object.fromEntries(
            Object.entries(doc.params).map(([name, decl]) => [
              name,
              decl.default === undefined ? decl : { ...decl, default: text(decl.default, `params.${name}.default`) },
            ]),
          ),
        }),
    nodes: doc.nodes.map((n, i) => ({
      ...n,
      ...(n.label === undefined ? {} : { label: text(n.label, `nodes[${i}].label`) }),
      ...(n.description === undefined ? {} : { description: text(n.description, `nodes[${i}].description`) }),
      ...(n.params === undefined
        ? {}
        : {
            params: Object.fromEntries(
              Object.entries(n.params).map(([k, x]) => [k, value(x, `nodes[${i}].params.${k}`)]),
            ),
          }),
    })),
    ...(doc.notes === undefined
      ? {}
      : { notes: doc.notes.map((note, i) => ({ ...note, text: text(note.text, `notes[${i}].text`) })) }),
  };
}
