import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diagnosticText, DutoError, type DiagnosticData } from '../../../shared/diagnostics';
import { freshDir } from '../test-support';
import { snapshotSql } from './delta-read-sql';
import { loadSnapshot, type DeltaSnapshot, type VersionChoice } from './delta-snapshot';
import { writeDelta } from './delta-write';

/* Schema evolution (sink.delta's addColumns): new columns of the rows are added to the table, nullable, at the end. */

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

async function rows(snapshot: DeltaSnapshot): Promise<unknown[][]> {
  return (await conn.runAndReadAll(`SELECT * FROM (${snapshotSql(snapshot)}) ORDER BY id`)).getRowsJson();
}
const at = (table: string, choice: VersionChoice = { kind: 'latest' }) => loadSnapshot(conn, table, choice);
const names = (s: DeltaSnapshot) => s.columns.map((c) => `${c.name} ${c.type}${c.nullable ? '' : ' NOT NULL'}`);

async function refusal(write: Promise<unknown>): Promise<DiagnosticData> {
  const err = await write.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DutoError);
  const d = err instanceof DutoError ? err.diagnostics[0] : undefined;
  if (d === undefined) throw new Error('no diagnostic');
  return d;
}

const base = `SELECT range AS id, 'r' || range AS name FROM range(0, 3)`;

describe('adding columns to a Delta table', () => {
  it('an append with a new column adds it: older versions keep their schema, older rows read NULL', async () => {
    const table = join(freshDir('duto-evolve-'), 't');
    await writeDelta(conn, table, base, 'append');
    const v0 = await at(table);
    const r = await writeDelta(
      conn,
      table,
      `SELECT 3 :: BIGINT AS id, 'r3' AS name, 1.5 :: DOUBLE AS score`,
      'append',
      {
        addColumns: true,
      },
    );
    expect(r.version).toBe(1);
    const v1 = await at(table);
    expect(names(v1)).toEqual(['id BIGINT', 'name VARCHAR', 'score DOUBLE']);
    expect(v1.metaData.id).toBe(v0.metaData.id);
    expect(v1.files).toHaveLength(2);
    // One atomic commit: the metaData beside the add.
    const commit = readFileSync(join(table, '_delta_log', '00000000000000000001.json'), 'utf8');
    expect(commit).toContain('"metaData"');
    expect(commit).toContain('"add"');
    expect(await rows(v1)).toEqual([
      ['0', 'r0', null],
      ['1', 'r1', null],
      ['2', 'r2', null],
      ['3', 'r3', 1.5],
    ]);
    // Only the older file: none of the files read has the column, which still reads NULL.
    const older = v1.files.filter((f) => v0.files.some((o) => o.file === f.file));
    expect(await rows({ ...v1, files: older })).toEqual([
      ['0', 'r0', null],
      ['1', 'r1', null],
      ['2', 'r2', null],
    ]);
    const travelled = await at(table, { kind: 'version', version: 0 });
    expect(names(travelled)).toEqual(['id BIGINT', 'name VARCHAR']);
    expect(await rows(travelled)).toEqual([
      ['0', 'r0'],
      ['1', 'r1'],
      ['2', 'r2'],
    ]);
    // The added column may come anywhere in the rows: files are read by name.
    await writeDelta(conn, table, `SELECT 4 :: BIGINT AS id, 'r4' AS name, 2.5 :: DOUBLE AS score`, 'append');
    await writeDelta(
      conn,
      table,
      `SELECT 'x' AS tag, 5 :: BIGINT AS id, 3.5 :: DOUBLE AS score, 'r5' AS name`,
      'append',
      { addColumns: true },
    );
    const v3 = await at(table);
    expect(names(v3)).toEqual(['id BIGINT', 'name VARCHAR', 'score DOUBLE', 'tag VARCHAR']);
    expect((await rows(v3)).slice(3)).toEqual([
      ['3', 'r3', 1.5, null],
      ['4', 'r4', 2.5, null],
      ['5', 'r5', 3.5, 'x'],
    ]);
  });

  it('a merge with a new column adds it: kept rows read NULL, merged rows their value', async () => {
    const table = join(freshDir('duto-evolve-'), 't');
    await writeDelta(conn, table, `SELECT range AS id, 'r' || range AS name FROM range(0, 5)`, 'append');
    await writeDelta(
      conn,
      table,
      `SELECT range AS id, 'm' || range AS name, 't' || range AS tag FROM range(3, 7)`,
      'merge',
      {
        keys: ['id'],
        addColumns: true,
      },
    );
    const s = await at(table);
    expect(names(s)).toEqual(['id BIGINT', 'name VARCHAR', 'tag VARCHAR']);
    expect(await rows(s)).toEqual([
      ['0', 'r0', null],
      ['1', 'r1', null],
      ['2', 'r2', null],
      ['3', 'm3', 't3'],
      ['4', 'm4', 't4'],
      ['5', 'm5', 't5'],
      ['6', 'm6', 't6'],
    ]);
  });

  it('a partitioned table gains a column too', async () => {
    const table = join(freshDir('duto-evolve-'), 't');
    await writeDelta(conn, table, `SELECT range AS id, 'a' AS part FROM range(0, 2)`, 'append', {
      partitionBy: ['part'],
    });
    await writeDelta(conn, table, `SELECT 2 :: BIGINT AS id, 'b' AS part, true AS ok`, 'append', { addColumns: true });
    const s = await at(table);
    expect(s.partitionColumns).toEqual(['part']);
    expect(await rows(s)).toEqual([
      ['0', 'a', null],
      ['1', 'a', null],
      ['2', 'b', true],
    ]);
  });

  it('refuses a changed type or a missing column even when adding, naming them', async () => {
    const table = join(freshDir('duto-evolve-'), 't');
    await writeDelta(conn, table, base, 'append');
    const typed = await refusal(
      writeDelta(conn, table, `SELECT 'x' AS id, 'r' AS name, 1 AS extra`, 'append', { addColumns: true }),
    );
    expect(typed.code).toBe('delta.schema');
    expect(typed.message).toContain('id is BIGINT in the table and VARCHAR in the rows');
    const missing = await refusal(
      writeDelta(conn, table, `SELECT 1 :: BIGINT AS id, 1 AS extra`, 'append', { addColumns: true }),
    );
    expect(missing.message).toContain('the rows have no column name');
    expect(diagnosticText(missing, 'pt-BR')).toContain('colunas novas podem ser adicionadas');
    // A new column cannot become a partition column of an existing table.
    const part = await refusal(
      writeDelta(conn, table, `SELECT 1 :: BIGINT AS id, 'r' AS name, 'p' AS extra`, 'append', {
        addColumns: true,
        partitionBy: ['extra'],
      }),
    );
    expect(part.code).toBe('delta.partition');
    expect((await at(table)).version).toBe(0);
  });

  it('without the option a new column is refused, saying how to allow it (en and pt-BR)', async () => {
    const table = join(freshDir('duto-evolve-'), 't');
    await writeDelta(conn, table, base, 'append');
    for (const mode of ['append', 'merge'] as const) {
      const d = await refusal(
        writeDelta(conn, table, `SELECT 1 :: BIGINT AS id, 'r' AS name, 1 AS extra`, mode, { keys: ['id'] }),
      );
      expect(d.message).toContain('the table has no column extra');
      expect(d.message).toContain('turn on Add new columns');
      expect(diagnosticText(d, 'pt-BR')).toContain('ative Adicionar colunas novas');
    }
    expect((await at(table)).version).toBe(0);
  });

  it('an append whose table gained a column meanwhile conflicts rather than commit over it', async () => {
    const table = join(freshDir('duto-evolve-'), 't');
    await writeDelta(conn, table, base, 'append');
    const d = await refusal(
      writeDelta(conn, table, `SELECT 9 :: BIGINT AS id, 'r9' AS name`, 'append', {
        beforeCommit: async () => {
          await writeDelta(conn, table, `SELECT 5 :: BIGINT AS id, 'r5' AS name, 1 AS extra`, 'append', {
            addColumns: true,
          });
        },
      }),
    );
    expect(d.code).toBe('delta.conflict');
    const s = await at(table);
    expect(s.version).toBe(1);
    expect((await rows(s)).map((r) => r[0])).toEqual(['0', '1', '2', '5']);
  });
});
