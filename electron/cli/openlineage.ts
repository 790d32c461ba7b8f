import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { appendFile } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import pkg from '../../package.json';
import type { RunResult } from '../engine/api';
import type { Lineage, LineageDataset } from '../engine/preview/lineage';
import type { ColumnLineage } from '../../shared/lineage/column-lineage';
import type { Redactor } from '../engine/sandbox/redactor';
import { usageError } from './exit';
import { makeFolder } from '../engine/files/make-folder';

/**
 * `duto run --openlineage FILE|URL` (or DUTO_OPENLINEAGE): a START RunEvent
 * before the run and a COMPLETE or FAIL one after it, in the OpenLineage
 * format (https://openlineage.io/spec/2-0-2/OpenLineage.json), with the
 * pipeline as the job and its sources and outputs — with their columns — as
 * datasets. Events are appended as JSON lines to a file or POSTed to an
 * endpoint; every string goes through the session's redactor first, so a
 * connection password never leaves. A failure to emit is reported and never
 * changes the run's outcome.
 */

export const RUN_EVENT_SCHEMA_URL = 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent';
const SCHEMA_FACET_URL = 'https://openlineage.io/spec/facets/1-1-1/SchemaDatasetFacet.json#/$defs/SchemaDatasetFacet';
const ERROR_FACET_URL =
  'https://openlineage.io/spec/facets/1-0-1/ErrorMessageRunFacet.json#/$defs/ErrorMessageRunFacet';
const COLUMN_LINEAGE_FACET_URL =
  'https://openlineage.io/spec/facets/1-2-0/ColumnLineageDatasetFacet.json#/$defs/ColumnLineageDatasetFacet';
const STATS_FACET_URL =
  'https://openlineage.io/spec/facets/1-0-2/OutputStatisticsOutputDatasetFacet.json#/$defs/OutputStatisticsOutputDatasetFacet';
/** Who produced the events: this program, by a URI, as the spec asks. */
export const PRODUCER = `https://github.com/duto/duto/tree/v${pkg.version}`;
const TIMEOUT_MS = 10_000;

export type LineageTarget = { kind: 'file'; path: string } | { kind: 'http'; url: URL };

/** --openlineage, else DUTO_OPENLINEAGE: a file path or an http(s) URL. A URL is a secret (it may hold a token): the redactor learns it. */
export function lineageTarget(
  option: string | undefined,
  env: NodeJS.ProcessEnv,
  redactor?: Redactor,
): LineageTarget | undefined {
  const raw = option ?? env['DUTO_OPENLINEAGE'];
  if (raw === undefined || raw === '') return undefined;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(raw)) {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw usageError('--openlineage: not a valid URL');
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      throw usageError('--openlineage: expected a file or an http:// or https:// URL');
    redactor?.add(
      url.href,
      url.password === '' ? undefined : url.password,
      url.search.length > 1 ? url.search.slice(1) : undefined,
    );
    return { kind: 'http', url };
  }
  return { kind: 'file', path: resolve(raw) };
}

interface Dataset {
  namespace: string;
  name: string;
  facets?: Record<string, unknown>;
  outputFacets?: Record<string, unknown>;
}

export interface RunEvent {
  eventType: 'START' | 'COMPLETE' | 'FAIL' | 'ABORT';
  eventTime: string;
  run: { runId: string; facets?: Record<string, unknown> };
  job: { namespace: string; name: string };
  inputs: Dataset[];
  outputs: Dataset[];
  producer: string;
  schemaURL: string;
}

/** A UUIDv7 (time-ordered), the run id OpenLineage recommends. */
export function uuidv7(at: Date = new Date()): string {
  const b = randomBytes(16);
  const ms = BigInt(at.getTime());
  for (let i = 0; i < 6; i++) b[i] = Number((ms >> BigInt(8 * (5 - i))) & 0xffn);
  b[6] = 0x70 | ((b[6] ?? 0) & 0x0f);
  b[8] = 0x80 | ((b[8] ?? 0) & 0x3f);
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** A source's location may list several files (a glob read as its files). */
function locations(d: LineageDataset): string[] {
  if (!isAbsolute(d.location) || existsSync(d.location) || d.role === 'output') return [d.location];
  return d.location.split(', ');
}

/** OpenLineage's dataset naming: a local file is namespace `file` and its path; a connector's target is named as duto describes it. */
function datasets(d: LineageDataset): Dataset[] {
  if (d.location === '(does not compile)') return [];
  const facets =
    d.columns.length === 0
      ? undefined
      : {
          schema: {
            _producer: PRODUCER,
            _schemaURL: SCHEMA_FACET_URL,
            fields: d.columns.map((c) => ({ name: c.name, type: c.type })),
          },
        };
  return locations(d).map((loc) => ({
    namespace: isAbsolute(loc) ? 'file' : `duto:${d.type}`,
    name: loc,
    ...(facets === undefined ? {} : { facets }),
  }));
}

export interface EventContext {
  runId: string;
  /** The pipeline file, absolute: the job's name. */
  file: string;
  lineage: Lineage;
  /** Adds the columnLineage facet to outputs: each column's source columns. */
  columns?: ColumnLineage;
  namespace?: string;
}

/** The columnLineage facet of an output: each column's input fields (source datasets' columns) and how each makes it; columns whose lineage is unknown are left out. */
function columnLineageFacet(ctx: EventContext, node: string): Record<string, unknown> | undefined {
  if (ctx.columns === undefined) return undefined;
  const sources = new Map(ctx.lineage.datasets.filter((d) => d.role === 'source').map((d) => [d.node, datasets(d)]));
  const fields: Record<string, unknown> = {};
  for (const col of ctx.columns.outputs) {
    if (col.node !== node || col.unknown.length > 0) continue;
    const inputFields = col.sources.flatMap((src) =>
      (sources.get(src.node) ?? []).map((ds) => ({
        namespace: ds.namespace,
        name: ds.name,
        field: src.column,
        transformations: [{ type: 'DIRECT', subtype: src.subtype }],
      })),
    );
    fields[col.column] = { inputFields };
  }
  return Object.keys(fields).length === 0
    ? undefined
    : { _producer: PRODUCER, _schemaURL: COLUMN_LINEAGE_FACET_URL, fields };
}

/** A RunEvent; with `result`, the COMPLETE or FAIL one (its error and the rows each output wrote). */
export function runEvent(ctx: EventContext, at: Date, result?: RunResult): RunEvent {
  const inputs = ctx.lineage.datasets.filter((d) => d.role === 'source').flatMap(datasets);
  const outputs = ctx.lineage.datasets
    .filter((d) => d.role === 'output')
    .flatMap((d) => {
      const written = result?.outputs.find((o) => o.nodeId === d.node && o.cached !== true);
      const columnLineage = columnLineageFacet(ctx, d.node);
      return datasets(d)
        .map((ds) => (columnLineage === undefined ? ds : { ...ds, facets: { ...ds.facets, columnLineage } }))
        .map((ds) =>
          written === undefined
            ? ds
            : {
                ...ds,
                outputFacets: {
                  outputStatistics: { _producer: PRODUCER, _schemaURL: STATS_FACET_URL, rowCount: written.rows },
                },
              },
        );
    });
  const failed = result !== undefined && !result.ok;
  const problem = result?.diagnostics.find((d) => d.severity === 'error');
  const runFacets = failed
    ? {
        errorMessage: {
          _producer: PRODUCER,
          _schemaURL: ERROR_FACET_URL,
          message:
            problem === undefined
              ? result.cancelled
                ? 'cancelled'
                : 'the run failed'
              : `${problem.nodeId === undefined ? '' : `[${problem.nodeId}] `}${problem.message}`,
          programmingLanguage: 'SQL',
        },
      }
    : undefined;
  return {
    eventType: result === undefined ? 'START' : result.cancelled ? 'ABORT' : failed ? 'FAIL' : 'COMPLETE',
    eventTime: at.toISOString(),
    run: { runId: ctx.runId, ...(runFacets === undefined ? {} : { facets: runFacets }) },
    job: { namespace: ctx.namespace ?? 'duto', name: ctx.file },
    inputs,
    outputs,
    producer: PRODUCER,
    schemaURL: RUN_EVENT_SCHEMA_URL,
  };
}

/** Writes or sends one event, redacted; returns why it failed, or undefined. */
export async function emitEvent(
  target: LineageTarget,
  event: RunEvent,
  redactor?: Redactor,
): Promise<string | undefined> {
  const body = JSON.stringify(redactor === undefined ? event : redactor.deep(event));
  if (target.kind === 'file') {
    try {
      await makeFolder(dirname(target.path));
      // One append per event, on its own line: concurrent runs' lines do not interleave.
      await appendFile(target.path, `${body}\n`);
      return undefined;
    } catch (e) {
      return `could not write ${target.path}: ${e instanceof Error ? e.message : String(e)}`;
    }
  }
  try {
    const res = await fetch(target.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      signal: AbortSignal.timeout(TIMEOUT_MS),
      redirect: 'manual',
    });
    await res.arrayBuffer();
    return res.ok ? undefined : `the endpoint answered HTTP ${String(res.status)}`;
  } catch (e) {
    return e instanceof Error && e.name === 'TimeoutError'
      ? `no answer within ${String(TIMEOUT_MS / 1000)} s`
      : 'the endpoint could not be reached';
  }
}
