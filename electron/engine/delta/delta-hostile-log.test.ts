import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DutoError } from '../../../shared/diagnostics';
import type { ErrorCode } from '../../../shared/error-codes';
import { str } from '../../../shared/sql/quote';
import { freshDir } from '../test-support';
import { snapshotSql } from './delta-read-sql';
import { loadSnapshot } from './delta-snapshot';

let instance: DuckDBInstance;
let conn: DuckDBConnection;
beforeAll(async () => {
  instance = await DuckDBInstance.create(':memory:');
  conn = await instance.connect();
});
afterAll(() => {
  conn.closeSync();
  instance.closeSync();
});

const SCHEMA = JSON.stringify({ type: 'struct', fields: [{ name: 'id', type: 'long', nullable: true, metadata: {} }] });
const protocol = (extra: Record<string, unknown> = {}) => ({
  protocol: { minReaderVersion: 1, minWriterVersion: 2, ...extra },
});
const metaData = {
  metaData: {
    id: 'x',
    format: { provider: 'parquet', options: {} },
    schemaString: SCHEMA,
    partitionColumns: [],
    configuration: {},
  },
};

/** A table folder with one data file (ids 0..2) and these commits, each a list of actions. */
async function table(commits: unknown[][]): Promise<string> {
  const dir = freshDir('duto-delta-');
  mkdirSync(join(dir, '_delta_log'));
  await conn.run(`COPY (SELECT range AS id FROM range(3)) TO ${str(join(dir, 'a.parquet'))} (FORMAT parquet)`);
  commits.forEach((actions, v) =>
    writeFileSync(
      join(dir, '_delta_log', `${String(v).padStart(20, '0')}.json`),
      actions.map((a) => JSON.stringify(a)).join('\n') + '\n',
    ),
  );
  return dir;
}
const add = (path: string, extra: Record<string, unknown> = {}) => ({
  add: { path, partitionValues: {}, size: 1, modificationTime: 0, dataChange: true, ...extra },
});

async function refusal(
  dir: string,
): Promise<{ code: ErrorCode | undefined; message: string; line: number | undefined }> {
  try {
    await loadSnapshot(conn, dir);
  } catch (e) {
    if (e instanceof DutoError)
      return { code: e.diagnostics[0]?.code, message: e.message, line: e.diagnostics[0]?.line };
    throw e;
  }
  throw new Error('the table was read');
}

describe('a hostile or broken log is refused with a named error', () => {
  it('reads the well-formed table (the control)', async () => {
    const s = await loadSnapshot(conn, await table([[protocol(), metaData, add('a.parquet')]]));
    const r = await conn.runAndReadAll(`SELECT count(*) FROM (${snapshotSql(s)})`);
    expect(r.getRowsJson()[0]?.[0]).toBe('3');
  });

  it.each([
    '/etc/passwd',
    '../outside.parquet',
    'sub/../../outside.parquet',
    'file:///etc/passwd',
    's3://bucket/x.parquet',
    '%2Fetc%2Fpasswd',
    '..%2Foutside.parquet',
    'C:\\x.parquet',
  ])('refuses an add of "%s" (outside the table folder)', async (path) => {
    const r = await refusal(await table([[protocol(), metaData, add(path)]]));
    expect(r.code).toBe('delta.path');
  });

  it('refuses a log file, or the log folder, that is a link (it could reach outside the table), never reading it', async () => {
    const outside = join(freshDir('duto-delta-outside-'), 'notes.txt');
    writeFileSync(outside, 'TOP SECRET\n');
    for (const name of ['00000000000000000001.json', '_last_checkpoint']) {
      const dir = await table([[protocol(), metaData, add('a.parquet')]]);
      symlinkSync(outside, join(dir, '_delta_log', name));
      const r = await refusal(dir);
      expect(r.code).toBe('delta.malformed');
      expect(r.message).toContain(
        `malformed Delta log: ${join(dir, '_delta_log', name)} is a link (a Delta log holds its own files, and a link can reach outside the table)`,
      );
      expect(r.message).not.toContain('TOP SECRET');
    }
    // The whole log linked to another table's.
    const other = await table([[protocol(), metaData, add('a.parquet')]]);
    const dir = freshDir('duto-delta-');
    symlinkSync(join(other, '_delta_log'), join(dir, '_delta_log'));
    expect((await refusal(dir)).message).toContain(`${join(dir, '_delta_log')} is a link`);
  });

  it('names the file and line of malformed JSON', async () => {
    const dir = await table([[protocol(), metaData], [add('a.parquet')]]);
    writeFileSync(
      join(dir, '_delta_log', '00000000000000000001.json'),
      `${JSON.stringify(add('a.parquet'))}\n{"add": {"path": "b.parq`,
    );
    const r = await refusal(dir);
    expect(r).toMatchObject({ code: 'delta.malformed', line: 2 });
    expect(r.message).toContain('00000000000000000001.json line 2');
  });

  it('refuses an action that is JSON but not a valid action (zod), naming its field', async () => {
    const r = await refusal(await table([[protocol(), metaData, { add: { path: 'a.parquet', size: 'big' } }]]));
    expect(r.code).toBe('delta.malformed');
    expect(r.message).toContain('add.size');
  });

  it('refuses an unknown reader feature by name, and a reader version past 3', async () => {
    const r = await refusal(
      await table([
        [
          protocol({ minReaderVersion: 3, minWriterVersion: 7, readerFeatures: ['futureFeature'], writerFeatures: [] }),
          metaData,
          add('a.parquet'),
        ],
      ]),
    );
    expect(r.code).toBe('delta.feature');
    expect(r.message).toContain('futureFeature');
    expect((await refusal(await table([[protocol({ minReaderVersion: 4 }), metaData, add('a.parquet')]]))).code).toBe(
      'delta.reader-version',
    );
  });

  it('refuses a file with a deletion vector, but reads a table that only allows them', async () => {
    const dv = protocol({
      minReaderVersion: 3,
      minWriterVersion: 7,
      readerFeatures: ['deletionVectors'],
      writerFeatures: ['deletionVectors'],
    });
    const r = await refusal(
      await table([
        [
          dv,
          metaData,
          add('a.parquet', {
            deletionVector: { storageType: 'u', pathOrInlineDv: 'ab', offset: 1, sizeInBytes: 36, cardinality: 1 },
          }),
        ],
      ]),
    );
    expect(r.code).toBe('delta.feature');
    expect(r.message).toContain('deletionVectors');
    expect((await loadSnapshot(conn, await table([[dv, metaData, add('a.parquet')]]))).files).toHaveLength(1);
  });

  it('refuses a log with a missing commit, a _last_checkpoint ahead of the log, and a folder without a log', async () => {
    const gap = await table([[protocol(), metaData, add('a.parquet')], [], []]);
    rmSync(join(gap, '_delta_log', '00000000000000000001.json'));
    expect((await refusal(gap)).code).toBe('delta.log-gap');
    const ahead = await table([[protocol(), metaData, add('a.parquet')]]);
    writeFileSync(join(ahead, '_delta_log', '_last_checkpoint'), JSON.stringify({ version: 99, size: 3 }));
    expect((await refusal(ahead)).code).toBe('delta.checkpoint');
    expect((await refusal(freshDir('duto-delta-'))).code).toBe('delta.not-a-table');
  });

  it('refuses a missing version and a time before the first commit, and travels to the version at a time', async () => {
    const dir = await table([
      [{ commitInfo: { timestamp: 1000 } }, protocol(), metaData, add('a.parquet')],
      [
        { commitInfo: { timestamp: 2000 } },
        { remove: { path: 'a.parquet', deletionTimestamp: 2000, dataChange: true } },
      ],
    ]);
    expect((await loadSnapshot(conn, dir)).files).toHaveLength(0);
    expect((await loadSnapshot(conn, dir, { kind: 'timestamp', at: 1500 })).version).toBe(0);
    expect((await loadSnapshot(conn, dir, { kind: 'timestamp', at: 2000 })).version).toBe(1);
    await expect(loadSnapshot(conn, dir, { kind: 'timestamp', at: 999 })).rejects.toSatisfy(
      (e) => e instanceof DutoError && e.diagnostics[0]?.code === 'delta.timestamp',
    );
    await expect(loadSnapshot(conn, dir, { kind: 'version', version: 5 })).rejects.toSatisfy(
      (e) => e instanceof DutoError && e.diagnostics[0]?.code === 'delta.version',
    );
  });

  it('reads a log whose first metaData has no schema when a later one gives it (Delta Live Tables), and refuses one where none does', async () => {
    const bare: Record<string, unknown> = { ...metaData.metaData };
    delete bare['schemaString'];
    const completed = await table([
      [protocol(), { metaData: bare }],
      [metaData, add('a.parquet')],
    ]);
    const s = await loadSnapshot(conn, completed);
    expect(s.columns.map((c) => c.name)).toEqual(['id']);
    const r = await conn.runAndReadAll(`SELECT count(*) FROM (${snapshotSql(s)})`);
    expect(r.getRowsJson()[0]?.[0]).toBe('3');
    const never = await refusal(await table([[protocol(), { metaData: bare }, add('a.parquet')]]));
    expect(never.code).toBe('delta.malformed');
    expect(never.message).toContain('has no schemaString');
  });
});
