import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { catalog } from '../shared/catalog/index';
import type { Column } from '../shared/catalog/node-type';
import { analyze } from '../shared/compiler/analyze';
import { compilableNodes, compileNode, failedByAnalysis } from '../shared/compiler/compile';
import type { PlanStep } from '../shared/compiler/plan';
import type { Diagnostic } from '../shared/diagnostics';
import type { PipelineDocument } from '../shared/format/document';
import type { JsonValue } from '../shared/format/json';
import { expandGlob, statPath } from '../electron/engine/walls/file-boundary';

/**
 * Runs catalog nodes for real: compiles a document node by node, creates each
 * view in an in-memory DuckDB, and feeds each node the schemas DuckDB
 * describes for its inputs, as the engine does. Sinks are written directly
 * with COPY (the engine's atomic write is not under test here).
 */

export type Row = Record<string, JsonValue>;

/** A fresh temporary folder with the given files. */
export function tmpDir(files: Record<string, string> = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'duto-catalog-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

export function compileOptions(dir: string) {
  return {
    catalog,
    resolvePath: (p: string) => path.resolve(dir, p),
    statPath,
    glob: expandGlob,
  };
}

export interface Run {
  steps: PlanStep[];
  diagnostics: Diagnostic[];
  errors: Diagnostic[];
  schemas: Map<string, Column[]>;
  /** All rows of a node's view, ordered by every column unless `orderBy` is given ('' for the view's own order). */
  rows(nodeId: string, orderBy?: string): Promise<Row[]>;
  query(sql: string): Promise<Row[]>;
  close(): void;
}

/** Rows as JSON values, except that 64-bit and larger integers (JSON strings) become numbers, for readable assertions. */
async function readRows(c: DuckDBConnection, sql: string): Promise<Row[]> {
  const reader = await c.runAndReadAll(sql);
  const names = reader.columnNames();
  const wide = new Set(names.filter((_, i) => /^U?(BIGINT|HUGEINT)$/.test(String(reader.columnTypes()[i]))));
  return reader.getRowObjectsJson().map((row) => {
    const out: Row = {};
    for (const [k, v] of Object.entries(row)) out[k] = wide.has(k) && typeof v === 'string' ? Number(v) : v;
    return out;
  });
}

export async function run(doc: PipelineDocument, dir: string): Promise<Run> {
  const inst = await DuckDBInstance.create(':memory:');
  const c = await inst.connect();
  const analysis = analyze(doc, compileOptions(dir));
  const diagnostics = [...analysis.diagnostics];
  const steps: PlanStep[] = [];
  const schemas = new Map<string, Column[]>();
  const failed = failedByAnalysis(analysis);
  for (const id of compilableNodes(analysis, failed)) {
    const r = compileNode(analysis, id, (n) => schemas.get(n));
    diagnostics.push(...r.diagnostics);
    if (r.step === null) {
      failed.add(id);
      continue;
    }
    steps.push(r.step);
    if (r.step.view !== undefined) {
      await c.run(`CREATE VIEW ${r.step.view.name} AS ${r.step.view.sql}`);
      const described = await readRows(c, `DESCRIBE SELECT * FROM ${r.step.view.name}`);
      schemas.set(
        id,
        described.map((d) => ({ name: String(d['column_name']), type: String(d['column_type']) })),
      );
    }
    if (r.step.sink !== undefined) {
      const s = r.step.sink;
      await c.run(`COPY (SELECT * FROM ${s.input}) TO '${s.path.replaceAll("'", "''")}' (${s.options})`);
    }
  }
  return {
    steps,
    diagnostics,
    errors: diagnostics.filter((d) => d.severity === 'error'),
    schemas,
    rows: (nodeId, orderBy = 'ALL') =>
      readRows(c, `SELECT * FROM "${nodeId}"${orderBy === '' ? '' : ` ORDER BY ${orderBy}`}`),
    query: (sql) => readRows(c, sql),
    close: () => {
      c.closeSync();
      inst.closeSync();
    },
  };
}

/** Runs a document that must compile without errors. */
export async function runOk(doc: PipelineDocument, dir: string): Promise<Run> {
  const r = await run(doc, dir);
  if (r.errors.length > 0)
    throw new Error(
      `unexpected errors:\n${r.errors.map((e) => `${e.nodeId ?? ''} ${e.param ?? ''}: ${e.message}`).join('\n')}`,
    );
  return r;
}

/** The errors of a document that must not compile, as `nodeId param: message`. */
export async function errorsOf(doc: PipelineDocument, dir: string): Promise<string[]> {
  const r = await run(doc, dir);
  r.close();
  return r.errors.map((e) => `${e.nodeId ?? ''} ${e.param ?? ''}: ${e.message}`);
}
