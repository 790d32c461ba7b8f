import { DOMParser } from '@xmldom/xmldom';
import { describe, expect, it } from 'vitest';
import type { RunResult } from '../engine/api';
import { junitReport } from './junit';

const base: RunResult = { ok: true, cancelled: false, elapsedMs: 1500, nodes: {}, outputs: [], diagnostics: [] };

function parse(xml: string) {
  const doc = new DOMParser().parseFromString(xml, 'text/xml');
  const suite = doc.getElementsByTagName('testsuite')[0];
  const cases = Array.from(doc.getElementsByTagName('testcase')).map((c) => ({
    classname: c.getAttribute('classname'),
    name: c.getAttribute('name'),
    failure: c.getElementsByTagName('failure')[0]?.getAttribute('message') ?? null,
    error: c.getElementsByTagName('error')[0]?.getAttribute('message') ?? null,
  }));
  return {
    counts: [suite?.getAttribute('tests'), suite?.getAttribute('failures'), suite?.getAttribute('errors')],
    cases,
  };
}

describe('JUnit report', () => {
  it('has a case per check and output, a failure per failed node, and an error for the pipeline as a whole', () => {
    const r: RunResult = {
      ...base,
      ok: false,
      nodes: { out: { status: 'done', elapsedMs: 250 }, join: { status: 'failed', elapsedMs: 10 } },
      outputs: [{ nodeId: 'out', path: '/data/out.parquet', rows: 3 }],
      checks: [
        { nodeId: 'gate', param: 'checks[0].column', description: 'id is never empty', ok: true },
        {
          nodeId: 'gate',
          param: 'minRows',
          description: 'at least 10 rows',
          ok: false,
          message: 'check failed: at least 10 rows — there are 3',
        },
      ],
      diagnostics: [
        {
          severity: 'error',
          code: 'quality.failed',
          message: 'check failed: at least 10 rows — there are 3',
          nodeId: 'gate',
          param: 'minRows',
        },
        {
          severity: 'error',
          code: 'node.conversion',
          message: "Could not convert string 'x\u0001' to INT32",
          nodeId: 'join',
        },
        { severity: 'error', code: 'state.write', message: 'the state <file> & more could not be saved' },
        { severity: 'warning', code: 'node.unused', message: 'only a warning', nodeId: 'out' },
      ],
    };
    const { counts, cases } = parse(junitReport([{ file: '/p/orders.duto.json', result: r }]));
    expect(counts).toEqual(['5', '2', '1']);
    expect(cases).toEqual([
      { classname: 'orders.duto.json.gate', name: 'checks[0].column: id is never empty', failure: null, error: null },
      {
        classname: 'orders.duto.json.gate',
        name: 'minRows: at least 10 rows',
        failure: 'check failed: at least 10 rows — there are 3',
        error: null,
      },
      { classname: 'orders.duto.json.out', name: 'writes /data/out.parquet', failure: null, error: null },
      {
        classname: 'orders.duto.json.join',
        name: 'join',
        failure: "Could not convert string 'x' to INT32",
        error: null,
      },
      {
        classname: 'orders.duto.json',
        name: 'pipeline',
        failure: null,
        error: 'the state <file> & more could not be saved',
      },
    ]);
  });

  it('reports a cancelled run as an error', () => {
    const { counts, cases } = parse(
      junitReport([{ file: 'p.duto.json', result: { ...base, ok: false, cancelled: true } }]),
    );
    expect(counts).toEqual(['1', '0', '1']);
    expect(cases[0]?.error).toBe('the run was cancelled');
  });
});
