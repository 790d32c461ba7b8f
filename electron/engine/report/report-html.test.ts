import { describe, expect, it } from 'vitest';
import type { ProfileResult } from '../api';
import { escapeHtml } from './html-escape';
import { reportHtml } from './report-html';
import type { ReportData } from './report-model';

/*
 * The page is built from strings the user and the data chose: titles, node
 * ids, column names, cell values, check descriptions, error messages. Each
 * adversarial string below must come out as text, never as markup.
 */

const HOSTILE = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "' onmouseover='alert(1)",
  '</td></tr></table><iframe src="https://evil.example">',
  '<!-- x --><style>body{display:none}</style>',
  '&lt;already escaped&gt; & ampersand',
  '<svg onload=alert(1)>',
  'javascript:alert(1)',
];

function profileOf(name: string, value: string): ProfileResult {
  return {
    nodeId: name,
    rows: 3,
    elapsedMs: 1,
    columns: [
      {
        name,
        type: value,
        min: value,
        max: value,
        distinct: 2,
        nullPercent: 33.3,
        avg: value,
        std: null,
        median: value,
      },
    ],
  };
}

function hostileReport(s: string): ReportData {
  return {
    title: s,
    locale: 'en',
    generatedAt: new Date(Date.UTC(2026, 0, 2, 3, 4, 5)),
    sections: [
      {
        kind: 'summary',
        run: {
          at: new Date(Date.UTC(2026, 0, 2, 3, 4, 0)),
          result: {
            ok: false,
            cancelled: false,
            elapsedMs: 1500,
            nodes: { [s]: { status: 'failed', elapsedMs: 3 } },
            outputs: [{ nodeId: s, path: `/out/${s}.csv`, rows: 1234567 }],
            diagnostics: [{ severity: 'error', code: 'node.check', message: s, nodeId: s }],
          },
        },
      },
      { kind: 'checks', checks: [{ nodeId: s, param: 'checks[0]', description: s, ok: false, message: s }] },
      { kind: 'charts', nodeId: s, charts: [{ title: s, problem: s }] },
      {
        kind: 'table',
        nodeId: s,
        columns: [s, 'n'],
        rows: [
          [s, 1.5],
          [null, -2],
          [true, 0],
        ],
        more: true,
      },
      { kind: 'profile', nodeId: s, profile: profileOf(s, s) },
      { kind: 'failed', nodeId: s, heading: 'table', problem: s },
    ],
  };
}

/** Every tag of the page with its attribute names, quoted values left out (what a value holds stays a value). */
function tagsOf(html: string): string[] {
  return [...html.matchAll(/<([a-zA-Z][\w-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g)].map(
    (m) => `${m[1] ?? ''}${(m[2] ?? '').replace(/"[^"]*"|'[^']*'/g, '""')}`,
  );
}

describe('the report page', () => {
  it.each(HOSTILE)('shows %j as text wherever a user or data string goes', (s) => {
    const html = reportHtml(hostileReport(s));
    const escaped = escapeHtml(s);
    // Title, heading, node ids, column name, cell, profile values, check, error messages: all of them, escaped.
    expect(html.split(escaped).length - 1).toBeGreaterThanOrEqual(15);
    if (s !== escaped) expect(html).not.toContain(s);
    const tags = tagsOf(html);
    expect(tags.filter((t) => /^(script|iframe|img|svg|object|embed|link|meta http-equiv)/i.test(t))).toEqual([]);
    expect(tags.filter((t) => /\son\w+\s*=/i.test(t))).toEqual([]);
    expect(tags.filter((t) => /^style/i.test(t))).toEqual(['style']);
    // The page names no URL of its own: one the data holds is shown as text.
    if (!s.includes('://')) expect(html).not.toMatch(/https?:\/\//);
  });

  it('escapes the five characters that matter in text and in quoted attributes', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });

  it('formats numbers and dates in the locale, and speaks the locale', () => {
    const en = reportHtml(hostileReport('x'));
    const pt = reportHtml({ ...hostileReport('x'), locale: 'pt-BR' });
    expect(en).toContain('<html lang="en">');
    expect(en).toContain('1,234,567');
    expect(en).toContain('Run summary');
    expect(pt).toContain('<html lang="pt-BR">');
    expect(pt).toContain('1.234.567');
    expect(pt).toContain('Resumo da execução');
    expect(pt).toContain('1,5');
    expect(pt).toContain('Verificações de dados');
    // Profile statistics DuckDB gives as text: numbers in the locale, dates as they are.
    const stats = (locale: 'en' | 'pt-BR'): string =>
      reportHtml({
        title: 't',
        locale,
        generatedAt: new Date(0),
        sections: [
          {
            kind: 'profile',
            nodeId: 'n',
            profile: {
              ...profileOf('amount', '1234.5'),
              columns: [
                {
                  name: 'amount',
                  type: 'DOUBLE',
                  min: '-0.25',
                  max: '2024-03-01',
                  distinct: 3,
                  nullPercent: 0,
                  avg: '1234.5',
                  std: null,
                  median: '1e3',
                },
              ],
            },
          },
        ],
      });
    expect(stats('pt-BR')).toContain('<td>-0,25</td><td>2024-03-01</td><td>1.234,5</td><td>1.000</td>');
    expect(stats('en')).toContain('<td>-0.25</td><td>2024-03-01</td><td>1,234.5</td><td>1,000</td>');
  });

  it('is the same page for the same data, and follows the light or dark preference without a script', () => {
    const a = reportHtml(hostileReport('x'));
    expect(reportHtml(hostileReport('x'))).toBe(a);
    expect(a).toContain('@media (prefers-color-scheme: dark)');
    expect(a).not.toMatch(/<script/i);
    expect(a).not.toMatch(/@import|url\(|@font-face/i);
  });

  it('inserts the engine-drawn SVG of a chart as is, in a light and a dark copy', () => {
    const html = reportHtml({
      title: 't',
      locale: 'en',
      generatedAt: new Date(0),
      sections: [
        {
          kind: 'charts',
          nodeId: 'n',
          charts: [{ title: 'c <1>', light: '<svg class="L"></svg>', dark: '<svg class="D"></svg>', note: 'sampled' }],
        },
      ],
    });
    expect(html).toContain(
      '<figcaption>c &lt;1&gt;</figcaption>\n<div class="chart-light"><svg class="L"></svg></div>\n<div class="chart-dark"><svg class="D"></svg></div>',
    );
    expect(html).toContain('A repeatable sample of the rows is drawn.');
  });
});
