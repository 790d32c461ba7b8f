import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileDir, compileType } from '../../../test/compile-kit';
import { sinkReport } from './sink-report';

/* Compiles to the spec the engine's report writer follows (electron/engine/report/ writes real pages). */

describe('sink.report', () => {
  it('compiles its params into a report spec with an absolute path', () => {
    expect(
      compileType(sinkReport, {
        path: 'out/report.html',
        title: '  Sales ',
        charts: ['orders'],
        tables: ['orders', 'totals'],
        profiles: [],
      }),
    ).toEqual({
      report: {
        path: path.join(compileDir, 'out/report.html'),
        mode: 'overwrite',
        title: 'Sales',
        charts: ['orders'],
        tables: ['orders', 'totals'],
        tableRows: 20,
        profiles: [],
        checks: true,
        summary: true,
      },
    });
  });

  it('refuses a node named twice in one list, list', () => {
    expect(compileType(sinkReport, { path: 'r.html', tables: ['orders', 'orders'] })).toEqual({
      issues: [{ param: 'tables', message: 'names node orders twice' }],
    });
  });
});
