import { describe, expect, it } from 'vitest';
import { catalog } from '../catalog/index';
import { error, warning, type Diagnostic } from '../diagnostics';
import { pipelineMarkdown, type DocsInput } from './docs-markdown';
import type { PipelineDocument } from './document';
import { blockText, cellText, codeSpan, fencedBlock } from './markdown-text';
import { mermaidText } from './mermaid-dag';

const HOSTILE_LABEL = 'Orders | raw\n[main] "feed" <b>x</b> `tick` #1 (end);';

function sampleDoc(): PipelineDocument {
  return {
    format: 'duto.pipeline',
    version: 2,
    name: 'Sales | weekly',
    description: ['Weekly sales per customer.', '# not a heading', '- not a list'],
    params: {
      data_dir: { default: 'data', description: 'Where the CSV files are | both of them' },
      region: { description: 'Region to keep' },
    },
    nodes: [
      {
        id: 'orders',
        type: 'source.csv',
        label: HOSTILE_LABEL,
        description: 'Raw orders,\nexported nightly.',
        params: { path: '${data_dir}/orders.csv' },
      },
      { id: 'customers', type: 'source.csv', params: { path: '${data_dir}/customers.csv', delimiter: ';' } },
      {
        id: 'joined',
        type: 'transform.join',
        inputs: { left: 'orders', right: 'customers' },
        params: { kind: 'left', keys: [{ left: 'customer_id', right: 'id' }] },
      },
      {
        id: 'custom',
        type: 'transform.sql',
        inputs: { in: ['joined'] },
        params: {
          query: [
            'SELECT country, sum(amount) AS total -- ``` not a fence',
            'FROM joined',
            "WHERE region = '${region}'",
            'GROUP BY country',
          ],
        },
      },
      {
        id: 'old',
        type: 'transform.filter',
        disabled: true,
        inputs: { in: 'joined' },
        params: { condition: "status = 'a' OR flag | 1 = 1" },
      },
      { id: 'out', type: 'sink.csv', inputs: { in: 'custom' }, params: { path: 'out/sales.csv', header: true } },
    ],
  };
}

const sampleDiagnostics: Diagnostic[] = [
  error(
    'node.bind',
    { detail: 'column "amount" not found | did you mean "amt"?' },
    { nodeId: 'custom', param: 'query' },
  ),
  warning('param.value', { detail: 'parameter "region" is\nnot used everywhere' }),
];

function sampleInput(diagnostics: readonly Diagnostic[] = sampleDiagnostics): DocsInput {
  return {
    fileName: 'sales.duto.json',
    types: catalog,
    diagnostics,
    schemas: {
      orders: [
        { name: 'order_id', type: 'BIGINT' },
        { name: 'customer_id', type: 'BIGINT' },
        { name: 'amount|raw', type: 'DOUBLE' },
      ],
      customers: [
        { name: 'id', type: 'BIGINT' },
        { name: 'country', type: 'VARCHAR' },
      ],
      joined: [
        { name: 'order_id', type: 'BIGINT' },
        { name: 'country', type: 'VARCHAR' },
      ],
      old: [{ name: 'order_id', type: 'BIGINT' }],
    },
  };
}

/** The section of one node: from its heading to the next heading of the same level. */
function section(md: string, nodeId: string): string {
  const start = md.indexOf(`### <a id="node-${nodeId}">`);
  expect(start).toBeGreaterThanOrEqual(0);
  const next = md.indexOf('\n### ', start + 1);
  return md.slice(start, next < 0 ? undefined : next);
}

/** Cells of a GFM table row as GFM splits them: a backslash escapes the next character, pipes split. */
function cellCount(row: string): number {
  let count = 0;
  for (let i = 0; i < row.length; i++) {
    if (row[i] === '\\') i++;
    else if (row[i] === '|') count++;
  }
  return count - 1;
}

/** Every table: [header, separator, rows…], as line arrays. */
function tables(md: string): string[][] {
  const out: string[][] = [];
  let current: string[] = [];
  for (const line of md.split('\n')) {
    if (line.startsWith('|')) current.push(line);
    else if (current.length > 0) {
      out.push(current);
      current = [];
    }
  }
  if (current.length > 0) out.push(current);
  return out;
}

function mermaidOf(md: string): string {
  return /```mermaid\n([\s\S]*?)\n```/.exec(md)?.[1] ?? '';
}

describe('pipelineMarkdown', () => {
  const md = pipelineMarkdown(sampleDoc(), sampleInput());

  it('is deterministic, leaves its input alone, and ends with one newline', () => {
    const doc = sampleDoc();
    const before = JSON.stringify(doc);
    expect(pipelineMarkdown(doc, sampleInput())).toBe(md);
    expect(JSON.stringify(doc)).toBe(before);
    expect(md.endsWith('\n')).toBe(true);
    expect(md.endsWith('\n\n')).toBe(false);
    expect(md).not.toContain('\n\n\n');
  });

  it('titles and summarises the pipeline, its description kept as inert text', () => {
    expect(md.startsWith('# Sales \\| weekly\n\n')).toBe(true);
    expect(md).toContain('Weekly sales per customer.\n\\# not a heading\n\\- not a list');
    expect(md).toContain('*Generated from `sales.duto.json`: 6 nodes, 1 error, 1 warning.*');
    // A diagnostic without a node is listed at the top.
    expect(md).toContain('## Problems');
    expect(md).toContain('| warning |  | parameter "region" is<br>not used everywhere |');
  });

  it('falls back to the file name as the title', () => {
    const doc = { ...sampleDoc(), name: undefined };
    expect(pipelineMarkdown(doc, sampleInput()).startsWith('# sales.duto.json\n')).toBe(true);
  });

  it('draws the DAG as a Mermaid flowchart with shapes, port labels and escaped labels', () => {
    const chart = mermaidOf(md);
    const lines = chart.split('\n');
    expect(lines[0]).toBe('flowchart LR');
    expect(lines).toContain(`  n_orders(["orders<br/>${mermaidText(HOSTILE_LABEL)}<br/>CSV file"])`);
    expect(lines).toContain('  n_customers(["customers<br/>CSV file"])');
    expect(lines).toContain('  n_joined["joined<br/>Join"]');
    expect(lines).toContain('  n_out[("out<br/>CSV file")]');
    expect(lines).toContain('  n_orders -->|"left"| n_joined');
    expect(lines).toContain('  n_customers -->|"right"| n_joined');
    expect(lines).toContain('  n_joined --> n_custom');
    expect(lines).toContain('  n_joined --> n_old');
    expect(lines).toContain('  n_custom --> n_out');
    expect(lines).toContain('  class n_old disabled');
    expect(lines).toContain('  class n_custom failed');
    // Inside a label, nothing Mermaid or Markdown reads: only the label's own quotes.
    const label = lines.find((l) => l.startsWith('  n_orders(')) ?? '';
    const inner = label.slice(label.indexOf('"') + 1, label.lastIndexOf('"'));
    expect(inner.replace(/#\d+;/g, '').replace(/<br\/>/g, '')).not.toMatch(/["[\]|<>`;#\n]/);
    expect(inner).toContain('#124;');
    expect(inner).toContain('#34;');
    expect(inner).toContain('#91;');
    expect(inner).toContain('#96;');
  });

  it('lists the parameters in a table, escaping pipes', () => {
    expect(md).toContain('| `data_dir` | `data` | Where the CSV files are \\| both of them |');
    expect(md).toContain('| `region` | *(none)* | Region to keep |');
  });

  it('keeps every table row to its header width, whatever the cells hold', () => {
    const all = tables(md);
    expect(all.length).toBeGreaterThan(5);
    for (const t of all) {
      const width = cellCount(t[0] ?? '');
      expect(t[1]).toBe(`|${Array.from({ length: width }, () => '---').join('|')}|`);
      for (const row of t) expect(cellCount(row), row).toBe(width);
    }
  });

  it('documents a node: type, label, description, readers, settings, columns', () => {
    const s = section(md, 'orders');
    expect(s.split('\n')[0]).toBe('### <a id="node-orders"></a>`orders` — CSV file');
    expect(s).toContain('**Orders \\| raw \\[main\\] "feed" \\<b\\>x\\</b\\> \\`tick\\` \\#1 (end);**');
    expect(s).toContain('Raw orders,\nexported nightly.');
    expect(s).toContain('*CSV file* (`source.csv`): Reads a CSV file');
    expect(s).toContain('**Feeds**\n\n- [`joined`](#node-joined), as Left (`left`)');
    // A delimiter left to detection is left out; the path is not.
    expect(s).toContain('| File, glob or folder (`path`) | `${data_dir}/orders.csv` |');
    expect(s).not.toContain('delimiter');
    // A column name holding a pipe cannot be code in a cell: it is escaped text.
    expect(s).toContain('| amount\\|raw | `DOUBLE` |');
    expect(section(md, 'customers')).toContain('| Delimiter (`delimiter`) | `;` |');
  });

  it('shows a join: its inputs by port, its kind and its keys as a table', () => {
    const s = section(md, 'joined');
    expect(s).toContain(
      '**Reads from**\n\n- Left (`left`): [`orders`](#node-orders)\n- Right (`right`): [`customers`](#node-customers)',
    );
    expect(s).toContain('| Kind (`kind`) | `left` (All left rows) |');
    expect(s).toContain('Match on (`keys`):\n\n| Left column | Right column |\n|---|---|\n| `customer_id` | `id` |');
    expect(s).toContain('**Feeds**\n\n- [`custom`](#node-custom)\n- [`old`](#node-old)');
  });

  it('shows multi-line SQL as a fenced block that its own backticks cannot close', () => {
    const s = section(md, 'custom');
    const query = [
      'SELECT country, sum(amount) AS total -- ``` not a fence',
      'FROM joined',
      "WHERE region = '${region}'",
      'GROUP BY country',
    ].join('\n');
    expect(s).toContain(`Query (\`query\`):\n\n\`\`\`\`sql\n${query}\n\`\`\`\``);
  });

  it("reports a node's problems in its section and unknown columns when it does not bind", () => {
    const s = section(md, 'custom');
    expect(s).toContain('**Problems**: 1 error, 0 warnings');
    expect(s).toContain('| error | `query` | column "amount" not found \\| did you mean "amt"? |');
    expect(s).toContain('**Output columns**\n\n*Unknown: this node has errors (below).*');
    expect(section(md, 'out')).toContain(
      '**Columns written**\n\n*Unknown: the columns could not be computed; a node upstream may have errors.*',
    );
  });

  it('marks a disabled node, and moves a value with a pipe out of the table', () => {
    const s = section(md, 'old');
    expect(s).toContain('**Disabled** in the document.');
    expect(s).toContain("Condition (`condition`):\n\n```sql\nstatus = 'a' OR flag | 1 = 1\n```");
    expect(s).not.toContain('| Condition');
  });

  it('leaves out params set to their default', () => {
    const s = section(md, 'out');
    expect(s).toContain('| Output file (`path`) | `out/sales.csv` |');
    expect(s).not.toContain('(`header`)');
  });

  it('generates docs for a pipeline that does not bind at all', () => {
    const doc: PipelineDocument = {
      format: 'duto.pipeline',
      version: 2,
      nodes: [
        { id: 'end', type: 'source.nowhere' },
        { id: 'x', type: 'transform.filter', inputs: { in: 'ghost' }, params: { condition: '' } },
      ],
    };
    const out = pipelineMarkdown(doc, {
      fileName: 'broken.duto.json',
      types: catalog,
      schemas: {},
      diagnostics: [error('node.unknown-type', { type: 'source.nowhere' }, { nodeId: 'end' })],
    });
    expect(out).toContain('### <a id="node-end"></a>`end` — unknown type `source.nowhere`');
    // No params, no settings.
    expect(section(out, 'end')).not.toContain('**Settings**');
    expect(out).toContain('- Rows (`in`): `ghost` *(no such node)*');
    expect(out).toContain('| Condition (`condition`) | *(empty)* |');
    const chart = mermaidOf(out).split('\n');
    // `end` is a Mermaid keyword: ids are prefixed.
    expect(chart).toContain('  n_end["end<br/>source.nowhere"]');
    expect(chart).toContain('  n_ghost["ghost<br/>(no such node)"]');
    expect(chart).toContain('  n_ghost --> n_x');
    expect(chart).toContain('  class n_ghost missing');
  });

  it('never shows a secret-looking value, but keeps ${secret:NAME} references', () => {
    const doc: PipelineDocument = {
      format: 'duto.pipeline',
      version: 2,
      nodes: [
        {
          id: 'api',
          type: 'source.http',
          params: {
            url: 'https://api.example.com/v1/items',
            headers: [
              { name: 'Authorization', value: 'Bearer abcdefghijklmnopqrstuvwxyz123456' },
              { name: 'X-Key', value: '${secret:API_KEY}' },
            ],
          },
        },
      ],
    };
    const out = pipelineMarkdown(doc, { fileName: 'api.duto.json', types: catalog, schemas: {}, diagnostics: [] });
    expect(out).not.toContain('abcdefghijklmnopqrstuvwxyz123456');
    expect(out).toContain('`${secret:API_KEY}`');
    expect(out).toContain('[removed: ');
  });
});

describe('markdown text helpers', () => {
  it('code spans outlast the backticks they hold', () => {
    expect(codeSpan('a')).toBe('`a`');
    expect(codeSpan('a ` b')).toBe('``a ` b``');
    expect(codeSpan('`x`')).toBe('`` `x` ``');
    expect(codeSpan('two\nlines')).toBe('`two lines`');
  });

  it('blocks of text cannot start Markdown blocks', () => {
    expect(blockText('# h\n> q\n- l\n+ l\n1. n\n2) n\n```\n---\n===\n    indented')).toBe(
      '\\# h\n\\> q\n\\- l\n\\+ l\n1\\. n\n2\\) n\n\\`\\`\\`\n\\---\n\\===\nindented',
    );
    expect(blockText('one\n\n\n\ntwo\n')).toBe('one\n\ntwo');
    expect(blockText('a\r\nb\rc')).toBe('a\nb\nc');
  });

  it('table cells hold no raw pipe or line break', () => {
    expect(cellText('a | b\nc\\|d')).toBe('a \\| b<br>c\\\\\\|d');
  });

  it('fences are longer than any backtick run inside', () => {
    expect(fencedBlock('x', 'sql')).toBe('```sql\nx\n```');
    expect(fencedBlock('a ```` b\n')).toBe('`````\na ```` b\n`````');
  });
});
