import { isJsonObject, type JsonObject, type JsonValue } from './json';

/**
 * Forward migrations, one per version step. Each takes the raw JSON of
 * version N and returns version N+1; a loaded document runs through every
 * step from its version to the current one.
 *
 * Version 0 was the draft format: connections as an `edges` list
 * (`{from, to, port}`) and positions inside each node (`position`).
 * Version 1 keeps inputs on the node and positions in `layout`, so that
 * logic and layout live on separate lines.
 * Version 2: a CSV source's dialect params may be absent (detected), and it
 * has a bad-rows policy. A version 1 CSV source keeps exactly what it read:
 * its dialect written out (unless it asked DuckDB to detect it), `fail` for
 * bad rows (`skip` when it skipped malformed rows). An Excel source, which
 * has the same policy since issue #9, keeps `fail`: a cell that does not fit
 * its column fails the read, an error cell is NULL with a warning.
 *
 * A change to one node type's params is not a format version: it is that
 * type's own migration (`migrations` in defineNode, node-versions.ts).
 */
type Migration = (doc: JsonObject) => JsonObject;

const migrations: Record<number, Migration> = {
  0: (doc) => {
    const nodes = Array.isArray(doc['nodes']) ? doc['nodes'] : [];
    const edges = Array.isArray(doc['edges']) ? doc['edges'] : [];
    const layout: JsonObject = {};
    const migrated: JsonValue[] = nodes.map((raw) => {
      if (!isJsonObject(raw)) return raw;
      const { position, ...node } = raw;
      const id = typeof node['id'] === 'string' ? node['id'] : undefined;
      if (id !== undefined && isJsonObject(position)) layout[id] = position;
      const inputs: Record<string, string[]> = {};
      for (const e of edges) {
        if (!isJsonObject(e) || e['to'] !== id || typeof e['from'] !== 'string') continue;
        const port = typeof e['port'] === 'string' ? e['port'] : 'in';
        (inputs[port] ??= []).push(e['from']);
      }
      const inputsJson: JsonObject = {};
      for (const [port, refs] of Object.entries(inputs)) inputsJson[port] = refs.length === 1 ? (refs[0] ?? '') : refs;
      return Object.keys(inputsJson).length > 0 ? { ...node, inputs: inputsJson } : node;
    });
    const { edges: _dropped, ...rest } = doc;
    void _dropped;
    return { ...rest, version: 1, nodes: migrated, ...(Object.keys(layout).length > 0 ? { layout } : {}) };
  },
  1: (doc) => {
    const nodes = Array.isArray(doc['nodes']) ? doc['nodes'] : [];
    return {
      ...doc,
      version: 2,
      nodes: nodes.map((n) =>
        !isJsonObject(n)
          ? n
          : n['type'] === 'source.csv'
            ? csvSourceV2(n)
            : n['type'] === 'source.excel'
              ? excelSourceV2(n)
              : n,
      ),
    };
  },
};

/** Version 1's CSV defaults without `autoDetect` (RFC 4180 with a header), every part of the dialect said: nothing is left to detect. */
const CSV_V1_DIALECT: JsonObject = {
  delimiter: ',',
  quote: '"',
  escape: '"',
  header: true,
  skipRows: 0,
  encoding: 'utf-8',
  decimal: '.',
  thousands: '',
  dateFormat: '',
  timestampFormat: '',
  comment: '',
};

/** What version 1's autoDetect left to DuckDB, ignoring the params (it also found date formats). */
const DETECTED_IN_V1: readonly string[] = ['delimiter', 'quote', 'escape', 'header'];

function csvSourceV2(node: JsonObject): JsonObject {
  const params = isJsonObject(node['params']) ? node['params'] : {};
  const { autoDetect, ignoreErrors, ...rest } = params;
  const detected = autoDetect === true;
  // Detected, the explicit dialect params were ignored in version 1: absent, they are detected now.
  const dialect: JsonObject = detected
    ? Object.fromEntries(
        Object.entries(CSV_V1_DIALECT).filter(
          ([k]) => !DETECTED_IN_V1.includes(k) && k !== 'dateFormat' && k !== 'timestampFormat',
        ),
      )
    : { ...CSV_V1_DIALECT };
  const kept: JsonObject = {};
  for (const [k, v] of Object.entries(rest)) if (!(detected && DETECTED_IN_V1.includes(k))) kept[k] = v;
  return { ...node, params: { ...dialect, ...kept, badRows: ignoreErrors === true ? 'skip' : 'fail' } };
}

function excelSourceV2(node: JsonObject): JsonObject {
  const params = isJsonObject(node['params']) ? node['params'] : {};
  return { ...node, params: { ...params, badRows: 'fail' } };
}

export const OLDEST_VERSION = 0;

/** Runs every migration from `from` up to `to`. */
export function migrate(doc: JsonObject, from: number, to: number): JsonObject {
  let out = doc;
  for (let v = from; v < to; v++) {
    const step = migrations[v];
    if (step === undefined) throw new Error(`no migration from version ${v}`);
    out = step(out);
  }
  return out;
}
