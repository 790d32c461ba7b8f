import { DuckDBInstance, type Json } from '@duckdb/node-api';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JsonValue } from '../../shared/format/json';
import type { PipelineDocument } from '../../shared/format/document';
import { str } from '../../shared/sql/quote';
import { afterEach } from 'vitest';
import { engineCaches, type EngineCaches } from './session/engine-caches';
import type { PipelineSession } from './api';
import { openPipeline } from './index';

/** Helpers for the engine's tests: fresh folders, generated data, small pipeline documents. */

export function freshDir(prefix = 'duto-engine-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Runs SQL in a plain (unsandboxed) DuckDB, to make and read test files. */
export async function duck(sql: string): Promise<Json[][]> {
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  try {
    const reader = await conn.runAndReadAll(sql);
    return reader.getRowsJson();
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}

/** A CSV of `rows` rows: id (integer), h (md5 text), k (0..6). About 45 bytes a row. */
export async function bigCsv(path: string, rows: number): Promise<void> {
  await duck(
    `COPY (SELECT i AS id, md5(i::VARCHAR) AS h, i % 7 AS k FROM range(${rows}) t(i)) TO ${str(path)} (HEADER, DELIMITER ',')`,
  );
}

export function tempEntries(dir: string): string[] {
  return readdirSync(dir).filter((n) => n.startsWith('.duto-tmp-'));
}

interface NodeSpec {
  id: string;
  type: string;
  inputs?: Record<string, string>;
  params?: Record<string, JsonValue>;
}

export function pipeline(...nodes: NodeSpec[]): PipelineDocument {
  return { format: 'duto.pipeline', version: 2, nodes };
}

/** source.csv → transform.filter → sink.parquet. */
export function csvFilterParquet(
  src: string,
  condition: string,
  out: string,
  sourceParams: Record<string, JsonValue> = {},
  sinkParams: Record<string, JsonValue> = {},
): PipelineDocument {
  return pipeline(
    { id: 'orders', type: 'source.csv', params: { path: src, ...sourceParams } },
    { id: 'kept', type: 'transform.filter', inputs: { in: 'orders' }, params: { condition } },
    { id: 'out', type: 'sink.parquet', inputs: { in: 'kept' }, params: { path: out, ...sinkParams } },
  );
}

/** Opens sessions for a test file and closes them after each test. */
export function sessionOpener(
  caches: EngineCaches = engineCaches(),
): (
  doc: PipelineDocument,
  baseDir: string,
  threads?: number,
  params?: Record<string, string>,
) => Promise<PipelineSession> {
  const sessions: PipelineSession[] = [];
  afterEach(() => {
    for (const s of sessions.splice(0)) s.close();
  });
  return async (doc, baseDir, threads = 2, params) => {
    const s = await openPipeline(doc, {
      trust: 'trusted',
      baseDir,
      threads,
      caches,
      ...(params === undefined ? {} : { params }),
    });
    sessions.push(s);
    return s;
  };
}
