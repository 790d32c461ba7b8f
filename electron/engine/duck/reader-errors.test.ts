import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { str } from '../../../shared/sql/quote';
import { duck, freshDir, pipeline, sessionOpener } from '../test-support';
import { diagnoseDuckDBError } from './duckdb-errors';

/** Reader errors name the file and speak of the node's own options, never DuckDB's. */

const open = sessionOpener();
const DUCKDB_HINTS =
  /sample_size|ignore_errors|maximum_depth|union_by_name|auto_detect|store_rejects|Out of buffer|TProtocol/;

async function goodParquet(dir: string): Promise<Buffer> {
  const p = join(dir, 'good.parquet');
  await duck(`COPY (SELECT range AS i, md5(range::VARCHAR) AS s FROM range(10000)) TO ${str(p)} (FORMAT parquet)`);
  return readFileSync(p);
}

describe('a damaged Parquet file', () => {
  it('is named, and said not to be a readable Parquet file', async () => {
    const dir = freshDir();
    const good = await goodParquet(dir);
    const damaged = {
      'truncated.parquet': good.subarray(0, good.length - 200),
      'garbage.parquet': Buffer.concat([
        Buffer.from('PAR1'),
        Buffer.alloc(100, 7),
        Buffer.from([10, 0, 0, 0]),
        Buffer.from('PAR1'),
      ]),
      'cut-in-middle.parquet': Buffer.concat([good.subarray(0, 5000), good.subarray(good.length - 300)]),
      'zeroed.parquet': Buffer.from(good.map((b, i) => (i >= 4 && i < good.length - 2000 ? 0 : b))),
    };
    for (const [name, bytes] of Object.entries(damaged)) writeFileSync(join(dir, name), bytes);
    const s = await open(
      pipeline(
        ...Object.keys(damaged).map((name, i) => ({ id: `p${i}`, type: 'source.parquet', params: { path: name } })),
      ),
      dir,
    );
    const v = await s.validate();
    const errors = v.diagnostics.filter((d) => d.severity === 'error');
    const bound = new Set(errors.map((d) => d.nodeId));
    for (const [i, name] of Object.keys(damaged).entries()) {
      // A footer that reads may still hold broken pages: those fail on the preview.
      const d = bound.has(`p${i}`)
        ? errors.find((x) => x.nodeId === `p${i}`)
        : await s.preview(`p${i}`, 10).then(
            () => undefined,
            (e: unknown) =>
              (e as { diagnostics: Array<{ message: string; file?: string; nodeId?: string }> }).diagnostics[0],
          );
      expect(d, name).toMatchObject({ nodeId: `p${i}`, file: join(dir, name) });
      expect(d?.message, name).toContain(`${join(dir, name)} is not a readable Parquet file`);
    }
  });
});

describe('a JSON value unlike the sampled ones', () => {
  it('names the file and line, and speaks of Column types, not sample_size', async () => {
    const dir = freshDir();
    const rows = Array.from({ length: 30_000 }, (_, i) => `{"a":${i}}`);
    writeFileSync(join(dir, 'late.ndjson'), `${rows.join('\n')}\n{"a":"x"}\n`);
    const s = await open(
      pipeline(
        { id: 'src', type: 'source.json', params: { path: 'late.ndjson' } },
        { id: 'out', type: 'sink.parquet', inputs: { in: 'src' }, params: { path: 'out.parquet' } },
      ),
      dir,
    );
    const r = await s.run();
    expect(r.ok).toBe(false);
    const d = r.diagnostics.find((x) => x.severity === 'error');
    expect(d).toMatchObject({ nodeId: 'src', file: join(dir, 'late.ndjson'), line: 30_001 });
    expect(d?.message).toContain('Column types');
    expect(d?.message).not.toMatch(DUCKDB_HINTS);
  });
});

describe('an error in a JSON file read from its last-wins copy', () => {
  it("names the user's file, not the copy", async () => {
    const dir = freshDir();
    const rows = Array.from({ length: 30_000 }, (_, i) => `{"a":${i}}`);
    writeFileSync(join(dir, 'dup.ndjson'), `{"a":1,"a":2}\n${rows.join('\n')}\n{"a":"x"}\n`);
    const s = await open(
      pipeline(
        { id: 'src', type: 'source.json', params: { path: 'dup.ndjson' } },
        { id: 'out', type: 'sink.parquet', inputs: { in: 'src' }, params: { path: 'out.parquet' } },
      ),
      dir,
    );
    const r = await s.run();
    const d = r.diagnostics.find((x) => x.severity === 'error');
    expect(d).toMatchObject({ nodeId: 'src', file: join(dir, 'dup.ndjson') });
    expect(d?.message).toContain(join(dir, 'dup.ndjson'));
    expect(d?.message).not.toContain('duto-spill');
  });
});

describe('a malformed CSV read with bad rows failing the read', () => {
  it('names the file and line, without DuckDB option hints', async () => {
    const dir = freshDir();
    writeFileSync(join(dir, 'in.csv'), 'a,b\n1,2\n3,4,5\n6,7\n');
    const s = await open(
      pipeline(
        { id: 'src', type: 'source.csv', params: { path: 'in.csv', badRows: 'fail' } },
        { id: 'out', type: 'sink.parquet', inputs: { in: 'src' }, params: { path: 'out.parquet' } },
      ),
      dir,
    );
    const r = await s.run();
    const d = r.diagnostics.find((x) => x.severity === 'error');
    expect(d).toMatchObject({ nodeId: 'src', file: join(dir, 'in.csv'), line: 3 });
    expect(d?.message).not.toMatch(DUCKDB_HINTS);
    expect(d?.message).not.toMatch(/strict_mode|null_padding|ignore_errors/);
  });
});

describe('a Parquet file whose pages are damaged, in a run', () => {
  it('is named, on its source', async () => {
    const dir = freshDir();
    const good = await goodParquet(dir);
    writeFileSync(
      join(dir, 'zeroed.parquet'),
      Buffer.from(good.map((b, i) => (i >= 4 && i < good.length - 2000 ? 0 : b))),
    );
    const s = await open(
      pipeline(
        { id: 'src', type: 'source.parquet', params: { path: 'zeroed.parquet' } },
        { id: 'out', type: 'sink.csv', inputs: { in: 'src' }, params: { path: 'out.csv' } },
      ),
      dir,
    );
    const r = await s.run();
    const d = r.diagnostics.find((x) => x.severity === 'error');
    expect(d).toMatchObject({ nodeId: 'src', file: join(dir, 'zeroed.parquet') });
    expect(d?.message).toContain(`${join(dir, 'zeroed.parquet')} is not a readable Parquet file`);
  });
});

describe('text DuckDB cannot read, said with its line', () => {
  it('a Windows-1252 file and a file mixing CRLF and LF: the run and the preview name the file and the line', async () => {
    const dir = freshDir();
    writeFileSync(
      join(dir, 'cp1252.csv'),
      Buffer.concat([
        Buffer.from('id;nome\r\n1;Jo\xe3o\r\n2;', 'latin1'),
        Buffer.from([0x93, 0x61, 0x94]),
        Buffer.from('\r\n'),
      ]),
    );
    writeFileSync(join(dir, 'mixed.csv'), 'id,name\r\n1,a\r\n2,b\n3,c\r\n');
    for (const [name, code, line, says] of [
      ['cp1252.csv', 'source.malformed', 3, 'line 3 holds the byte 0x93'],
      ['mixed.csv', 'source.malformed', 3, 'its lines end in CRLF, but line 3 ends in LF'],
    ] as const) {
      const s = await open(
        pipeline(
          { id: 'src', type: 'source.csv', params: { path: name } },
          { id: 'out', type: 'sink.csv', inputs: { in: 'src' }, params: { path: `out-${name}` } },
        ),
        dir,
      );
      const ran = await s.run();
      expect(ran.ok).toBe(false);
      const d = ran.diagnostics.find((x) => x.severity === 'error');
      expect(d?.code).toBe(code);
      expect(d?.nodeId).toBe('src');
      expect(d?.line).toBe(line);
      expect(d?.file).toBe(join(dir, name));
      expect(d?.message).toContain(says);
      const preview = await s.preview('src', 10).then(
        () => undefined,
        (e: unknown) => String(e instanceof Error ? e.message : e),
      );
      expect(preview).toContain(says);
      s.close();
    }
  });
});

describe('a reader error naming a file the read was not of', () => {
  it('opens no file but those the read may be of (a query can raise any text, naming any file)', () => {
    const dir = freshDir();
    const secret = join(dir, 'elsewhere.csv');
    writeFileSync(secret, 'a\r\nb\nc\r\n');
    const own = join(dir, 'own.csv');
    writeFileSync(own, 'a\nb\n');
    for (const raw of [
      `Invalid Input Error: Error when sniffing file "${secret}".`,
      `Invalid Input Error: File is not latin-1 encoded — read_csv('${secret}')`,
    ]) {
      const d = diagnoseDuckDBError(new Error(raw), { nodeId: 'q', files: [own] });
      expect(d.line).toBeUndefined();
      expect(d.message).not.toContain('line 2');
    }
    // The same message about a file the read is of is located.
    const located = diagnoseDuckDBError(new Error(`Invalid Input Error: Error when sniffing file "${secret}".`), {
      nodeId: 'q',
      files: [secret],
    });
    expect(located.line).toBe(2);
  });
});
