import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { str } from '../../../shared/sql/quote';
import type { PipelineDocument } from '../../../shared/format/document';
import { openPipeline } from '../index';
import { Redactor } from '../sandbox/redactor';
import { duck, freshDir, sessionOpener } from '../test-support';

const open = sessionOpener();

/** A CSV of sales, a check, two saved charts and a report of them. */
async function salesPipeline(report: Record<string, unknown>): Promise<{ dir: string; doc: PipelineDocument }> {
  const dir = freshDir('duto-report-');
  await duck(
    `COPY (SELECT i AS id, CASE i % 3 WHEN 0 THEN 'north' WHEN 1 THEN 'south' ELSE '<east>' END AS region, (i % 7) * 1.5 AS amount FROM range(300) t(i)) TO ${str(join(dir, 'sales.csv'))} (HEADER)`,
  );
  const doc: PipelineDocument = {
    format: 'duto.pipeline',
    version: 2,
    name: 'Sales',
    nodes: [
      {
        id: 'sales',
        type: 'source.csv',
        params: { path: 'sales.csv' },
        charts: [
          { title: 'Amount by region', type: 'bar', x: 'region', y: 'amount', aggregate: 'sum' },
          { type: 'histogram', x: 'amount' },
        ],
      },
      {
        id: 'checked',
        type: 'quality.checks',
        inputs: { in: 'sales' },
        params: { checks: [{ rule: 'not_null', column: 'amount' }] },
      },
      { id: 'out', type: 'sink.csv', inputs: { in: 'checked' }, params: { path: 'out.csv' } },
      { id: 'page', type: 'sink.report', params: { path: 'report.html', ...report } },
    ],
  };
  return { dir, doc };
}

/** The page without its two time lines (when it was made, when the run ran). */
function timeless(html: string): string {
  return html.replace(/<p class="generated">.*<\/p>/, '').replace(/<p class="run-time">.*<\/p>/, '');
}

describe('sink.report in a run', () => {
  it('writes one static page after the other outputs: charts drawn, rows, profile, checks and the run; the same bytes on the next run', async () => {
    const { dir, doc } = await salesPipeline({
      title: 'Sales <2026>',
      charts: ['sales'],
      tables: ['sales'],
      tableRows: 3,
      profiles: ['sales'],
    });
    const s = await open(doc, dir);
    const r = await s.run({ locale: 'pt-BR' });
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.nodes['page']?.status).toBe('done');
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    expect(html).toContain('<title>Sales &lt;2026&gt;</title>');
    expect(html).toContain('<html lang="pt-BR">');
    // Two charts, each drawn light and dark, with marks.
    const svgs = html.match(/<svg[\s\S]*?<\/svg>/g) ?? [];
    expect(svgs).toHaveLength(4);
    for (const svg of svgs) expect(svg).toMatch(/ecmeta_ssr_type="chart"/);
    expect(html).toContain('Amount by region');
    expect(html).toContain('&lt;east&gt;');
    expect(html).toContain('As primeiras 3 linhas.');
    expect(html).toContain('Perfil de sales');
    expect(html).toContain('amount is never empty');
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toMatch(/<script/i);

    const again = await s.run({ locale: 'pt-BR', force: true });
    expect(again.ok).toBe(true);
    expect(timeless(readFileSync(join(dir, 'report.html'), 'utf8'))).toBe(timeless(html));
  });

  it('refuses a node id the pipeline does not have, naming the report node and the param', async () => {
    const { dir, doc } = await salesPipeline({ tables: ['sales', 'nope'] });
    const s = await open(doc, dir);
    const v = await s.validate();
    expect(v.diagnostics).toContainEqual(
      expect.objectContaining({
        code: 'report.unknown-node',
        severity: 'error',
        nodeId: 'page',
        param: 'tables',
        message: expect.stringContaining('"nope"'),
      }),
    );
    const r = await s.run();
    expect(r.ok).toBe(false);
    expect(existsSync(join(dir, 'report.html'))).toBe(false);
  });

  it("obeys the sinks' walls: never over an input or the output of another sink", async () => {
    const { dir, doc } = await salesPipeline({});
    const page = doc.nodes.find((n) => n.id === 'page');
    if (page !== undefined) page.params = { path: 'sales.csv' };
    const v = await (await open(doc, dir)).validate();
    expect(v.diagnostics).toContainEqual(
      expect.objectContaining({ code: 'sink.refused', nodeId: 'page', param: 'path' }),
    );
    if (page !== undefined) page.params = { path: 'out.csv' };
    const w = await (await open(doc, dir)).validate();
    expect(w.diagnostics).toContainEqual(
      expect.objectContaining({ code: 'sink.refused', nodeId: 'page', param: 'path' }),
    );
    expect(readFileSync(join(dir, 'sales.csv'), 'utf8')).toMatch(/^id,region,amount/);
  });

  it('never carries a secret the run knows: a value the redactor holds is *** in the page, in rows and in titles', async () => {
    const { dir, doc } = await salesPipeline({ tables: ['sales'], title: 'Sales for tok-4f9a2c' });
    // The secret also sits in the data, as a token leaked into a file would.
    await duck(
      `COPY (SELECT 1 AS id, 'tok-4f9a2c' AS region, 2.5 AS amount) TO ${str(join(dir, 'sales.csv'))} (HEADER)`,
    );
    const redactor = new Redactor();
    redactor.add('tok-4f9a2c');
    const s = await openPipeline(doc, { trust: 'trusted', baseDir: dir, threads: 1, redactor });
    try {
      expect((await s.run()).ok).toBe(true);
    } finally {
      s.close();
    }
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    expect(html).not.toContain('tok-4f9a2c');
    expect(html).toContain('***');
  });
});
