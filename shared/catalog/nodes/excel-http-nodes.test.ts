import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Compiled, InputRelation, NodeType } from '../node-type';
import { EXCEL_REJECTED_COLUMNS } from '../../external/excel';
import { sinkExcel } from './sink-excel';
import { sourceExcel } from './source-excel';
import { sourceHttp } from './source-http';

/**
 * The Excel and HTTP nodes compile to specs their connectors read (the
 * connectors' own tests read real workbooks and a real HTTP server; the
 * engine test runs whole pipelines through the CLI).
 */

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'duto-catalog-ext-'));
fs.writeFileSync(path.join(dir, 'book.xlsx'), 'not read at compile time');
const input: InputRelation = { ref: 'orders', nodeId: 'orders', sql: '"orders"', schema: undefined };

function compile(node: NodeType, raw: unknown, inputs: Record<string, InputRelation[]> = {}): Compiled | Array<{ param: string; message: string }> {
  const parsed = node.parseParams(raw);
  if (!parsed.ok) return parsed.issues;
  return parsed.compile({
    nodeId: 'n',
    inputs,
    resolvePath: (p) => path.resolve(dir, p),
    statPath: (p) => (fs.existsSync(p) ? (fs.statSync(p).isDirectory() ? 'dir' : 'file') : 'missing'),
    glob: () => ({ problem: 'no globs in this test' }),
  });
}

describe('source.excel', () => {
  it('compiles to an excel source reading the file', () => {
    expect(compile(sourceExcel, { path: 'book.xlsx', sheet: ' Orders ', range: 'a1:f100', columnTypes: [{ column: 'id', type: 'VARCHAR' }] })).toEqual({
      externalSource: {
        kind: 'excel',
        config: { path: path.join(dir, 'book.xlsx'), sheet: 'Orders', range: 'a1:f100', header: true, inferRows: 1000, columnTypes: [{ column: 'id', type: 'VARCHAR' }], badRows: 'quarantine' },
        param: 'path',
        describe: `${path.join(dir, 'book.xlsx')}: sheet Orders, a1:f100`,
        rejected: { table: '_duto_rejected_n', columns: [...EXCEL_REJECTED_COLUMNS] },
      },
      rejects: { from: 'connector', table: '_duto_rejected_n', policy: 'quarantine', maxRows: 0, maxPercent: 0 },
      reads: [{ path: path.join(dir, 'book.xlsx'), kind: 'file' }],
    });
  });

  it('keeps no rejects when bad rows fail the read; skip counts them in a table without a port', () => {
    const failing = compile(sourceExcel, { path: 'book.xlsx', badRows: 'fail' });
    expect(failing).toMatchObject({ externalSource: { config: { badRows: 'fail' } } });
    expect(failing).not.toHaveProperty('rejects');
    expect(failing).not.toHaveProperty('externalSource.rejected');
    expect(compile(sourceExcel, { path: 'book.xlsx', badRows: 'skip', maxRejected: 5, maxRejectedPercent: 10 })).toMatchObject({
      rejects: { from: 'connector', policy: 'skip', maxRows: 5, maxPercent: 10 },
    });
  });

  it('reports a missing file, a bad range and an unknown type on their params', () => {
    expect(compile(sourceExcel, { path: 'nope.xlsx', range: 'A1' })).toEqual({
      issues: [
        { param: 'path', message: `file not found: ${path.join(dir, 'nope.xlsx')}` },
        { param: 'range', message: '"A1" is not a cell range such as A1:F100 or A:F' },
      ],
    });
    expect(compile(sourceExcel, { path: 'book.xlsx', columnTypes: [{ column: 'id', type: 'INTEGER' }] })).toEqual([
      { param: 'columnTypes.0.type', message: 'expected one of "VARCHAR", "BIGINT", "DOUBLE", "BOOLEAN", "TIMESTAMP", "DATE"' },
    ]);
  });
});

describe('sink.excel', () => {
  it('names the sheet after its input unless told, and checks the name', () => {
    expect(compile(sinkExcel, { path: 'out.xlsx' }, { in: [input] })).toEqual({
      externalSink: { kind: 'excel', config: { path: path.join(dir, 'out.xlsx'), sheet: 'orders', header: true, ifExists: 'overwrite' }, input: '"orders"', param: 'path', describe: `${path.join(dir, 'out.xlsx')}: sheet orders`, file: path.join(dir, 'out.xlsx') },
    });
    expect(compile(sinkExcel, { path: 'out.xlsx', sheet: 'Q1/Q2', mode: 'fail' }, { in: [input] })).toEqual({
      issues: [{ param: 'sheet', message: 'sheet name "Q1/Q2" contains one of : \\ / ? * [ ], which Excel does not allow' }],
    });
    expect(compile(sinkExcel, { path: 'out.xlsx' })).toEqual({ issues: [{ message: 'input "Rows" is not connected' }] });
  });
});

describe('source.http', () => {
  it('compiles each pagination style to its spec; secrets stay references', () => {
    const c = compile(sourceHttp, {
      url: 'https://api.example.com/v1/items',
      headers: [{ name: 'Authorization', value: 'Bearer ${secret:API_TOKEN}' }],
      recordsPath: 'data.items',
      pagination: 'cursor',
      cursorPath: 'meta.next',
      maxPages: 50,
    });
    expect(c).toEqual({
      externalSource: {
        kind: 'http',
        config: {
          url: 'https://api.example.com/v1/items',
          query: [],
          headers: [{ name: 'Authorization', value: 'Bearer ${secret:API_TOKEN}' }],
          recordsPath: 'data.items',
          pagination: { style: 'cursor', cursorParam: 'cursor', cursorPath: 'meta.next' },
          maxPages: 50,
          requestsPerSecond: 0,
          timeoutSeconds: 30,
          retries: 4,
          columnTypes: [],
        },
        param: 'url',
        describe: 'GET https://api.example.com/v1/items',
        url: 'https://api.example.com/v1/items',
      },
    });
    const pageOf = (raw: Record<string, unknown>): unknown => {
      const r = compile(sourceHttp, { url: 'http://h/x', ...raw });
      return 'externalSource' in r ? r.externalSource?.config['pagination'] : r;
    };
    expect(pageOf({ pagination: 'page', pageSizeParam: 'per_page', pageSize: 50 })).toEqual({ style: 'page', pageParam: 'page', firstPage: 1, sizeParam: 'per_page', size: 50 });
    expect(pageOf({ pagination: 'offset' })).toEqual({ style: 'offset', offsetParam: 'offset', limitParam: 'limit', limit: 100 });
    expect(pageOf({ pagination: 'link' })).toEqual({ style: 'link' });
  });

  it('reports a URL that is not http(s) and a cursor style without its path', () => {
    expect(compile(sourceHttp, { url: 'file:///etc/passwd', pagination: 'cursor' })).toEqual({
      issues: [
        { param: 'url', message: '"file:///etc/passwd" is not an http:// or https:// URL' },
        { param: 'cursorPath', message: 'say where the next cursor is in the response, e.g. meta.next_cursor' },
      ],
    });
  });
});
