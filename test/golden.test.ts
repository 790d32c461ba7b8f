import { DOMParser } from '@xmldom/xmldom';
import { cpSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { duto, dutoAsync, dutoAwait, hasNoStack, query, requireBuiltCli, ROOT, runScript, tmp } from './support';

/**
 * Golden tests: every example runs through the built CLI (`node bin/duto.js`)
 * and its output is compared with the expected output checked in beside it,
 * which was computed by hand-written DuckDB SQL (expected/oracle.sql).
 * Then the CLI's behaviour: exit codes, --json shapes, messages.
 */

const EX = join(ROOT, 'examples');
const pipeline = (name: string): string => join(EX, name, `${name}.duto.json`);
const ORDERS = pipeline('orders-report');

beforeAll(() => requireBuiltCli());

/** A copy of an example's document, changed by `edit`, saved in a tmp folder with data_dir pointing at the example's data. */
function variant(
  name: string,
  edit: (doc: { nodes: Array<{ id: string; params?: Record<string, unknown> }> }) => void,
): string {
  const doc = JSON.parse(readFileSync(pipeline(name), 'utf8'));
  doc.params.data_dir.default = join(EX, name, 'data');
  edit(doc);
  const file = join(tmp('variant'), `${name}.duto.json`);
  writeFileSync(file, JSON.stringify(doc, null, 2));
  return file;
}

/** The orders example with two errors: an empty filter condition and a two-character delimiter. */
const broken = (): string =>
  variant('orders-report', (doc) => {
    const f = doc.nodes.find((n) => n.id === 'paid_orders');
    if (f?.params !== undefined) f.params['condition'] = '';
    const c = doc.nodes.find((n) => n.id === 'customers');
    if (c?.params !== undefined) c.params['delimiter'] = ';;';
  });

describe('examples', () => {
  it('orders-report: the canonical pipeline matches the DuckDB oracle', async () => {
    const out = tmp('orders');
    const r = duto(['run', ORDERS, '--param', `out_dir=${out}`]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const parquet = join(out, 'orders-report.parquet');
    const expected = join(EX, 'orders-report', 'expected', 'orders-report.csv');
    const cols = `country, segment, CAST(month AS VARCHAR) AS month, orders, revenue, avg_ticket`;
    const got = await query(`SELECT ${cols} FROM read_parquet('${parquet}')`);
    const want = await query(`SELECT ${cols} FROM read_csv_auto('${expected}')`);
    expect(got.length).toBe(575);
    expect(got.length).toBe(want.length);
    got.forEach((row, i) => {
      const w = want[i] ?? {};
      expect([row['country'], row['segment'], row['month'], row['orders']]).toEqual([
        w['country'],
        w['segment'],
        w['month'],
        w['orders'],
      ]);
      expect(Number(row['revenue'])).toBeCloseTo(Number(w['revenue']), 6);
      expect(Number(row['avg_ticket'])).toBeCloseTo(Number(w['avg_ticket']), 6);
    });
    const types = await query(
      `SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet('${parquet}'))`,
    );
    expect(types.map((t) => `${String(t['column_name'])} ${String(t['column_type'])}`)).toEqual([
      'country VARCHAR',
      'segment VARCHAR',
      'month TIMESTAMP',
      'orders BIGINT',
      'revenue DOUBLE',
      'avg_ticket DOUBLE',
    ]);
  });

  for (const [name, file] of [
    ['customer-cleaning', 'customers-clean.csv'],
    ['revenue-pivot', 'revenue-by-segment.csv'],
  ] as const) {
    it(`${name}: the CSV output is byte-identical to the expected file`, () => {
      const out = tmp(name);
      const r = duto(['run', pipeline(name), '--param', `out_dir=${out}`]);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(readFileSync(join(out, file), 'utf8')).toBe(readFileSync(join(EX, name, 'expected', file), 'utf8'));
    });
  }

  it('lakehouse: lands a new version in the Delta table and reports its first version, byte-identical to the expected file', () => {
    // A copy of the table: a run appends a version to it.
    const lake = tmp('lake');
    cpSync(join(EX, 'lakehouse', 'lake'), lake, { recursive: true });
    const out = tmp('lakehouse');
    const r = duto(['run', pipeline('lakehouse'), '--param', `lake_dir=${lake}`, '--param', `out_dir=${out}`]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(readFileSync(join(out, 'january-by-region.csv'), 'utf8')).toBe(
      readFileSync(join(EX, 'lakehouse', 'expected', 'january-by-region.csv'), 'utf8'),
    );
    const history = JSON.parse(duto(['delta', 'history', join(lake, 'sales'), '--json']).stdout) as Array<{
      version: number;
      rowsAdded?: number;
    }>;
    expect(history.map((h) => [h.version, h.rowsAdded])).toEqual([
      [2, 3],
      [1, 4],
      [0, 6],
    ]);
    // The run reads version 0 again: the report does not change as the table grows.
    const again = duto(['run', pipeline('lakehouse'), '--param', `lake_dir=${lake}`, '--param', `out_dir=${out}`]);
    expect(again.code).toBe(0);
    expect(readFileSync(join(out, 'january-by-region.csv'), 'utf8')).toBe(
      readFileSync(join(EX, 'lakehouse', 'expected', 'january-by-region.csv'), 'utf8'),
    );
  });

  it('runs from another working folder: paths are relative to the pipeline file', () => {
    const out = tmp('cwd');
    const r = duto(['run', pipeline('revenue-pivot'), '--param', `out_dir=${out}`], tmp('elsewhere'));
    expect(r.code).toBe(0);
    expect(existsSync(join(out, 'revenue-by-segment.csv'))).toBe(true);
  });
});

describe('duto run', () => {
  it('prints plain lines when not on a terminal: a line per node and a summary, no ANSI', () => {
    const out = tmp('plain');
    const r = duto(['run', ORDERS, '--param', `out_dir=${out}`]);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('\u001b[');
    expect(r.stdout).toMatch(/^done\s+report\s+575 rows/m);
    expect(r.stdout).toMatch(/^done\s+orders\s/m);
    expect(r.stdout).toMatch(/^run finished in .*: 8 of 8 nodes done$/m);
  });

  it('--json prints the RunResult', () => {
    const out = tmp('json');
    const r = duto(['run', ORDERS, '--param', `out_dir=${out}`, '--json']);
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout);
    expect(result).toMatchObject({ ok: true, cancelled: false, diagnostics: [] });
    expect(typeof result.elapsedMs).toBe('number');
    expect(result.outputs).toEqual([{ nodeId: 'report', path: join(out, 'orders-report.parquet'), rows: 575 }]);
    expect(Object.keys(result.nodes).sort()).toEqual([
      'by_month',
      'customers',
      'orders',
      'paid_orders',
      'report',
      'sorted',
      'with_customer',
      'with_revenue',
    ]);
    expect(result.nodes.report).toMatchObject({ status: 'done', rows: 575 });
  });

  it('a second run leaves an up-to-date output alone and says so; --force writes it again', () => {
    const out = tmp('uptodate');
    const env = { XDG_CACHE_HOME: tmp('uptodate-cache') };
    const first = duto(['run', ORDERS, '--param', `out_dir=${out}`], ROOT, env);
    expect(first.stdout).toMatch(/^wrote .*orders-report\.parquet \(575 rows\)$/m);
    const target = join(out, 'orders-report.parquet');
    const written = statSync(target).mtimeMs;
    const second = duto(['run', ORDERS, '--param', `out_dir=${out}`], ROOT, env);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/^done\s+report\s+575 rows\s+up to date$/m);
    expect(second.stdout).toMatch(
      /^up to date: .*orders-report\.parquet \(575 rows; nothing it depends on changed; --force writes it again\)$/m,
    );
    expect(statSync(target).mtimeMs).toBe(written);
    const forced = duto(['run', ORDERS, '--param', `out_dir=${out}`, '--force'], ROOT, env);
    expect(forced.stdout).toMatch(/^wrote .*orders-report\.parquet \(575 rows\)$/m);
  });

  it('--junit writes the data checks and outputs as JUnit test cases, for CI; a failed check is a failure and exit 1', () => {
    const out = tmp('junit');
    const report = join(out, 'reports', 'duto.xml');
    const ok = duto(['run', pipeline('customer-cleaning'), '--param', `out_dir=${out}`, '--junit', report]);
    expect(ok.code).toBe(0);
    const passed = new DOMParser().parseFromString(readFileSync(report, 'utf8'), 'text/xml');
    const suite = passed.getElementsByTagName('testsuite')[0];
    expect([suite?.getAttribute('tests'), suite?.getAttribute('failures'), suite?.getAttribute('errors')]).toEqual([
      '6',
      '0',
      '0',
    ]);
    const names = Array.from(passed.getElementsByTagName('testcase')).map((c) => c.getAttribute('name'));
    expect(names).toContain('checks[1].columns: customer_id is unique');
    expect(names).toContain('minRows: at least 1 rows');
    expect(names.some((n) => n?.startsWith('writes ') === true && n.endsWith('customers-clean.csv'))).toBe(true);

    const strict = variant('customer-cleaning', (doc) => {
      const c = doc.nodes.find((n) => n.id === 'checked');
      if (c?.params !== undefined)
        c.params['checks'] = [{ rule: 'in_set', column: 'country', values: ['BR', 'US', '<&"\'>'] }];
    });
    const bad = duto(['run', strict, '--param', `out_dir=${out}`, '--junit', report]);
    expect(bad.code).toBe(1);
    const failed = new DOMParser().parseFromString(readFileSync(report, 'utf8'), 'text/xml');
    expect(failed.getElementsByTagName('testsuite')[0]?.getAttribute('failures')).toBe('1');
    const failure = failed.getElementsByTagName('failure')[0];
    expect(failure?.getAttribute('message')).toMatch(
      /^check failed: country is one of BR, US, <&"'> — 11 of 14 rows do not, e\.g\. /,
    );
  });

  it('history lists the runs from the CLI, newest first, with what they wrote or why they failed', () => {
    const out = tmp('history');
    const env = { XDG_DATA_HOME: tmp('history-data'), XDG_CACHE_HOME: tmp('history-cache') };
    expect(duto(['history', ORDERS], ROOT, env).stdout).toBe(`no runs on record for ${ORDERS}\n`);
    duto(['run', ORDERS, '--param', `out_dir=${out}`], ROOT, env);
    duto(['run', broken()], ROOT, env);
    const h = duto(['history', ORDERS], ROOT, env);
    expect(h.code).toBe(0);
    expect(h.stdout.trimEnd().split('\n')).toHaveLength(1);
    expect(h.stdout).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ {2}succeeded .* cli {2}wrote report \(575 rows\)$/m);
    const json = JSON.parse(duto(['history', ORDERS, '--json', '-n', '5'], ROOT, env).stdout);
    expect(json.runs[0]).toMatchObject({
      outcome: 'succeeded',
      from: 'cli',
      nodes: { report: { status: 'done', rows: 575 } },
    });
  });

  it('--notify posts a failed run to a webhook (the URL from a secret, never printed); --notify-on always also a good one', async () => {
    const received: Array<Record<string, unknown>> = [];
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        received.push(JSON.parse(body));
        res.writeHead(req.url === '/broken' ? 500 : 200).end('ok');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const hook = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}/hooks/T0K3N`;
    try {
      const out = tmp('notify');
      const env = { DUTO_SECRET_HOOK: hook };
      const strict = variant('customer-cleaning', (doc) => {
        const c = doc.nodes.find((n) => n.id === 'checked');
        if (c?.params !== undefined) c.params['minRows'] = 100;
      });
      const failed = await dutoAwait(
        ['run', strict, '--param', `out_dir=${out}`, '--notify', '${secret:HOOK}'],
        ROOT,
        env,
      );
      expect(failed.code).toBe(1);
      expect(received).toHaveLength(1);
      expect(received[0]).toMatchObject({
        outcome: 'failed',
        pipeline: 'customer-cleaning.duto.json',
        text: 'customer-cleaning.duto.json failed: [checked] check failed: at least 100 rows — there are 14',
      });
      const ok = await dutoAwait(
        ['run', pipeline('customer-cleaning'), '--param', `out_dir=${out}`, '--notify', '${secret:HOOK}'],
        ROOT,
        env,
      );
      expect(ok.code).toBe(0);
      expect(received).toHaveLength(1);
      const always = await dutoAwait(
        [
          'run',
          pipeline('customer-cleaning'),
          '--param',
          `out_dir=${out}`,
          '--notify',
          hook,
          '--notify-on',
          'always',
          '--force',
        ],
        ROOT,
      );
      expect(always.code).toBe(0);
      expect(received[1]).toMatchObject({
        outcome: 'succeeded',
        text: expect.stringMatching(/^customer-cleaning\.duto\.json succeeded in [\d.]+ s: 1 output written$/),
      });
      // A webhook that fails is reported, without its URL, and the run's outcome stands.
      const down = await dutoAwait(
        ['run', strict, '--param', `out_dir=${out}`, '--notify', `${hook.replace('/hooks/T0K3N', '/broken')}`],
        ROOT,
      );
      expect(down.code).toBe(1);
      expect(down.stderr).toContain("notify: the webhook answered HTTP 500; the run's outcome is unchanged");
      for (const r of [failed, ok, always, down]) expect(`${r.stdout}${r.stderr}`).not.toContain('T0K3N');
      // Checked before anything runs.
      const missing = duto(['run', strict, '--notify', '${secret:NOPE}']);
      expect(missing.code).toBe(2);
      expect(missing.stderr).toContain('DUTO_SECRET_NOPE');
      expect(duto(['run', strict, '--notify', 'ftp://x']).stderr).toContain('expected an http:// or https:// URL');
    } finally {
      server.close();
    }
  });

  it('runs several pipelines in turn, the next only when the one before succeeded; --keep-going runs them all; one JUnit report', () => {
    const out = tmp('chain');
    const bad = variant('customer-cleaning', (doc) => {
      const c = doc.nodes.find((n) => n.id === 'checked');
      if (c?.params !== undefined) c.params['minRows'] = 100;
    });
    const report = join(out, 'chain.xml');
    const stopped = duto([
      'run',
      pipeline('revenue-pivot'),
      bad,
      ORDERS,
      '--param',
      `out_dir=${out}`,
      '--junit',
      report,
    ]);
    expect(stopped.code).toBe(1);
    expect(stopped.stdout).toContain(`── ${bad}`);
    expect(stopped.stdout).not.toContain(`── ${ORDERS}`);
    expect(stopped.stdout).toMatch(/^3 pipelines: 1 succeeded, 1 failed, 1 not run$/m);
    const suites = new DOMParser()
      .parseFromString(readFileSync(report, 'utf8'), 'text/xml')
      .getElementsByTagName('testsuite');
    expect(Array.from(suites).map((s) => [s.getAttribute('name'), s.getAttribute('failures')])).toEqual([
      ['revenue-pivot.duto.json', '0'],
      ['customer-cleaning.duto.json', '1'],
    ]);

    const all = duto(['run', bad, ORDERS, '--keep-going', '--force', '--param', `out_dir=${out}`, '--json']);
    expect(all.code).toBe(1);
    const json = JSON.parse(all.stdout);
    expect(json.runs.map((r: { file: string; result: { ok: boolean } }) => [r.file, r.result.ok])).toEqual([
      [bad, false],
      [ORDERS, true],
    ]);
    expect(duto(['run', ORDERS, bad, '--until', 'report']).stderr).toContain(
      '--until names a node of one pipeline: give one file',
    );
  });

  it('--until runs what a node needs and writes nothing', () => {
    const out = tmp('until');
    const r = duto(['run', ORDERS, '--param', `out_dir=${out}`, '--until', 'with_customer', '--json']);
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout);
    expect(result.ok).toBe(true);
    expect(Object.keys(result.nodes).sort()).toEqual([
      'customers',
      'orders',
      'paid_orders',
      'with_customer',
      'with_revenue',
    ]);
    expect(result.outputs).toEqual([]);
    expect(existsSync(join(out, 'orders-report.parquet'))).toBe(false);
  });

  it('exits 1 when the run fails, with one diagnostic line naming the node', () => {
    // Casting age without "leave it empty" fails on "n/a" and "twenty" at run time, not at design time.
    const file = variant('customer-cleaning', (doc) => {
      const typed = doc.nodes.find((n) => n.id === 'typed');
      const casts = typed?.params?.['casts'];
      if (Array.isArray(casts)) casts[1].onError = 'fail';
    });
    const out = tmp('fail');
    const r = duto(['run', file, '--param', `out_dir=${out}`]);
    expect(r.code).toBe(1);
    expect(hasNoStack(r.stderr)).toBe(true);
    expect(r.stderr).toMatch(/^error \[\w+\] .*(n\/a|twenty)/m);
    expect(r.stdout).toMatch(/^run failed/m);
    expect(existsSync(join(out, 'customers-clean.csv'))).toBe(false);
  });

  it('exits 2 on an invalid pipeline, before running anything', () => {
    const file = variant('orders-report', (doc) => {
      const f = doc.nodes.find((n) => n.id === 'paid_orders');
      if (f?.params !== undefined) f.params['condition'] = '';
    });
    const out = tmp('invalid');
    const r = duto(['run', file, '--param', `out_dir=${out}`]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('[paid_orders condition]');
    expect(existsSync(join(out, 'orders-report.parquet'))).toBe(false);
  });

  it('Ctrl-C cancels the run cleanly: exit 130, nothing written', async () => {
    // A join that multiplies rows keeps DuckDB busy for long enough to interrupt it.
    const dir = tmp('cancel');
    writeFileSync(join(dir, 'n.csv'), `n\n${Array.from({ length: 3000 }, (_, i) => i).join('\n')}\n`);
    const doc = {
      format: 'duto.pipeline',
      version: 1,
      nodes: [
        { id: 'a', type: 'source.csv', params: { path: 'n.csv' } },
        {
          id: 'k',
          type: 'transform.derive',
          inputs: { in: 'a' },
          params: { columns: [{ name: 'k', expression: 'n % 2' }] },
        },
        {
          id: 'j1',
          type: 'transform.join',
          inputs: { left: 'k', right: 'k' },
          params: { keys: [{ left: 'k', right: 'k' }] },
        },
        {
          id: 'j2',
          type: 'transform.join',
          inputs: { left: 'j1', right: 'k' },
          params: { keys: [{ left: 'k', right: 'k' }] },
        },
        {
          id: 'total',
          type: 'transform.aggregate',
          inputs: { in: 'j2' },
          params: { measures: [{ function: 'sum', column: 'n', as: 's' }] },
        },
        { id: 'out', type: 'sink.csv', inputs: { in: 'total' }, params: { path: 'out.csv' } },
      ],
    };
    writeFileSync(join(dir, 'slow.duto.json'), JSON.stringify(doc));
    // Without the node cache the sink streams the whole join itself, so its temporary file marks the busy engine.
    const child = dutoAsync(['run', '--no-cache', join(dir, 'slow.duto.json')]);
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    // Interrupt once the sink's temporary file exists, i.e. DuckDB is executing (a fixed wait is flaky on a loaded machine).
    const started = Date.now();
    while (!readdirSync(dir).some((n) => n.startsWith('.duto-tmp-')) && Date.now() - started < 30_000) {
      await new Promise((r) => setTimeout(r, 25));
    }
    const t0 = Date.now();
    child.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    expect(code).toBe(130);
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(stderr).toContain('cancelling');
    expect(hasNoStack(stderr)).toBe(true);
    expect(existsSync(join(dir, 'out.csv'))).toBe(false);
  });
});

describe('duto validate', () => {
  it('a valid pipeline: exit 0', () => {
    const r = duto(['validate', ORDERS]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^valid: 8 nodes, 0 errors, 0 warnings$/m);
  });

  it('a broken pipeline: exit 2, each problem names its node and param', () => {
    const r = duto(['validate', broken()]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error \[paid_orders condition\] /m);
    expect(r.stderr).toMatch(/^error \[customers delimiter\] expected one character/m);
    expect(r.stdout).toMatch(/^invalid: 8 nodes, 2 errors/m);
    expect(hasNoStack(r.stderr)).toBe(true);
  });

  it('an unknown column: exit 2, names the node, the param and the column', () => {
    const file = variant('orders-report', (doc) => {
      const s = doc.nodes.find((n) => n.id === 'sorted');
      if (s?.params !== undefined) s.params['keys'] = [{ column: 'country' }, { column: 'no_such_column' }];
    });
    const r = duto(['validate', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error \[sorted keys\[1\]\.column\] .*no_such_column/m);
  });

  it('--json prints { ok, diagnostics }', () => {
    const r = duto(['validate', broken(), '--json']);
    expect(r.code).toBe(2);
    const v = JSON.parse(r.stdout);
    expect(v.ok).toBe(false);
    expect(v.diagnostics).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ severity: 'error', nodeId: 'paid_orders', param: 'condition' }),
        expect.objectContaining({
          severity: 'error',
          nodeId: 'customers',
          param: 'delimiter',
          path: 'nodes[1].params.delimiter',
        }),
      ]),
    );
  });

  it('a file that is not a pipeline: exit 2 with the place of the problem', () => {
    const dir = tmp('notjson');
    writeFileSync(join(dir, 'bad.duto.json'), '{ "format": "duto.pipeline", "version": 1, "nodes": [ }');
    const r = duto(['validate', join(dir, 'bad.duto.json'), '--json']);
    expect(r.code).toBe(2);
    const v = JSON.parse(r.stdout);
    expect(v.ok).toBe(false);
    expect(v.diagnostics[0]).toMatchObject({ code: 'document.json', line: 1 });
  });
});

describe('duto schema, preview, sql', () => {
  it('schema prints columns and types', () => {
    const r = duto(['schema', ORDERS, 'by_month']);
    expect(r.code).toBe(0);
    expect(
      r.stdout
        .split('\n')
        .filter((l) => l !== '')
        .map((l) => l.split(/\s+/)),
    ).toEqual([
      ['country', 'VARCHAR'],
      ['segment', 'VARCHAR'],
      ['month', 'TIMESTAMP'],
      ['orders', 'BIGINT'],
      ['revenue', 'DOUBLE'],
      ['avg_ticket', 'DOUBLE'],
    ]);
  });

  it('schema --json', () => {
    const r = duto(['schema', ORDERS, 'with_revenue', '--json']);
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s.nodeId).toBe('with_revenue');
    expect(s.columns.slice(-2)).toEqual([
      { name: 'revenue', type: 'DOUBLE' },
      { name: 'month', type: 'TIMESTAMP' },
    ]);
  });

  it('preview --limit --offset --json gives columns and rows', () => {
    const r = duto(['preview', ORDERS, 'sorted', '--limit', '3', '--offset', '1', '--json']);
    expect(r.code).toBe(0);
    const p = JSON.parse(r.stdout);
    expect(p.columns.map((c: { name: string }) => c.name)).toEqual([
      'country',
      'segment',
      'month',
      'orders',
      'revenue',
      'avg_ticket',
    ]);
    expect(p.rows).toHaveLength(3);
    expect(p.more).toBe(true);
    expect(p.offset).toBe(1);
    // The second row of the expected output (offset 1).
    const second = readFileSync(join(EX, 'orders-report', 'expected', 'orders-report.csv'), 'utf8')
      .split('\n')[2]
      ?.split(',');
    expect(p.rows[0].slice(0, 2)).toEqual(second?.slice(0, 2));
    expect(p.rows[0][3]).toBe(Number(second?.[3]));
  });

  it('preview prints a table of the first rows', () => {
    const r = duto(['preview', ORDERS, 'customers', '--limit', '2']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^customer_id \(BIGINT\)\s+name \(VARCHAR\)/);
    expect(lines).toHaveLength(5);
    expect(lines[2]).toContain('Customer 1, Ltd');
    expect(lines[4]).toBe('rows 1–2, more follow');
  });

  it('profile prints every column with its empty share, distinct count, range and mean', () => {
    const r = duto(['profile', ORDERS, 'customers']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toMatch(/^column\s+type\s+empty\s+distinct≈\s+min\s+max\s+mean$/);
    expect(r.stdout).toMatch(/^customer_id\s+BIGINT\s+0\.0 %\s+\d+\s+1\s+100\s+50\.5$/m);
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('100 rows');
    expect(JSON.parse(duto(['profile', ORDERS, 'customers', '--json']).stdout)).toMatchObject({
      nodeId: 'customers',
      rows: 100,
    });
  });

  it('stops quietly when its reader goes away (`duto preview … | head`): exit 0, no stack trace', async () => {
    const child = dutoAsync(['preview', ORDERS, 'orders', '--limit', '10000']);
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    // Read the first chunk, then close the pipe, as `head` does.
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    child.stdout.destroy();
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(0);
    expect(stderr).toBe('');
  });

  it('sql prints a script that plain DuckDB runs to the same result', async () => {
    const out = tmp('sql');
    const r = duto(['sql', pipeline('revenue-pivot'), '--param', `out_dir=${out}`]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('CREATE VIEW');
    await runScript(r.stdout);
    const file = 'revenue-by-segment.csv';
    expect(readFileSync(join(out, file), 'utf8')).toBe(
      readFileSync(join(EX, 'revenue-pivot', 'expected', file), 'utf8'),
    );
  });

  it("--memory-limit (the engine process's budget) and --threads reach DuckDB", () => {
    const dir = tmp('limits');
    writeFileSync(join(dir, 'in.csv'), 'a\n1\n');
    const file = join(dir, 'limits.duto.json');
    writeFileSync(
      file,
      JSON.stringify({
        format: 'duto.pipeline',
        version: 1,
        nodes: [
          { id: 'src', type: 'source.csv', params: { path: 'in.csv' } },
          {
            id: 'settings',
            type: 'transform.sql',
            inputs: { in: ['src'] },
            params: {
              query: "SELECT current_setting('memory_limit') AS m, current_setting('threads')::VARCHAR AS t FROM src",
            },
          },
        ],
      }),
    );
    const r = duto(['preview', file, 'settings', '--memory-limit', '2GB', '--threads', '1', '--json']);
    expect(r.stderr).toBe('');
    // 2GB is the process's budget: DuckDB gets it less 320 MiB (256 MiB + 64 MiB a thread) for what it does not count.
    expect(JSON.parse(r.stdout).rows).toEqual([['1.5 GiB', '1']]);
  });

  it('lineage names the sources of each output and the nodes between; --json has the columns', () => {
    const r = duto(['lineage', ORDERS]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^report → .*orders-report\.parquet\n {2}← orders \(.*orders\.csv\) via paid_orders, with_revenue, with_customer, by_month, sorted\n {2}← customers \(.*customers\.csv\) via with_customer, by_month, sorted\n$/,
    );
    const j = JSON.parse(duto(['lineage', ORDERS, '--json']).stdout);
    expect(
      j.datasets.find((d: { node: string }) => d.node === 'report').columns.map((c: { name: string }) => c.name),
    ).toEqual(['country', 'segment', 'month', 'orders', 'revenue', 'avg_ticket']);
  });

  it('docs prints Markdown: the flow as Mermaid, the parameters, and each node with its columns', () => {
    const r = duto(['docs', ORDERS]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('```mermaid\nflowchart LR');
    expect(r.stdout).toContain('n_sorted --> n_report');
    expect(r.stdout).toMatch(/\| `data_dir` \| `data` \|/);
    expect(r.stdout).toContain('<a id="node-report"></a>');
    expect(r.stdout).toMatch(
      /## Lineage\n\n\| Output \| Written to \| Made from \|\n\|---\|---\|---\|\n\| \[`report`\]\(#node-report\) \| `out\/orders-report\.parquet` \| \[`orders`\]\(#node-orders\) `data\/orders\.csv`<br>\[`customers`\]/,
    );
  });

  it('sql on a pipeline with errors: prints what compiles, the errors on stderr, exit 2', () => {
    const r = duto(['sql', broken()]);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('-- not compiled');
    expect(r.stderr).toMatch(/^error \[customers delimiter\] expected one character/m);
  });
});

describe('bad arguments: exit 2 and one line on stderr', () => {
  const cases: Array<[string, string[], RegExp]> = [
    ['no command', [], /usage|command/i],
    ['unknown command', ['frobnicate'], /unknown command 'frobnicate'/],
    ['unknown option', ['run', ORDERS, '--fast'], /unknown option '--fast'/],
    ['missing file argument', ['run'], /missing required argument 'files'/],
    ['extra argument', ['validate', ORDERS, 'extra'], /too many arguments/],
    ['--param without =', ['run', ORDERS, '--param', 'out_dir'], /expected name=value/],
    ['--param with a bad name', ['run', ORDERS, '--param', '9x=1'], /not a parameter name/],
    ['--param given twice', ['run', ORDERS, '--param', 'out_dir=a', '--param', 'out_dir=b'], /given twice/],
    [
      '--param not declared',
      ['run', ORDERS, '--param', 'speed=11'],
      /no parameter "speed" \(it declares data_dir, out_dir\)/,
    ],
    ['--limit 0', ['preview', ORDERS, 'orders', '--limit', '0'], /positive whole number/],
    ['--limit abc', ['preview', ORDERS, 'orders', '--limit', 'abc'], /positive whole number/],
    ['--limit -5', ['preview', ORDERS, 'orders', '--limit', '-5'], /positive whole number|unknown option/],
    ['--limit 2.5', ['preview', ORDERS, 'orders', '--limit', '2.5'], /positive whole number/],
    ['--offset -1', ['preview', ORDERS, 'orders', '--offset', 'x'], /0 or more/],
    [
      'unknown node (preview)',
      ['preview', ORDERS, 'nope'],
      /unknown node "nope"; the nodes are: orders, customers, paid_orders, with_revenue, with_customer, by_month, sorted, report/,
    ],
    ['unknown node (schema)', ['schema', ORDERS, 'nope'], /unknown node "nope"; the nodes are: orders, /],
    ['unknown node (--until)', ['run', ORDERS, '--until', 'nope'], /unknown node "nope"; the nodes are: orders, /],
    ['missing file', ['run', join(ROOT, 'no-such.duto.json')], /cannot read .*no-such\.duto\.json: no such file/],
    ['a folder', ['validate', EX], /cannot read .*: it is a folder/],
    [
      '--memory-limit without a unit',
      ['run', ORDERS, '--memory-limit', '4'],
      /expected a size such as 512MB, 4GB or 1.5GiB/,
    ],
    ['--memory-limit with a bad unit', ['run', ORDERS, '--memory-limit', '12XB'], /expected a size such as 512MB/],
    ['--threads 0', ['validate', ORDERS, '--threads', '0'], /positive whole number/],
  ];
  for (const [what, args, message] of cases) {
    it(what, () => {
      const r = duto(args);
      expect(r.code).toBe(2);
      const lines = r.stderr.trimEnd().split('\n');
      if (args.length > 0) expect(lines).toHaveLength(1);
      expect(r.stderr).toMatch(message);
      expect(hasNoStack(r.stderr)).toBe(true);
    });
  }

  it('--help and --version exit 0', () => {
    expect(duto(['--help']).code).toBe(0);
    const v = duto(['--version']);
    expect(v.code).toBe(0);
    expect(v.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });
});
