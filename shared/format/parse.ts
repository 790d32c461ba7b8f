import type { z } from 'zod';
import { catalog as builtinCatalog } from '../catalog/index';
import type { NodeType } from '../catalog/node-type';
import { error, type Diagnostic } from '../diagnostics';
import type { ErrorCode } from '../error-codes';
import { CURRENT_VERSION, documentSchema, FORMAT, type PipelineDocument } from './document';
import { isJsonObject, type JsonObject } from './json';
import { findJsonError } from './json-error';
import { migrate, OLDEST_VERSION } from './migrate';
import { migrateNodeVersions } from './node-versions';

export type ParseResult =
  | { ok: true; document: PipelineDocument; migratedFrom?: number }
  | { ok: false; diagnostics: Diagnostic[] };

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

/** Parses the text of a `.duto.json` file: JSON syntax, version, migration, shape, and id uniqueness. */
export function parseDocumentText(text: string, file?: string, catalog: ReadonlyMap<string, NodeType> = builtinCatalog): ParseResult {
  let raw: unknown;
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    raw = JSON.parse(body);
  } catch (e) {
    const found = findJsonError(body);
    const msg = found?.message ?? (e instanceof Error ? e.message : String(e));
    const lc = found === undefined ? undefined : lineColumn(body, found.offset);
    return {
      ok: false,
      diagnostics: [
        error('document.json', `not valid JSON: ${msg}${lc === undefined ? '' : ` (line ${lc.line}, column ${lc.column})`}`, {
          ...(file === undefined ? {} : { file }),
          ...(lc === undefined ? {} : { line: lc.line, column: lc.column }),
        }),
      ],
    };
  }
  const result = parseDocument(raw, catalog);
  if (!result.ok && file !== undefined) {
    return { ok: false, diagnostics: result.diagnostics.map((d) => ({ ...d, file })) };
  }
  return result;
}

/** Validates (and migrates: the format, then each node's type version) an already-parsed JSON value. */
export function parseDocument(raw: unknown, catalog: ReadonlyMap<string, NodeType> = builtinCatalog): ParseResult {
  if (!isJsonObject(raw)) return fail('document.shape', 'a pipeline document must be a JSON object', '(document)');
  if (raw['format'] !== FORMAT) {
    return fail('document.format', `expected "format": "${FORMAT}" — is this a Duto pipeline?`, 'format');
  }
  const version = raw['version'];
  if (typeof version !== 'number' || !Number.isInteger(version)) {
    return fail('document.version', 'expected an integer "version"', 'version');
  }
  if (version > CURRENT_VERSION) {
    return fail(
      'document.version',
      `this pipeline was saved by a newer Duto (format version ${version}); this one reads up to ${CURRENT_VERSION}`,
      'version',
    );
  }
  if (version < OLDEST_VERSION) return fail('document.version', `unknown format version ${version}`, 'version');
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

function fail(code: ErrorCode, message: string, path: string): ParseResult {
  return { ok: false, diagnostics: [error(code, message, { path })] };
}

function zodDiagnostics(err: z.ZodError): Diagnostic[] {
  return err.issues.map((issue) => {
    const path = formatPath(issue.path);
    let message = issue.message;
    if (issue.code === 'unrecognized_keys') message = `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
    return error('document.shape', `${path}: ${message}`, { path });
  });
}

function checkIds(doc: PipelineDocument): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Map<string, number>();
  doc.nodes.forEach((n, i) => {
    const first = seen.get(n.id);
    if (first !== undefined) {
      out.push(error('document.duplicate-id', `nodes[${i}].id: "${n.id}" is already the id of nodes[${first}]`, { path: `nodes[${i}].id`, nodeId: n.id }));
    } else seen.set(n.id, i);
  });
  for (const key of Object.keys(doc.layout ?? {})) {
    if (!seen.has(key) && !(doc.notes ?? []).some((n) => n.id === key)) {
      out.push(error('document.layout', `layout.${key}: no node has this id`, { path: `layout.${key}` }));
    }
  }
  return out;
}
