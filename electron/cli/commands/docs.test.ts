import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { DutoError } from '../../../shared/diagnostics';
import { CliExit, EXIT, exitCodeFor } from '../exit';
import type { Io } from '../io';
import { docsCommand } from './docs';

/** `duto docs` called in-process on the orders example: DuckDB supplies the columns. */

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const ORDERS = join(ROOT, 'examples', 'orders-report', 'orders-report.duto.json');
const NODES = ['orders', 'customers', 'paid_orders', 'with_revenue', 'with_customer', 'by_month', 'sorted', 'report'];

function capture(): Io & { stdout: () => string; stderr: () => string } {
  let out = '';
  let err = '';
  return {
    out: (t) => void (out += t),
    err: (t) => void (err += t),
    tty: false,
    columns: 100,
    stdout: () => out,
    stderr: () => err,
  };
}

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('docsCommand', () => {
  it('documents the orders example on stdout: nodes, the DAG, the report columns', async () => {
    const io = capture();
    expect(await docsCommand(ORDERS, {}, io)).toBe(EXIT.ok);
    expect(io.stderr()).toBe('');
    const md = io.stdout();
    expect(md.startsWith('# Orders report\n')).toBe(true);
    expect(md.endsWith('\n')).toBe(true);
    for (const id of NODES) expect(md).toContain(`### <a id="node-${id}"></a>\`${id}\``);

    const mermaid = /```mermaid\n([\s\S]*?)\n```/.exec(md)?.[1] ?? '';
    expect(mermaid.startsWith('flowchart LR\n')).toBe(true);
    for (const edge of [
      'n_orders --> n_paid_orders',
      'n_paid_orders --> n_with_revenue',
      'n_with_revenue -->|"left"| n_with_customer',
      'n_customers -->|"right"| n_with_customer',
      'n_with_customer --> n_by_month',
      'n_by_month --> n_sorted',
      'n_sorted --> n_report',
    ]) {
      expect(mermaid).toContain(edge);
    }

    // The sink writes what `sorted` outputs, typed by DuckDB.
    const report = md.slice(md.indexOf('<a id="node-report">'));
    expect(report).toContain('**Columns written**');
    for (const [name, type] of [
      ['country', 'VARCHAR'],
      ['segment', 'VARCHAR'],
      ['month', 'TIMESTAMP'],
      ['orders', 'BIGINT'],
      ['revenue', 'DOUBLE'],
      ['avg_ticket', 'DOUBLE'],
    ]) {
      expect(report).toContain(`| \`${name}\` | \`${type}\` |`);
    }
    expect(md).toContain('no problems found');
  });

  it('gives the same bytes twice', async () => {
    const a = capture();
    const b = capture();
    await docsCommand(ORDERS, {}, a);
    await docsCommand(ORDERS, {}, b);
    expect(a.stdout()).toBe(b.stdout());
  });

  it('writes --output atomically, leaving no temporary file, and prints nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'duto-docs-'));
    dirs.push(dir);
    const io = capture();
    const target = join(dir, 'orders.md');
    expect(await docsCommand(ORDERS, { output: target }, io)).toBe(EXIT.ok);
    expect(io.stdout()).toBe('');
    expect(readFileSync(target, 'utf8')).toContain('# Orders report');
    expect(readdirSync(dir)).toEqual(['orders.md']);
  });

  it('documents a broken pipeline too, exit 0, its problems listed where they are', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'duto-docs-'));
    dirs.push(dir);
    const doc = JSON.parse(readFileSync(ORDERS, 'utf8'));
    doc.params.data_dir.default = join(ROOT, 'examples', 'orders-report', 'data');
    doc.nodes.find((n: { id: string }) => n.id === 'paid_orders').params.condition = 'no_such_column > 0';
    const file = join(dir, 'broken.duto.json');
    writeFileSync(file, JSON.stringify(doc));
    const io = capture();
    expect(await docsCommand(file, {}, io)).toBe(EXIT.ok);
    const md = io.stdout();
    const paid = md.slice(md.indexOf('<a id="node-paid_orders">'), md.indexOf('<a id="node-with_revenue">'));
    expect(paid).toContain('**Problems**: 1 error');
    expect(paid).toContain('no_such_column');
    expect(md).toContain('class n_paid_orders failed');
    // Upstream of the error, columns are still known.
    expect(md.slice(md.indexOf('<a id="node-orders">'))).toContain('| `order_id` | `BIGINT` |');
  });

  it('fails like the other commands on an unreadable file (exit 2)', async () => {
    const e: unknown = await docsCommand(join(tmpdir(), 'duto-docs-missing.duto.json'), {}, capture()).catch(
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(DutoError);
    expect(exitCodeFor(e instanceof DutoError ? e.diagnostics : [])).toBe(EXIT.usage);
  });

  it('fails with a usage error when --output cannot be written', async () => {
    const io = capture();
    const target = join(tmpdir(), 'duto-docs-no-such-folder', 'x', 'docs.md');
    await expect(docsCommand(ORDERS, { output: target }, io)).rejects.toSatisfy(
      (e: unknown) =>
        e instanceof CliExit &&
        e.code === EXIT.usage &&
        e.message.includes(`cannot write ${target}: no such file or folder`),
    );
    expect(existsSync(target)).toBe(false);
  });
});
