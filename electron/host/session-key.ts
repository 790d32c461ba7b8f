import { createHash } from 'node:crypto';
import { dirname, resolve } from 'node:path';
import type { PipelineDocument } from '../../shared/format/document';
import type { JsonValue } from '../../shared/format/json';
import { paramValues } from '../../shared/format/param-values';
import { fileIdentity } from '../engine/files/file-identity';

/**
 * The cache key of a pipeline session: what the session's bound views
 * depend on. Layout and notes are left out (moving a node must not reopen
 * DuckDB); the identity (engine/files/file-identity.ts) of every existing file a node
 * parameter names is put in, because a session binds the schemas of the
 * files as they were when it opened.
 */
export function sessionKey(doc: PipelineDocument, baseDir: string, params: Readonly<Record<string, string>>): string {
  // canonical() skips undefined values, so these two leave the key.
  const logic = { ...doc, layout: undefined, notes: undefined };
  const values = Object.fromEntries(paramValues(doc, params));
  const stamps = [...new Set(doc.nodes.flatMap((n) => strings(n.params ?? {})))]
    .sort()
    .map((s) => stamp(substitute(s, values), baseDir));
  const hash = createHash('sha256');
  hash.update(canonical(logic));
  hash.update('\0');
  hash.update(resolve(baseDir));
  hash.update('\0');
  hash.update(canonical(params));
  hash.update('\0');
  hash.update(stamps.join('\n'));
  return hash.digest('hex');
}

function substitute(s: string, values: Readonly<Record<string, string>>): string {
  return s.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (whole, name: string) => values[name] ?? whole);
}

/** Every string inside a parameter value: paths may sit in lists and objects. */
function strings(v: JsonValue | Record<string, JsonValue>): string[] {
  if (typeof v === 'string') return v.length < 4096 && !v.includes('\n') ? [v] : [];
  if (Array.isArray(v)) return v.flatMap(strings);
  if (v !== null && typeof v === 'object') return Object.values(v).flatMap(strings);
  return [];
}

/** The identity of the file a string names, or of the folder a glob lists; nothing when it names none. */
function stamp(s: string, baseDir: string): string {
  const glob = s.search(/[*?[{]/);
  const fixed = glob < 0 ? s : dirname(s.slice(0, glob) + 'x');
  if (fixed === '') return '';
  const identity = fileIdentity(resolve(baseDir, fixed));
  return identity === undefined ? '' : `${s}:${identity}`;
}

/** JSON with sorted keys, so the same logic gives the same key whatever the key order. */
export function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    return `{${Object.entries(v)
      .filter(([, x]) => x !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, x]) => `${JSON.stringify(k)}:${canonical(x)}`)
      .join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}
