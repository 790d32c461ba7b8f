import type { z } from 'zod';
import { catalog as builtinCatalog } from '../catalog/index';
import type { NodeType } from '../catalog/node-type';
import { diagnosticOf, error, type Diagnostic } from '../diagnostics';
import { said, type Said } from '../messages/diagnostic-messages';
import { CURRENT_VERSION, documentSchema, FORMAT, type PipelineDocument } from './document';
import { isJsonObject, type JsonObject } from './json';
import { findJsonError } from './json-error';
import { migrate, OLDEST_VERSION } from './migrate';
import { migrateNodeVersions } from './node-versions';

export type ParseResult =
  { ok: true; document: PipelineDocument; migratedFrom?: number } | { ok: false; diagnostics: Diagnostic[] };

/** `['nodes', 3, 'params', 'delimiter']` → `nodes[3].params.delimiter`. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out === '' ? String(p) : `.${String(p)}`;
  }
  return out === '' ? '(document)' : out;
}

/** Line and column (1-based) of a character offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let last = -1;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      last = i;
    }
  }
  return { line, column: offset - last };
}

/** Deeper than any pipeline is (its params nest a few levels): refused before anything walks it. */
export const MAX_NESTING = 256;

/**
 * Where `text` first nests arrays and objects deeper than `max`, or undefined. A loop, not recursion: the
 * checks that walk a document recurse, and a file of 2,000 nested `[` overflowed their stack.
 */
export function tooDeepAt(text: string, max: number): number | undefined {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) {
      depth++;
      if (depth > max) return i;
    } else if (c === 93 || c === 125) depth--;
  }
  return undefined;
}

/** Parses the text of a `.duto.json` file: JSON syntax, version, migration, shape, and id uniqueness. */
export function parseDocumentText(
  text: string,
  file?: string,
  catalog: ReadonlyMap<string, NodeType> = builtinCatalog,
): ParseResult {
  let raw: unknown;
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const deep = tooDeepAt(body, MAX_NESTING);
  if (deep !== undefined) {
    const lc = lineColumn(body, deep);
    const detail = `arrays and objects nest deeper than ${String(MAX_NESTING)} levels`;
    return {
      ok: false,
      diagnostics: [
        error(
          'document.json/at',
          { detail, line: String(lc.line), column: String(lc.column) },
          { ...(file === undefined ? {} : { file }), line: lc.line, column: lc.column },
        ),
      ],
    };
  }
  try {
    raw = JSON.parse(body);
  } catch (e) {
    const found = findJsonError(body);
    const msg = found?.message ?? (e instanceof Error ? e.message : String(e));
    const lc = found === undefined ? undefined : lineColumn(body, found.offset);
    const where = {
      ...(file === undefined ? {} : { file }),
      ...(lc === undefined ? {} : { line: lc.line, column: lc.column }),
    };
    return {
      ok: false,
      diagnostics: [
        lc === undefined
          ? error('document.json', { detail: msg }, where)
          : error('document.json/at', { detail: msg, line: String(lc.line), column: String(lc.column) }, where),
      ],
    };
  }
  const result = parseDocument(raw, catalog);
  if (!result.ok && file !== undefined) {
    return { ok: false, diagnostics: result.diagnostics.map((d) => ({ ...d, file })) };
  }
  return result;
}

/**
 * The path of the first `__proto__` key in a parsed JSON value. JSON.parse keeps it as a key, but copying it into
 * another object sets that object's prototype instead: a param of that name vanished, and `upgrade` saved the file
 * without it. (Depth is bounded by parseDocumentText's nesting check.)
 */
export function protoKeyPath(value: unknown, path: Array<string | number> = []): Array<string | number> | undefined {
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) {
      const found = protoKeyPath(v, [...path, i]);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  for (const [k, v] of Object.entries(value)) {
    if (k === '__proto__') return [...path, k];
    const found = protoKeyPath(v, [...path, k]);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** Validates (and migrates: the format, then each node's type version) an already-parsed JSON value. */
export function parseDocument(raw: unknown, catalog: ReadonlyMap<string, NodeType> = builtinCatalog): ParseResult {
  if (!isJsonObject(raw)) return fail(said('document.shape/not-object', {}), '(document)');
  const proto = protoKeyPath(raw);
  if (proto !== undefined) return fail(said('document.shape/proto-key', {}), formatPath(proto));
  if (raw['format'] !== FORMAT) {
    return fail(said('document.format', { format: FORMAT }), 'format');
  }
  const version = raw['version'];
  if (typeof version !== 'number' || !Number.isInteger(version)) {
    return fail(said('document.version/not-integer', {}), 'version');
  }
  if (version > CURRENT_VERSION) {
    return fail(
      said('document.version/newer', { version: String(version), current: String(CURRENT_VERSION) }),
      'version',
    );
  }
  if (version < OLDEST_VERSION) return fail(said('document.version', { version: String(version) }), 'version');
  const migrated: JsonObject = version < CURRENT_VERSION ? migrate(raw, version, CURRENT_VERSION) : raw;
  const parsed = documentSchema.safeParse(migrated);
  if (!parsed.success) return { ok: false, diagnostics: zodDiagnostics(parsed.error) };
  const diagnostics = checkIds(parsed.data);
  if (diagnostics.length > 0) return { ok: false, diagnostics };
  const nodes = migrateNodeVersions(parsed.data, catalog);
  if (!nodes.ok) return nodes;
  const doc = nodes.document;
  return version < CURRENT_VERSION ? { ok: true, document: doc, migratedFrom: version } : { ok: true, document: doc };
}

function fail(s: Said, path: string): ParseResult {
  return { ok: false, diagnostics: [diagnosticOf('error', s, { path })] };
}

function zodDiagnostics(err: z.ZodError): Diagnostic[] {
  return err.issues.map((issue) => {
    const path = formatPath(issue.path);
    if (issue.code === 'unrecognized_keys') {
      const keys = issue.keys.map((k) => `"${k}"`).join(', ');
      return issue.keys.length > 1
        ? error('document.shape/unknown-keys', { path, keys }, { path })
        : error('document.shape/unknown-key', { path, keys }, { path });
    }
    return error('document.shape', { path, detail: issue.message }, { path });
  });
}

function checkIds(doc: PipelineDocument): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Map<string, number>();
  doc.nodes.forEach((n, i) => {
    const first = seen.get(n.id);
    if (first !== undefined) {
      out.push(
        error(
          'document.duplicate-id',
          { path: `nodes[${i}].id`, id: n.id, first: `nodes[${first}]` },
          { path: `nodes[${i}].id`, nodeId: n.id },
        ),
      );
    } else seen.set(n.id, i);
  });
  for (const key of Object.keys(doc.layout ?? {})) {
    if (!seen.has(key) && !(doc.notes ?? []).some((n) => n.id === key)) {
      out.push(error('document.layout', { id: key }, { path: `layout.${key}` }));
    }
  }
  return out;
}
