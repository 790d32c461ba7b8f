import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ProgressEvent } from '../api';
import { freshDir, pipeline, sessionOpener } from '../test-support';

/** Data checks (quality.checks) through the engine, on real files. */

const open = sessionOpener();

const CSV = [
  'id,email,status,qty,code',
  '1,a@x.io,paid,2,AB-0001',
  '2,,paid,1,AB-0002',
  '3,c@x.io,void,5,AB-0003',
  '3,d@x.io,paid,-4,bad',
  '5,e@x.io,refunded,3,AB-0005',
].join('\n');

type Check = Record<string, string | string[]>;

function checked(checks: Check[], extra: Record<string, string | number> = {}) {
  return pipeline(
    { id: 'orders', type: 'source.csv', params: { path: 'in.csv' } },
    { id: 'checks', type: 'quality.checks', inputs: { in: 'orders' }, params: { checks, ...extra } },
    { id: 'out', type: 'sink.csv', inputs: { in: 'checks' }, params: { path: 'out.csv' } },
  );
}

function dir(): string {
  const d = freshDir('duto-quality-');
  writeFileSync(join(d, 'in.csv'), `${CSV}\n`);
  writeFileSync(join(d, 'out.csv'), 'previous output');
  return d;
}

describe('data checks', () => {
  it('pass the rows through and let the run write when every check holds', async () => {
    const d = dir();
    const s = await open(
      checked(
        [
          { rule: 'not_null', column: 'id' },
          { rule: 'between', column: 'id', min: '1', max: '5' },
          { rule: 'in_set', column: 'status', values: ['paid', 'void', 'refunded'] },
        ],
        { minRows: 5 },
      ),
      d,
    );
    expect((await s.validate()).ok).toBe(true);
    expect((await s.preview('checks', 10)).rows).toHaveLength(5);
    const r = await s.run();
    expect(r.diagnostics).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.nodes['checks']).toMatchObject({ status: 'done', rows: 5 });
    expect(readFileSync(join(d, 'out.csv'), 'utf8').split('\n')).toHaveLength(7);
  });

  it('stop the run before any output is written, naming every failed check with counts and examples', async () => {
    const d = dir();
    const s = await open(
      checked(
        [
          { rule: 'not_null', column: 'email' },
          { rule: 'unique', columns: ['id'] },
          { rule: 'between', column: 'qty', min: '0' },
          { rule: 'in_set', column: 'status', values: ['paid', 'refunded'] },
          { rule: 'matches', column: 'code', pattern: '[A-Z]{2}-\\d{4}' },
          { rule: 'condition', condition: 'qty * 2 < 9' },
          { rule: 'not_null', column: 'status' },
        ],
        { maxRows: 4 },
      ),
      d,
    );
    const events: ProgressEvent[] = [];
    const r = await s.run({ onProgress: (e) => events.push(e) });
    expect(r.ok).toBe(false);
    expect(r.diagnostics.map((x) => [x.param, x.message])).toEqual([
      ['checks[0].column', 'check failed: email is never empty — 1 of 5 rows do not'],
      ['checks[1].columns', 'check failed: id is unique — 2 of 5 rows share their id with another, e.g. "3"'],
      ['checks[2].min', 'check failed: qty is at least 0 — 1 of 5 rows do not, e.g. "-4"'],
      ['checks[3].values', 'check failed: status is one of paid, refunded — 1 of 5 rows do not, e.g. "void"'],
      ['checks[4].pattern', 'check failed: code matches [A-Z]{2}-\\d{4} — 1 of 5 rows do not, e.g. "bad"'],
      [
        'checks[5].condition',
        "check failed: qty * 2 < 9 — 1 of 5 rows do not, e.g. \"{'id': 3, 'email': c@x.io, 'status': void, 'qty': 5, 'code': AB-0003}\"",
      ],
      ['maxRows', 'check failed: at most 4 rows — there are 5'],
    ]);
    expect(
      r.diagnostics.every((x) => x.severity === 'error' && x.nodeId === 'checks' && x.code === 'quality.failed'),
    ).toBe(true);
    expect(r.nodes).toMatchObject({
      orders: { status: 'done' },
      checks: { status: 'failed' },
      out: { status: 'skipped' },
    });
    expect(events.find((e) => e.nodeId === 'checks' && e.status === 'failed')?.diagnostic?.param).toBe(
      'checks[0].column',
    );
    expect(readFileSync(join(d, 'out.csv'), 'utf8')).toBe('previous output');
  });

  it('only warn when told to: the run writes, and the warnings are on the node', async () => {
    const d = dir();
    const s = await open(checked([{ rule: 'not_null', column: 'email' }], { onFailure: 'warn' }), d);
    const events: ProgressEvent[] = [];
    const r = await s.run({ onProgress: (e) => events.push(e) });
    expect(r.ok).toBe(true);
    expect(r.diagnostics).toEqual([
      {
        severity: 'warning',
        code: 'quality.failed',
        variant: 'rows',
        args: { check: 'email is never empty', bad: 1, rows: 5 },
        message: 'check failed: email is never empty — 1 of 5 rows do not',
        nodeId: 'checks',
        param: 'checks[0].column',
      },
    ]);
    expect(events.find((e) => e.nodeId === 'checks' && e.status === 'done')?.diagnostic?.severity).toBe('warning');
    expect(readFileSync(join(d, 'out.csv'), 'utf8')).not.toBe('previous output');
  });

  it('run in a whole run even when no sink is below them, and before a sink --until names', async () => {
    const d = dir();
    const leaf = pipeline(
      { id: 'orders', type: 'source.csv', params: { path: 'in.csv' } },
      { id: 'gate', type: 'quality.checks', inputs: { in: 'orders' }, params: { checks: [], minRows: 10 } },
      { id: 'out', type: 'sink.csv', inputs: { in: 'orders' }, params: { path: 'out.csv' } },
    );
    const s = await open(leaf, d);
    const whole = await s.run();
    expect(whole.ok).toBe(false);
    expect(whole.diagnostics[0]).toMatchObject({
      nodeId: 'gate',
      param: 'minRows',
      message: 'check failed: at least 10 rows — there are 5',
    });
    expect(readFileSync(join(d, 'out.csv'), 'utf8')).toBe('previous output');
    // `until` the sink: the check is not upstream of it, so it does not stand in the way.
    expect((await s.run({ until: 'out' })).ok).toBe(true);
  });

  it('refuse incomplete checks and unknown columns at design time, naming the param', async () => {
    const d = dir();
    const s = await open(
      checked([
        { rule: 'between', column: 'qty' },
        { rule: 'in_set', column: 'status', values: [] },
        { rule: 'not_null', column: 'nope' },
      ]),
      d,
    );
    const v = await s.validate();
    expect(v.ok).toBe(false);
    const mine = v.diagnostics.filter((x) => x.nodeId === 'checks').map((x) => [x.param, x.message]);
    expect(mine).toContainEqual(['checks[0].min', 'give a lowest or a highest value']);
    expect(mine).toContainEqual(['checks[1].values', 'list the allowed values']);
    expect(mine.some(([param, message]) => param === 'checks[2].column' && /nope/.test(message ?? ''))).toBe(true);
  });

  it('quote hostile column names, values and patterns: they are data, never SQL', async () => {
    const d = freshDir('duto-quality-naughty-');
    writeFileSync(join(d, 'in.csv'), `"we""ird col",v\n"x'); DROP TABLE t; --",1\nok,2\n`);
    const s = await open(
      pipeline(
        { id: 'src', type: 'source.csv', params: { path: 'in.csv' } },
        {
          id: 'checks',
          type: 'quality.checks',
          inputs: { in: 'src' },
          params: {
            checks: [
              { rule: 'in_set', column: 'we"ird col', values: ["x'); DROP TABLE t; --", 'ok'] },
              { rule: 'matches', column: 'we"ird col', pattern: "^[a-z']+$" },
            ],
            onFailure: 'warn',
          },
        },
      ),
      d,
    );
    const r = await s.run();
    expect(r.ok).toBe(true);
    expect(r.diagnostics.map((x) => x.message)).toEqual([
      `check failed: we"ird col matches ^[a-z']+$ — 1 of 2 rows do not, e.g. "x'); DROP TABLE t; --"`,
    ]);
  });

  it('show how they fare on the previewed rows while building, as warnings', async () => {
    const d = dir();
    const s = await open(
      checked([
        { rule: 'not_null', column: 'email' },
        { rule: 'not_null', column: 'id' },
      ]),
      d,
    );
    const p = await s.preview('checks', 2);
    expect(p.rows).toHaveLength(2);
    expect(p.checks).toEqual({
      rows: 5,
      failures: [
        {
          severity: 'warning',
          code: 'quality.failed',
          variant: 'rows',
          args: { check: 'email is never empty', bad: 1, rows: 5 },
          message: 'check failed: email is never empty — 1 of 5 rows do not',
          nodeId: 'checks',
          param: 'checks[0].column',
        },
      ],
    });
    expect((await s.preview('orders', 2)).checks).toBeUndefined();
    expect((await s.preview('checks', 2, 2)).checks).toBeUndefined();
  });

  it('each check has its own action: rows breaking a routed check go to the Failed rows port with the checks they broke, the rest go on', async () => {
    const d = dir();
    const doc = pipeline(
      { id: 'orders', type: 'source.csv', params: { path: 'in.csv' } },
      {
        id: 'checks',
        type: 'quality.checks',
        inputs: { in: 'orders' },
        params: {
          checks: [
            { rule: 'between', column: 'qty', min: '0', action: 'route' },
            { rule: 'unique', columns: ['id'], action: 'route' },
            { rule: 'not_null', column: 'email', action: 'warn' },
            { rule: 'not_null', column: 'id', action: 'fail' },
          ],
        },
      },
      { id: 'good', type: 'sink.csv', inputs: { in: 'checks' }, params: { path: 'out.csv' } },
      { id: 'bad', type: 'sink.csv', inputs: { in: 'checks.failed' }, params: { path: 'failed.csv' } },
    );
    const s = await open(doc, d);
    expect((await s.validate()).ok).toBe(true);
    expect((await s.schema('checks.failed')).columns.map((c) => c.name)).toEqual([
      'id',
      'email',
      'status',
      'qty',
      'code',
      'failed_check',
    ]);
    const r = await s.run();
    expect(r.ok).toBe(true);
    expect(readFileSync(join(d, 'out.csv'), 'utf8').trim().split('\n').sort()).toEqual([
      '1,a@x.io,paid,2,AB-0001',
      '2,,paid,1,AB-0002',
      '5,e@x.io,refunded,3,AB-0005',
      'id,email,status,qty,code',
    ]);
    expect(readFileSync(join(d, 'failed.csv'), 'utf8').trim().split('\n').sort()).toEqual([
      '3,c@x.io,void,5,AB-0003,id is unique',
      '3,d@x.io,paid,-4,bad,qty is at least 0; id is unique',
      'id,email,status,qty,code,failed_check',
    ]);
    expect(r.diagnostics.map((x) => [x.severity, x.code, x.message])).toEqual([
      [
        'warning',
        'quality.routed',
        '1 row set aside on Failed rows: qty is at least 0 — 1 of 5 rows do not, e.g. "-4"',
      ],
      [
        'warning',
        'quality.routed',
        '2 rows set aside on Failed rows: id is unique — 2 of 5 rows share their id with another, e.g. "3"',
      ],
      ['warning', 'quality.failed', 'check failed: email is never empty — 1 of 5 rows do not'],
    ]);
    // Set aside as asked is not a failed check (JUnit, exit code); a check that stops the run still does.
    expect((r.checks ?? []).filter((c) => !c.ok)).toEqual([expect.objectContaining({ param: 'checks[2].column' })]);
    writeFileSync(join(d, 'in.csv'), `${CSV}\n,z@x.io,paid,1,AB-0009\n`);
    const again = await (await open(doc, d)).run();
    expect(again.ok).toBe(false);
    expect(again.diagnostics.find((x) => x.severity === 'error')?.message).toBe(
      'check failed: id is never empty — 1 of 6 rows do not',
    );
  });

  it('a routed check keeps hostile names and values data: the Failed rows port holds the row and the check, nothing else runs', async () => {
    const d = freshDir('duto-quality-route-naughty-');
    const value = "x'); COPY (SELECT 1) TO 'pwn.csv'; --";
    writeFileSync(join(d, 'in.csv'), `"we""ird col",v\n"${value.replace(/"/g, '""')}",1\nok,2\n`);
    const s = await open(
      pipeline(
        { id: 'src', type: 'source.csv', params: { path: 'in.csv' } },
        {
          id: 'checks',
          type: 'quality.checks',
          inputs: { in: 'src' },
          params: { checks: [{ rule: 'in_set', column: 'we"ird col', values: ['ok'], action: 'route' }] },
        },
        { id: 'bad', type: 'sink.csv', inputs: { in: 'checks.failed' }, params: { path: 'failed.csv' } },
      ),
      d,
    );
    const r = await s.run();
    expect(r.ok).toBe(true);
    expect(readFileSync(join(d, 'failed.csv'), 'utf8').trim().split('\n')).toEqual([
      '"we""ird col",v,failed_check',
      `${value},1,"we""ird col is one of ok"`,
    ]);
    expect(readdirSync(d).sort()).toEqual(['failed.csv', 'in.csv']);
  });
});
