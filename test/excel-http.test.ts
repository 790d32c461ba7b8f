import ExcelJS from 'exceljs';
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { sendJson, startApi } from '../electron/engine/connectors/http/test-api-server';
import { BIN, hasNoStack, query, requireBuiltCli, tmp } from './support';

/**
 * Excel and HTTP pipelines run headless through the built CLI, with the
 * engine's connectors: Excel → filter → Excel, and a paged, authenticated
 * JSON API → Parquet.
 */

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `duto ARGS` without blocking this process (the test's HTTP server answers meanwhile). */
function duto(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<Ran> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function pipelineFile(dir: string, nodes: unknown[]): string {
  const file = join(dir, 'p.duto.json');
  writeFileSync(file, `${JSON.stringify({ format: 'duto.pipeline', version: 1, nodes }, null, 2)}\n`);
  return file;
}

const day = (y: number, m: number, d: number): Date => new Date(Date.UTC(y, m - 1, d));

describe('Excel and HTTP pipelines through the CLI', () => {
  beforeAll(() => requireBuiltCli());

  it('Excel → filter → Excel: typed cells in, typed cells out, the previous output replaced atomically', async () => {
    const dir = tmp('excel-cli');
    const book = new ExcelJS.Workbook();
    const notes = book.addWorksheet('Notes');
    notes.addRow(['this sheet is not read']);
    const sheet = book.addWorksheet('Orders');
    sheet.addRow(['id', 'customer', 'amount', 'ordered', 'paid']);
    sheet.addRow([1, 'Ana', 120.5, day(2024, 1, 5), true]);
    sheet.addRow([2, 'Bruno', { formula: 'C2/2', result: 60.25 }, day(2024, 2, 6), false]);
    sheet.addRow([3, 'Chen', 300, day(2024, 3, 7), true]);
    sheet.getColumn(4).eachCell((c) => (c.numFmt = 'yyyy-mm-dd'));
    await book.xlsx.writeFile(join(dir, 'orders.xlsx'));
    writeFileSync(join(dir, 'paid.xlsx'), 'previous output');

    const file = pipelineFile(dir, [
      { id: 'orders', type: 'source.excel', params: { path: 'orders.xlsx', sheet: 'orders' } },
      {
        id: 'paid',
        type: 'transform.filter',
        inputs: { in: 'orders' },
        params: { condition: 'paid AND amount > 100' },
      },
      { id: 'out', type: 'sink.excel', inputs: { in: 'paid' }, params: { path: 'paid.xlsx', sheet: 'Paid orders' } },
    ]);
    const r = await duto(['run', file], dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('wrote');
    expect(readdirSync(dir).filter((n) => n.startsWith('.duto-tmp-'))).toEqual([]);

    const out = new ExcelJS.Workbook();
    await out.xlsx.readFile(join(dir, 'paid.xlsx'));
    const written = out.getWorksheet('Paid orders');
    expect(written?.getSheetValues().slice(1)).toEqual([
      [undefined, 'id', 'customer', 'amount', 'ordered', 'paid'],
      [undefined, 1, 'Ana', 120.5, day(2024, 1, 5), true],
      [undefined, 3, 'Chen', 300, day(2024, 3, 7), true],
    ]);
    expect(written?.getCell('D2').numFmt).toBe('yyyy-mm-dd hh:mm:ss');

    const schema = await duto(['schema', file, 'orders', '--json'], dir);
    expect(JSON.parse(schema.stdout)).toMatchObject({
      columns: [
        { name: 'id', type: 'BIGINT' },
        { name: 'customer', type: 'VARCHAR' },
        { name: 'amount', type: 'DOUBLE' },
        { name: 'ordered', type: 'TIMESTAMP' },
        { name: 'paid', type: 'BOOLEAN' },
      ],
    });
  });

  it('an Excel source naming a missing sheet fails validation with the file and the sheets there are', async () => {
    const dir = tmp('excel-cli-bad');
    const book = new ExcelJS.Workbook();
    book.addWorksheet('Orders').addRow(['id']);
    await book.xlsx.writeFile(join(dir, 'orders.xlsx'));
    const file = pipelineFile(dir, [
      { id: 'orders', type: 'source.excel', params: { path: 'orders.xlsx', sheet: 'Invoices' } },
      { id: 'out', type: 'sink.excel', inputs: { in: 'orders' }, params: { path: 'out.xlsx' } },
    ]);
    const r = await duto(['validate', file], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      `error [orders sheet] ${join(dir, 'orders.xlsx')} has no sheet named "Invoices"; its sheets are "Orders"`,
    );
    expect(hasNoStack(r.stderr)).toBe(true);
  });

  it('HTTP → Parquet: every cursor page, the bearer token from the environment, never in the file', async () => {
    const pages: Record<string, { items: unknown[]; next: string | null }> = {
      '': {
        items: [
          { id: 1, customer: { name: 'Ana', country: 'PT' }, total: 10.5 },
          { id: 2, customer: { name: 'Bo', country: 'SE' }, total: 7 },
        ],
        next: 'p2',
      },
      p2: { items: [{ id: 3, customer: { name: 'Chen', country: 'CN' }, total: 12.25 }], next: null },
    };
    const api = await startApi((req, res) => {
      if (req.headers['authorization'] !== 'Bearer t0k3n') return sendJson(res, { error: 'unauthorized' }, {}, 401);
      const page = pages[req.url.searchParams.get('after') ?? ''];
      sendJson(res, { data: page?.items ?? [], paging: { next: page?.next ?? null } });
    });
    try {
      const dir = tmp('http-cli');
      const file = pipelineFile(dir, [
        {
          id: 'orders',
          type: 'source.http',
          params: {
            url: `${api.base}/v1/orders`,
            headers: [{ name: 'Authorization', value: 'Bearer ${secret:SHOP_TOKEN}' }],
            recordsPath: 'data',
            pagination: 'cursor',
            cursorParam: 'after',
            cursorPath: 'paging.next',
          },
        },
        { id: 'out', type: 'sink.parquet', inputs: { in: 'orders' }, params: { path: 'orders.parquet' } },
      ]);
      expect(readFileSync(file, 'utf8')).not.toContain('t0k3n');

      const r = await duto(['run', file], dir, { DUTO_SECRET_SHOP_TOKEN: 't0k3n' });
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(await query(`SELECT * FROM read_parquet('${join(dir, 'orders.parquet')}') ORDER BY id`)).toEqual([
        { id: '1', 'customer.name': 'Ana', 'customer.country': 'PT', total: 10.5 },
        { id: '2', 'customer.name': 'Bo', 'customer.country': 'SE', total: 7 },
        { id: '3', 'customer.name': 'Chen', 'customer.country': 'CN', total: 12.25 },
      ]);
      // Columns from the first page at design time, then the two pages of the run.
      expect(api.requests.map((q) => q.url.searchParams.get('after'))).toEqual([null, 'p2']);

      const missing = await duto(['run', file], dir, { DUTO_SECRET_SHOP_TOKEN: undefined });
      expect(missing.code).not.toBe(0);
      expect(missing.stderr).toContain(
        'header Authorization uses the secret SHOP_TOKEN, which is not set: set the environment variable DUTO_SECRET_SHOP_TOKEN',
      );
      expect(hasNoStack(missing.stderr)).toBe(true);
    } finally {
      await api.close();
    }
  });
});
