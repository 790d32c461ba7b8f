import { basename } from 'node:path';
import type { RunResult } from '../engine/api';

/**
 * A run as a JUnit XML report, the format CI systems (GitHub Actions,
 * GitLab, Jenkins) show as tests: one test suite for the pipeline, a test
 * case per data check and per output written; a node that failed is a
 * case with its <failure>; an error of the pipeline as a whole, or a
 * cancel, an <error> on a case for the pipeline itself.
 */

// eslint-disable-next-line no-control-regex
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

function xml(text: string): string {
  // Characters XML 1.0 cannot hold at all are dropped; the rest escaped.
  return text
    .replace(XML_INVALID, '')
    .replace(/[<>&"']/g, (c) => `&${{ '<': 'lt', '>': 'gt', '&': 'amp', '"': 'quot', "'": 'apos' }[c] ?? ''};`);
}

interface Case {
  classname: string;
  name: string;
  seconds: number;
  failure?: string;
  error?: string;
}

function caseXml(c: Case): string {
  const open = `    <testcase classname="${xml(c.classname)}" name="${xml(c.name)}" time="${c.seconds.toFixed(3)}"`;
  if (c.failure !== undefined)
    return `${open}>\n      <failure message="${xml(c.failure)}">${xml(c.failure)}</failure>\n    </testcase>`;
  if (c.error !== undefined)
    return `${open}>\n      <error message="${xml(c.error)}">${xml(c.error)}</error>\n    </testcase>`;
  return `${open}/>`;
}

/** One <testsuite> per pipeline run, in one report. */
export function junitReport(runs: ReadonlyArray<{ file: string; result: RunResult }>): string {
  const suites = runs.map(({ file, result }) => suiteOf(file, result));
  const sum = (f: (s: Suite) => number): number => suites.reduce((n, s) => n + f(s), 0);
  const seconds = (sum((s) => s.ms) / 1000).toFixed(3);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="duto" tests="${String(sum((s) => s.cases.length))}" failures="${String(sum((s) => s.failures))}" errors="${String(sum((s) => s.errors))}" time="${seconds}">`,
    ...suites.flatMap((s) => [
      `  <testsuite name="${xml(s.name)}" tests="${String(s.cases.length)}" failures="${String(s.failures)}" errors="${String(s.errors)}" skipped="0" time="${(s.ms / 1000).toFixed(3)}">`,
      ...s.cases.map(caseXml),
      '  </testsuite>',
    ]),
    '</testsuites>',
    '',
  ].join('\n');
}

interface Suite {
  name: string;
  ms: number;
  cases: Case[];
  failures: number;
  errors: number;
}

function suiteOf(pipelineFile: string, r: RunResult): Suite {
  const suite = basename(pipelineFile);
  const cases: Case[] = [];
  for (const c of r.checks ?? []) {
    cases.push({
      classname: `${suite}.${c.nodeId}`,
      name: `${c.param}: ${c.description}`,
      seconds: 0,
      ...(c.ok ? {} : { failure: c.message ?? 'failed' }),
    });
  }
  const seconds = (nodeId: string): number => (r.nodes[nodeId]?.elapsedMs ?? 0) / 1000;
  for (const o of r.outputs)
    cases.push({ classname: `${suite}.${o.nodeId}`, name: `writes ${o.path}`, seconds: seconds(o.nodeId) });
  // Rows set aside pass as a test (the run allowed them) that says how many; above a limit, the error below fails it.
  for (const rej of r.rejected ?? []) {
    const over = r.diagnostics.some(
      (d) => d.severity === 'error' && d.code === 'source.rejected' && d.nodeId === rej.nodeId,
    );
    if (!over)
      cases.push({
        classname: `${suite}.${rej.nodeId}`,
        name: `bad rows: ${String(rej.rows)} ${rej.rows === 1 ? 'row' : 'rows'} ${rej.policy === 'skip' ? 'skipped' : rej.policy === 'quarantine' ? 'set aside on Rejected rows' : 'set aside or skipped'}`,
        seconds: seconds(rej.nodeId),
      });
  }
  // Other errors, by node (a check's own failures are its cases above).
  const failed = new Map<string, string[]>();
  for (const d of r.diagnostics) {
    if (d.severity !== 'error' || d.code === 'quality.failed') continue;
    const key = d.nodeId ?? '';
    failed.set(key, [...(failed.get(key) ?? []), d.message]);
  }
  for (const [nodeId, messages] of failed) {
    if (nodeId === '')
      cases.push({ classname: suite, name: 'pipeline', seconds: r.elapsedMs / 1000, error: messages.join('\n') });
    else
      cases.push({
        classname: `${suite}.${nodeId}`,
        name: nodeId,
        seconds: seconds(nodeId),
        failure: messages.join('\n'),
      });
  }
  if (r.cancelled)
    cases.push({ classname: suite, name: 'pipeline', seconds: r.elapsedMs / 1000, error: 'the run was cancelled' });
  return {
    name: suite,
    ms: r.elapsedMs,
    cases,
    failures: cases.filter((c) => c.failure !== undefined).length,
    errors: cases.filter((c) => c.error !== undefined).length,
  };
}
