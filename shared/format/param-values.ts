/** A document's parameter declarations, as far as their values go. */
interface Declared {
  params?: Record<string, { default?: string | number | boolean }>;
}

/** `${name}` values: the document's defaults overridden by the given ones. */
export function paramValues(doc: Declared, given: Readonly<Record<string, string>>): Map<string, string> {
  const values = new Map<string, string>();
  for (const [name, decl] of Object.entries(doc.params ?? {})) if (decl.default !== undefined) values.set(name, String(decl.default));
  for (const [name, v] of Object.entries(given)) values.set(name, v);
  return values;
}
