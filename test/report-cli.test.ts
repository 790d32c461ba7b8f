import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, duto, requireBuiltCli, tmp } from './support';

/*
 * `duto report` on the orders-report example, with saved charts added to
 * the copy: the page is byte-identical from one run to the next but for its
 * two time lines, names no URL, and is refused to a pipeline that is not
 * trusted, exactly as `duto run` is.
 */

beforeAll(() => requireBuiltCli());

interface Doc {
  nodes: Array<{ id: string; type: string; params: Record<string, unknown>; charts?: unknown[] }>;
}

/** The example in a fresh folder with its own trust store, history and caches; charts saved on two nodes. */
export function exampleWithCharts(report?: Record<string, unknown>): {
  dir: string;
  file: string;
  env: Record<string, string>;
} {
  const dir = tmp('report-cli');
  cpSync(join(ROOT, 'examples', 'orders-report'), dir, { recursive: true });
  const file = join(dir, 'orders-report.duto.json');
  const doc = JSON.parse(readFileSync(file, 'utf8')) as Doc;
  for (const n of doc.nodes) {
    if (n.id === 'with_customer')
      n.charts = [
        { title: 'Revenue by country', type: 'bar', x: 'country', y: 'revenue', aggregate: 'sum' },
        { type: 'histogram', x: 'revenue' },
      ];
    if (n.id === 'sorted')
      n.charts = [
        { type: 'line', x: 'month', y: 'revenue', color: 'segment', aggregate: 'sum' },
        { type: 'heatmap', x: 'country', y: 'segment', value: 'revenue', aggregate: 'sum' },
      ];
  }
  if (report !== undefined)
    doc.nodes.push({ id: 'page', type: 'sink.report', params: { path: 'out/page.html', ...report } });
  writeFileSync(file, JSON.stringify(doc, null, 2));
  return {
    dir,
    file,
    env: { XDG_CONFIG_HOME: join(dir, 'config'), XDG_DATA_HOME: join(dir, 'data'), XDG_CACHE_HOME: join(dir, 'cache') },
  };
}

/** The page without its two time lines. */
function timeless(html: string): string {
  const lines = html.split('\n');
  const kept = lines.filter((l) => !l.startsWith('<p class="generated">') && !l.startsWith('<p class="run-time">'));
  expect(lines.length - kept.length).toBe(2);
  return kept.join('\n');
}

describe('duto report', () => {
  it('writes the default report (run summary and every saved chart), byte-stable across runs but for the time lines', () => {
    const { dir, file, env } = exampleWithCharts();
    const first = duto(['report', '--trust', file, '-o', 'r1.html'], dir, env);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toBe(`wrote ${join(dir, 'r1.html')}\n`);
    expect(duto(['report', '--trust', file, '-o', 'r2.html'], dir, env).code).toBe(0);
    const a = readFileSync(join(dir, 'r1.html'), 'utf8');
    const b = readFileSync(join(dir, 'r2.html'), 'utf8');
    expect(b).not.toBe(a);
    expect(timeless(b)).toBe(timeless(a));
    expect(a).not.toMatch(/https?:\/\//);
    expect(a).not.toMatch(/<script/i);
    expect(a).toContain('<title>Orders report</title>');
    expect(a.match(/<svg /g)).toHaveLength(8);
    expect(a).toContain('Charts of with_customer');
    expect(a).toContain('Charts of sorted');
    expect(a).toContain('The run succeeded');
    // The run wrote its outputs, as `duto run` does.
    expect(existsSync(join(dir, 'out', 'orders-report.parquet'))).toBe(true);
  });

  it("writes the pipeline's report node's page, in the CLI's language", () => {
    const { dir, file, env } = exampleWithCharts({
      title: 'Pedidos',
      charts: ['sorted'],
      tables: ['sorted'],
      tableRows: 4,
    });
    const r = duto(['report', '--trust', file, '-o', 'mine.html'], dir, { ...env, LANG: 'pt_BR.UTF-8' });
    expect(r.code).toBe(0);
    const html = readFileSync(join(dir, 'mine.html'), 'utf8');
    expect(html).toContain('<title>Pedidos</title>');
    expect(html).toContain('As primeiras 4 linhas.');
    expect(html.match(/<svg /g)).toHaveLength(4);
    // The run wrote the node's own page too.
    expect(timeless(readFileSync(join(dir, 'out', 'page.html'), 'utf8'))).toBe(timeless(html));
  });

  it('refuses a pipeline that is not trusted, as duto run does, and writes nothing', () => {
    const { dir, file, env } = exampleWithCharts();
    const r = duto(['report', file, '-o', 'r.html'], dir, env);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/not trusted on this machine.*--trust/s);
    expect(existsSync(join(dir, 'r.html'))).toBe(false);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('validates its arguments: an HTML output, a known report node', () => {
    const { dir, file, env } = exampleWithCharts();
    expect(duto(['report', '--trust', file], dir, env).stderr).toMatch(/required option '-o, --output <file>'/);
    const txt = duto(['report', '--trust', file, '-o', 'r.txt'], dir, env);
    expect(txt.code).toBe(2);
    expect(txt.stderr).toBe('duto: -o r.txt: a report is an HTML file; give a name ending in .html\n');
    const node = duto(['report', '--trust', file, '-o', 'r.html', '--node', 'sorted'], dir, env);
    expect(node.code).toBe(2);
    expect(node.stderr).toBe('duto: --node sorted: not an HTML report node (sink.report); the pipeline has none\n');
  });
});
