import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diagnosticText } from '../../../../shared/diagnostics';
import type { ProgressEvent } from '../../api';
import { freshDir, sessionOpener } from '../../test-support';
import { doc } from '../test-databases';
import { writeZip, workbookParts } from './test-packages';

/*
 * Error cells through the engine: validate warns of those in the rows a
 * schema reads, a run of all of them (on the node's progress and in its
 * result); the rows holding them are written, with NULL in their place.
 */

const open = sessionOpener();

function errorBook(dir: string): string {
  const rows = Array.from({ length: 30 }, (_, i) => {
    const r = i + 2;
    // Every tenth row holds only errors; every other row has a #DIV/0! in b.
    if (r % 10 === 0)
      return `<row r="${String(r)}"><c r="A${String(r)}" t="e"><v>#N/A</v></c><c r="B${String(r)}" t="e"><v>#REF!</v></c></row>`;
    const b =
      r % 2 === 0
        ? `<c r="B${String(r)}" t="e"><f>1/0</f><v>#DIV/0!</v></c>`
        : `<c r="B${String(r)}"><f>A${String(r)}*2</f><v>${String(r * 2)}</v></c>`;
    return `<row r="${String(r)}"><c r="A${String(r)}"><v>${String(r)}</v></c>${b}</row>`;
  }).join('');
  writeZip(
    join(dir, 'book.xlsx'),
    workbookParts(
      `<row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c><c r="B1" t="inlineStr"><is><t>b</t></is></c></row>${rows}`,
    ),
  );
  return join(dir, 'book.xlsx');
}

describe('Excel error cells through the engine', () => {
  it('validate warns of the error cells in the rows it read; a run of all of them, and writes their rows with NULLs', async () => {
    const dir = freshDir('duto-excel-warn-');
    const path = errorBook(dir);
    const s = await open(
      doc(
        { id: 'book', type: 'source.excel', params: { path: 'book.xlsx', inferRows: 5, badRows: 'fail' } },
        { id: 'out', type: 'sink.csv', inputs: { in: 'book' }, params: { path: 'out.csv' } },
      ),
      dir,
    );
    const v = await s.validate();
    expect(v.ok).toBe(true);
    expect(v.diagnostics).toEqual([
      {
        severity: 'warning',
        code: 'excel.error-cells',
        nodeId: 'book',
        param: 'path',
        file: path,
        message: `sheet "Data" of ${path} has 3 error cells in the rows read to infer types, read as NULL: B2 (#DIV/0!), B4 (#DIV/0!), B6 (#DIV/0!)`,
        variant: 'many-sample',
        args: { sheet: 'Data', file: path, count: 3, cells: 'B2 (#DIV/0!), B4 (#DIV/0!), B6 (#DIV/0!)' },
      },
    ]);
    const [sampled] = v.diagnostics;
    expect(sampled && diagnosticText(sampled, 'pt-BR')).toBe(
      `a aba "Data" de ${path} tem 3 células com erro nas linhas lidas para inferir os tipos, lidas como NULL: B2 (#DIV/0!), B4 (#DIV/0!), B6 (#DIV/0!)`,
    );

    const events: ProgressEvent[] = [];
    const r = await s.run({ onProgress: (e) => events.push(e) });
    expect(r.ok).toBe(true);
    const all = `sheet "Data" of ${path} has 18 error cells, read as NULL: B2 (#DIV/0!), B4 (#DIV/0!), B6 (#DIV/0!), B8 (#DIV/0!), A10 (#N/A), and 13 more`;
    expect(r.diagnostics).toMatchObject([
      { severity: 'warning', code: 'excel.error-cells', nodeId: 'book', param: 'path', file: path, message: all },
    ]);
    const [ran] = r.diagnostics;
    expect(ran && diagnosticText(ran, 'pt-BR')).toBe(
      `a aba "Data" de ${path} tem 18 células com erro, lidas como NULL: B2 (#DIV/0!), B4 (#DIV/0!), B6 (#DIV/0!), B8 (#DIV/0!), A10 (#N/A) e mais 13`,
    );
    expect(events.find((e) => e.nodeId === 'book' && e.status === 'done')?.diagnostic?.message).toBe(all);
    // 30 rows: the three holding only errors are kept, all NULL.
    const lines = readFileSync(join(dir, 'out.csv'), 'utf8').trim().split('\n');
    expect(lines).toHaveLength(31);
    expect(lines.slice(0, 5)).toEqual(['a,b', '2,', '3,6', '4,', '5,10']);
    expect(lines[9]).toBe(',');
  });
});
