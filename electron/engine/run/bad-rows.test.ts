import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { JsonValue } from '../../../shared/format/json';
import { freshDir, pipeline, sessionOpener } from '../test-support';

/** Bad rows are data (issue #9): set aside with their line and reason, skipped and counted, or failing the run — never lost silently. */

const open = sessionOpener();
const BAD = 'id,name,amount\n1,ann,10\n2,"bo"b,20\n3,cy\n4,dee,40,extra\n5,ed,x5\n6,fi,60\n';

function project(text = BAD): string {
  const dir = freshDir('duto-badrows-');
  writeFileSync(join(dir, 'in.csv'), text);
  return dir;
}

const source = (params: Record<string, JsonValue> = {}) => ({
  id: 'src',
  type: 'source.csv',
  params: { path: 'in.csv', ...params },
});

describe('bad rows', () => {
  it('quarantine (the default): good rows flow on, bad ones come out of the rejected port with line, text and reason', async () => {
    const dir = project();
    const doc = pipeline(
      source(),
      { id: 'good', type: 'sink.csv', inputs: { in: 'src' }, params: { path: 'good.csv' } },
      { id: 'bad', type: 'sink.csv', inputs: { in: 'src.rejected' }, params: { path: 'rejected.csv' } },
    );
    const s = await open(doc, dir);
    expect((await s.validate()).ok).toBe(true);
    // `x5` among numbers: the column stays text, so no value is lost (typing keeps values).
    expect((await s.preview('src', 10)).rows).toEqual([
      [1, 'ann', '10'],
      [5, 'ed', 'x5'],
      [6, 'fi', '60'],
    ]);
    const rej = await s.preview('src.rejected', 10);
    expect(rej.columns.map((c) => c.name)).toEqual(['file', 'line', 'column', 'error', 'raw_line', 'reason']);
    expect(rej.rows.map((r) => [r[1], r[3], r[4]])).toEqual([
      [3, 'UNQUOTED VALUE', '2,"bo"b,20'],
      [4, 'MISSING COLUMNS', '3,cy'],
      [5, 'TOO MANY COLUMNS', '4,dee,40,extra'],
    ]);
    const r = await s.run();
    expect(r.ok).toBe(true);
    expect(r.rejected).toEqual([{ nodeId: 'src', rows: 3, policy: 'quarantine' }]);
    expect(r.diagnostics.find((d) => d.code === 'source.rejected')).toMatchObject({
      severity: 'warning',
      nodeId: 'src',
      message: expect.stringMatching(/^3 of 6 rows set aside .*line 3/),
    });
    expect(readFileSync(join(dir, 'good.csv'), 'utf8')).toBe('id,name,amount\n1,ann,10\n5,ed,x5\n6,fi,60\n');
    const rejected = readFileSync(join(dir, 'rejected.csv'), 'utf8').trim().split('\n');
    expect(rejected).toHaveLength(4);
    expect(rejected[1]).toContain(',3,');
  });

  it('skip: bad rows are left out, and counted', async () => {
    const dir = project();
    const s = await open(
      pipeline(source({ badRows: 'skip' }), {
        id: 'good',
        type: 'sink.csv',
        inputs: { in: 'src' },
        params: { path: 'good.csv' },
      }),
      dir,
    );
    const r = await s.run();
    expect(r.ok).toBe(true);
    expect(r.rejected).toEqual([{ nodeId: 'src', rows: 3, policy: 'skip' }]);
    expect(r.diagnostics.find((d) => d.code === 'source.rejected')?.message).toMatch(/^3 of 6 rows skipped/);
  });

  it('a node reading the rejected rows of a source that skips them is in error when checked, naming the source and the port', async () => {
    const dir = project();
    const s = await open(
      pipeline(
        source({ badRows: 'skip' }),
        { id: 'good', type: 'sink.csv', inputs: { in: 'src' }, params: { path: 'good.csv' } },
        { id: 'bad', type: 'sink.csv', inputs: { in: 'src.rejected' }, params: { path: 'rejected.csv' } },
      ),
      dir,
    );
    const v = await s.validate();
    expect(v.ok).toBe(false);
    expect(v.diagnostics.find((d) => d.nodeId === 'bad')).toMatchObject({
      severity: 'error',
      code: 'node.unknown-output',
      message:
        'input "Rows" reads "src.rejected", but CSV file gives no "rejected" rows with its settings (a source gives its rejected rows only when it sets bad rows aside)',
    });
    expect((await s.run()).ok).toBe(false);
    expect(existsSync(join(dir, 'rejected.csv'))).toBe(false);
  });

  it('fail: the run stops at the first bad row, naming its line, and writes nothing', async () => {
    const dir = project();
    const s = await open(
      pipeline(source({ badRows: 'fail' }), {
        id: 'good',
        type: 'sink.csv',
        inputs: { in: 'src' },
        params: { path: 'good.csv' },
      }),
      dir,
    );
    const r = await s.run();
    expect(r.ok).toBe(false);
    expect(JSON.stringify(r.diagnostics)).toMatch(/line 3|Line: 3/i);
    expect(existsSync(join(dir, 'good.csv'))).toBe(false);
  });

  it('a limit on rejected rows fails the run before the output replaces its target', async () => {
    const dir = project();
    writeFileSync(join(dir, 'good.csv'), 'previous\n');
    for (const limits of [{ maxRejected: 2 }, { maxRejectedPercent: 40 }] as Array<Record<string, number>>) {
      const s = await open(
        pipeline(source(limits), { id: 'good', type: 'sink.csv', inputs: { in: 'src' }, params: { path: 'good.csv' } }),
        dir,
      );
      const r = await s.run({ force: true });
      expect(r.ok).toBe(false);
      expect(r.diagnostics.find((d) => d.code === 'source.rejected')).toMatchObject({
        severity: 'error',
        nodeId: 'src',
        param: Object.keys(limits)[0],
      });
      expect(readFileSync(join(dir, 'good.csv'), 'utf8')).toBe('previous\n');
    }
  });

  it('every row rejected is an error, never an empty output with exit 0', async () => {
    // A header with one separator too many: every row then has a column missing.
    // (Left to detection, the table would start below that header: it is given here.)
    const dir = project('id,name,amount,\n1,ann,10\n2,bob,20\n');
    const s = await open(
      pipeline(source({ badRows: 'skip', header: true, skipRows: 0 }), {
        id: 'good',
        type: 'sink.csv',
        inputs: { in: 'src' },
        params: { path: 'good.csv' },
      }),
      dir,
    );
    const r = await s.run();
    expect(r.ok).toBe(false);
    expect(r.diagnostics.find((d) => d.code === 'source.rejected')?.message).toMatch(/every row was rejected/);
    expect(existsSync(join(dir, 'good.csv'))).toBe(false);
  });

  it('rows set aside for a value that does not convert count once: every row rejected fails, a limit holds', async () => {
    // Every amount fails its given type (a CAST reject): all three rows, of three.
    const all = project('id,amount\n1,abc\n2,def\n3,ghi\n');
    const sink = { id: 'good', type: 'sink.csv', inputs: { in: 'src' }, params: { path: 'good.csv' } };
    const typed = { columnTypes: [{ column: 'amount', type: 'DOUBLE' }] };
    const r = await (await open(pipeline(source({ badRows: 'skip', ...typed }), sink), all)).run();
    expect(r.ok).toBe(false);
    expect(r.diagnostics.find((d) => d.code === 'source.rejected')?.message).toMatch(/every row was rejected/);
    expect(existsSync(join(all, 'good.csv'))).toBe(false);
    // Three of four (75 %) over a 50 % limit: counted as 3 of 7 (43 %) before, and let through.
    const most = project('id,amount\n1,abc\n2,def\n3,ghi\n4,5\n');
    const limited = await open(pipeline(source({ ...typed, maxRejectedPercent: 50 }), sink), most);
    const l = await limited.run();
    expect(l.ok).toBe(false);
    expect(l.diagnostics.find((d) => d.code === 'source.rejected')).toMatchObject({
      severity: 'error',
      param: 'maxRejectedPercent',
      message: expect.stringMatching(/3 of 4 rows/),
    });
  });

  it('a value that does not fit a type the user gave is set aside too (CAST), with its column', async () => {
    const dir = project();
    const s = await open(pipeline(source({ columnTypes: [{ column: 'amount', type: 'BIGINT' }] })), dir);
    expect((await s.preview('src', 10)).rows).toEqual([
      [1, 'ann', 10],
      [6, 'fi', 60],
    ]);
    const rej = await s.preview('src.rejected', 10);
    expect(rej.rows.find((r) => r[3] === 'CAST')).toEqual([
      join(dir, 'in.csv'),
      6,
      'amount',
      'CAST',
      '5,ed,x5',
      expect.stringContaining('x5'),
    ]);
  });

  it('typing keeps values: leading zeros, long digit strings and signed numbers stay text', async () => {
    const dir = project(
      'cep,cpf,phone,qty,price\n01310100,00012345678,+5511999990000,3,1.50\n20040002,98765432100,+5521988887777,4,2.25\n',
    );
    const s = await open(pipeline(source()), dir);
    const p = await s.preview('src', 10);
    expect(p.columns.map((c) => `${c.name}:${c.type}`)).toEqual([
      'cep:VARCHAR',
      'cpf:VARCHAR',
      'phone:VARCHAR',
      'qty:BIGINT',
      'price:DOUBLE',
    ]);
    expect(p.rows[0]).toEqual(['01310100', '00012345678', '+5511999990000', 3, 1.5]);
  });

  it('comment lines above the header and among the rows: the header and every row read, as DuckDB skips comments', async () => {
    for (const text of [
      '# exported by tool\n# version 3\nid,name,amount\n1,Ana,10.5\n# a comment in the middle\n2,Bia,7\n3,Caio,3.25\n',
      '# c\n\ntitle line\n# c2\nid,name,amount\n1,Ana,10.5\n# mid\n2,Bia,7\n3,Caio,3.25\n',
    ]) {
      const s = await open(pipeline(source()), project(text));
      const p = await s.preview('src', 10);
      expect(p.columns.map((c) => `${c.name}:${c.type}`)).toEqual(['id:BIGINT', 'name:VARCHAR', 'amount:DOUBLE']);
      expect(p.rows).toEqual([
        [1, 'Ana', 10.5],
        [2, 'Bia', 7],
        [3, 'Caio', 3.25],
      ]);
    }
  });

  it('dates with two-digit years are read day first when a day says so, never as year first', async () => {
    const dir = project(
      'id;data;quando\n1;05/03/24;05/03/24 09:15\n2;28/02/24;28/02/24 18:00\n3;31/12/23;31/12/23 23:59\n',
    );
    const p = await (await open(pipeline(source()), dir)).preview('src', 10);
    expect(p.columns.map((c) => `${c.name}:${c.type}`)).toEqual(['id:BIGINT', 'data:DATE', 'quando:TIMESTAMP']);
    expect(p.rows.map((r) => [String(r[1]), String(r[2])])).toEqual([
      ['2024-03-05', '2024-03-05T09:15:00'],
      ['2024-02-28', '2024-02-28T18:00:00'],
      ['2023-12-31', '2023-12-31T23:59:00'],
    ]);
  });

  it('a UTF-8 file with one Latin-1 line: every other line read with its accents, that one set aside', async () => {
    const utf8 = Array.from({ length: 49 }, (_, i) => `${String(i + 1)};João;São Paulo\n`).join('');
    const dir = project('');
    writeFileSync(
      join(dir, 'in.csv'),
      Buffer.concat([Buffer.from(`id;nome;cidade\n${utf8}`), Buffer.from('50;José;Brasília\n', 'latin1')]),
    );
    const s = await open(pipeline(source()), dir);
    const p = await s.preview('src', 100);
    expect(p.rows).toHaveLength(49);
    expect(p.rows.every((r) => r[1] === 'João' && r[2] === 'São Paulo')).toBe(true);
    const rejected = await s.preview('src.rejected', 10);
    expect(rejected.rows.map((r) => r[1])).toEqual([51]);
  });

  it('a value with the thousands separator out of its groups keeps its column text: never rescaled (7.5 as 75)', async () => {
    const dir = project('produto;preco;qtd\nArroz;1.234,56;1.000\nFeijao;8,99;2\nOleo;7.5;3\n');
    // The separator given, as a user would: the sample shows `7.5` does not fit it.
    const s = await open(pipeline(source({ delimiter: ';', decimal: ',', thousands: '.' })), dir);
    const p = await s.preview('src', 10);
    expect(p.columns.map((c) => `${c.name}:${c.type}`)).toEqual(['produto:VARCHAR', 'preco:VARCHAR', 'qtd:BIGINT']);
    expect(p.rows.map((r) => r[1])).toEqual(['1.234,56', '8,99', '7.5']);
    expect(p.rows.map((r) => r[2])).toEqual([1000, 2, 3]);
  });
});
