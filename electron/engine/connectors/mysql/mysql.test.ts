import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PipelineSession } from '../../api';
import { openPipeline } from '../../index';
import { freshDir } from '../../test-support';
import { diagnosticText } from '../../../../shared/diagnostics';
import { doc, failingLate, myDatabase, myQuery, testConnections } from '../test-databases';

/*
 * The MySQL/MariaDB connector against the real MariaDB: types across
 * MariaDB → DuckDB → MariaDB, the write modes (a new table swapped in with
 * one RENAME, appends and upserts in one transaction), failures and cancels
 * that leave the target untouched.
 */

let db: { name: string; drop: () => Promise<void> };
const sessions: PipelineSession[] = [];
const open = async (d: ReturnType<typeof doc>): Promise<PipelineSession> => {
  const s = await openPipeline(d, {
    trust: 'trusted',
    baseDir: freshDir(),
    connections: testConnections(db.name),
    threads: 2,
  });
  sessions.push(s);
  return s;
};
afterEach(() => {
  for (const s of sessions.splice(0)) s.close();
});
const q = (sql: string, values: unknown[] = []): Promise<unknown[][]> => myQuery(sql, values, db.name);

beforeAll(async () => {
  db = await myDatabase();
  await q(`CREATE TABLE types (id INT PRIMARY KEY, ti TINYINT, tb TINYINT(1), si SMALLINT, mi MEDIUMINT, i INT, bi BIGINT, ubi BIGINT UNSIGNED,
    d DECIMAL(12,2), dbig DECIMAL(65,10), f FLOAT, db DOUBLE, c CHAR(3), vc VARCHAR(50), tx TEXT, bin VARBINARY(10), bl BLOB,
    dt DATE, tm TIME(6), dtm DATETIME(6), ts TIMESTAMP(6) NULL, yr YEAR, j JSON, en ENUM('a','b'), bt BIT(8), u UUID)`);
  await q(`INSERT INTO types VALUES
    (1, -128, 1, -32768, 8388607, 2147483647, -9223372036854775808, 18446744073709551615, -1234567890.12, 12345678901234567890123456789012345678901234567890.0123456789,
     1.5, 1.7976931348623157e308, 'ab', 'quote " comma , newline\\n tab\\t back\\\\slash ü 😀', '', X'00FF10', X'', '2024-02-29', '12:34:56.123456',
     '1999-12-31 23:59:59.123456', '2024-01-02 03:04:05.123456', 2024, '{"a": [1, 2]}', 'b', b'10101010', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'),
    (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)`);
  await q(`CREATE TABLE late_bad (i INT, x VARCHAR(10))`);
  await q(`INSERT INTO late_bad SELECT seq, IF(seq = 3000, 'oops', CAST(seq AS CHAR)) FROM seq_1_to_4000`);
});
afterAll(async () => db.drop());

const src = (table: string, extra: Record<string, unknown> = {}) => ({
  id: 'src',
  type: 'source.mysql',
  params: { connection: 'shop', table, ...extra } as never,
});
const sink = (table: string, mode: string, input = 'src', extra: Record<string, unknown> = {}) => ({
  id: 'dst',
  type: 'sink.mysql',
  inputs: { in: input },
  params: { connection: 'shop', table, mode, ...extra } as never,
});
const leftovers = async (): Promise<unknown[][]> =>
  q(`SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME LIKE '%\\_\\_duto\\_%'`, [
    db.name,
  ]);

describe('MySQL/MariaDB source', () => {
  it('maps every type from the result metadata (LIMIT 0) and previews exact values', async () => {
    const s = await open(doc(src('types')));
    const { columns } = await s.schema('src');
    expect(columns.map((c) => `${c.name} ${c.type}`)).toEqual([
      'id INTEGER',
      'ti TINYINT',
      'tb BOOLEAN',
      'si SMALLINT',
      'mi INTEGER',
      'i INTEGER',
      'bi BIGINT',
      'ubi UBIGINT',
      'd DECIMAL(12,2)',
      'dbig VARCHAR',
      'f FLOAT',
      'db DOUBLE',
      'c VARCHAR',
      'vc VARCHAR',
      'tx VARCHAR',
      'bin BLOB',
      'bl BLOB',
      'dt DATE',
      'tm TIME',
      'dtm TIMESTAMP',
      'ts TIMESTAMP WITH TIME ZONE',
      'yr SMALLINT',
      'j JSON',
      'en VARCHAR',
      'bt UBIGINT',
      'u UUID',
    ]);
    const p = await s.preview('src', 1);
    expect(p.rows[0]).toEqual([
      1,
      -128,
      true,
      -32768,
      8388607,
      2147483647,
      '-9223372036854775808',
      '18446744073709551615',
      -1234567890.12,
      '12345678901234567890123456789012345678901234567890.0123456789',
      1.5,
      1.7976931348623157e308,
      'ab',
      'quote " comma , newline\n tab\t back\\slash ü 😀',
      '',
      '00FF10',
      '',
      '2024-02-29',
      '12:34:56.123456',
      '1999-12-31T23:59:59.123456',
      '2024-01-02T03:04:05.123456+00',
      2024,
      '{"a": [1, 2]}',
      'b',
      170,
      'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',
    ]);
    expect(p.more).toBe(true);
  });

  it("`database.table` typed in the Table field reads that database, not the connection's", async () => {
    const other = await myDatabase();
    try {
      await myQuery('CREATE TABLE elsewhere (k INT)', [], other.name);
      await myQuery('INSERT INTO elsewhere VALUES (7), (8)', [], other.name);
      const s = await open(doc(src(`${other.name}.elsewhere`)));
      expect((await s.preview('src', 5)).rows).toEqual([[7], [8]]);
    } finally {
      await other.drop();
    }
  });

  it("a missing table and a query the server cannot parse read in Portuguese around MariaDB's own words", async () => {
    const s = await open(
      doc(src('nope'), {
        id: 'q',
        type: 'source.mysql',
        params: { connection: 'shop', mode: 'query', query: 'SELEC 1' } as never,
      }),
    );
    const byNode = Object.fromEntries((await s.validate()).diagnostics.map((d) => [d.nodeId, d]));
    const missing = byNode['src'];
    expect(missing).toMatchObject({ code: 'source.missing', variant: 'read-table', param: 'table' });
    expect(missing?.message).toMatch(
      /^cannot read table nope in connection "shop" \([^)]*\): Table '.*\.nope' doesn't exist$/,
    );
    expect(missing && diagnosticText(missing, 'pt-BR')).toMatch(
      /^não foi possível ler a tabela nope em connection "shop" \([^)]*\): o servidor respondeu: Table '.*\.nope' doesn't exist$/,
    );
    const syntax = byNode['q'];
    expect(syntax).toMatchObject({ code: 'sql.invalid', variant: 'read-query', param: 'query' });
    expect(syntax && diagnosticText(syntax, 'pt-BR')).toMatch(
      /^não foi possível ler a consulta em connection "shop" \([^)]*\): o servidor respondeu: You have an error in your SQL syntax.*near '1/,
    );
  });

  it('MariaDB → DuckDB → MariaDB keeps every value', async () => {
    const r = await (await open(doc(src('types'), sink('types_copy', 'replace')))).run();
    expect(r.diagnostics).toEqual([]);
    expect(r.outputs[0]?.rows).toBe(2);
    const same = [
      'ti',
      'tb',
      'si',
      'mi',
      'i',
      'bi',
      'ubi',
      'd',
      'f',
      'db',
      'c',
      'vc',
      'tx',
      'bin',
      'bl',
      'dt',
      'tm',
      'dtm',
      'ts',
      'yr',
      'j',
      'en',
    ];
    const diff =
      await q(`SELECT a.id FROM types a JOIN types_copy b USING (id) WHERE NOT (${same.map((c) => `a.${c} <=> b.${c}`).join(' AND ')}
      AND a.dbig <=> CAST(b.dbig AS DECIMAL(65,10)) AND (a.bt + 0) <=> b.bt AND a.u <=> b.u)`);
    expect(diff).toEqual([]);
    expect(await q('SELECT CAST(count(*) AS CHAR) FROM types_copy')).toEqual([['2']]);
  });
});

describe('MySQL/MariaDB sink modes', () => {
  it('create refuses an existing table; upsert merges on the primary key; append adds', async () => {
    await q('CREATE TABLE kv (k INT PRIMARY KEY, v VARCHAR(10))');
    await q("INSERT INTO kv VALUES (1, 'old'), (5, 'keep')");
    await q("CREATE TABLE kv_in AS SELECT 1 AS k, 'new' AS v UNION ALL SELECT 2, 'two'");
    const create = await (await open(doc(src('kv_in'), sink('kv', 'create')))).run();
    expect(create.diagnostics[0]).toMatchObject({ code: 'sink.exists', nodeId: 'dst', param: 'mode' });
    const up = await (await open(doc(src('kv_in'), sink('kv', 'upsert', 'src', { keyColumns: ['k'] })))).run();
    expect(up.diagnostics).toEqual([]);
    expect(await q('SELECT k, v FROM kv ORDER BY k')).toEqual([
      [1, 'new'],
      [2, 'two'],
      [5, 'keep'],
    ]);
    await (await open(doc(src('kv_in'), sink('kv_log', 'append')))).run();
    const again = await (await open(doc(src('kv_in'), sink('kv_log', 'append')))).run();
    expect(again.ok).toBe(true);
    expect(await q('SELECT CAST(count(*) AS CHAR) FROM kv_log')).toEqual([['4']]);
  });

  it('a run that fails mid-stream leaves the target as it was, and no staging table', async () => {
    await q('CREATE TABLE target (i INT, y VARCHAR(20)) ENGINE=InnoDB');
    await q("INSERT INTO target VALUES (1, 'previous')");
    for (const mode of ['replace', 'append']) {
      const s = await open(failingLate(src('late_bad'), (input) => sink('target', mode, input)));
      const r = await s.run();
      expect(r.ok).toBe(false);
      expect(r.diagnostics[0]?.message).toContain('oops');
      expect(await q('SELECT i, y FROM target')).toEqual([[1, 'previous']]);
    }
    expect(await leftovers()).toEqual([]);
  });

  it('a cancel while loading drops the staging table and leaves the target', async () => {
    await q('CREATE TABLE big (i INT, h VARCHAR(40))');
    await q("INSERT INTO big VALUES (1, 'previous')");
    const s = await open(
      doc(
        {
          id: 'gen',
          type: 'source.mysql',
          params: { connection: 'shop', mode: 'query', query: 'SELECT seq AS i, MD5(seq) AS h FROM seq_1_to_60000' },
        },
        sink('big', 'replace', 'gen'),
      ),
    );
    const controller = new AbortController();
    const r = await s.run({
      signal: controller.signal,
      onProgress: (e) => e.nodeId === 'dst' && (e.rows ?? 0) > 0 && controller.abort(),
    });
    expect(r.cancelled).toBe(true);
    expect(await q('SELECT i, h FROM big')).toEqual([[1, 'previous']]);
    expect(await leftovers()).toEqual([]);
  });
});

describe('MySQL/MariaDB source queries never change data', () => {
  it('checks and previews run in a READ ONLY transaction, rolled back: NEXTVAL and functions that write are refused, and nothing changed', async () => {
    await q('CREATE SEQUENCE counter NOCACHE');
    await q('CREATE TABLE written (n INT) ENGINE=InnoDB');
    await q('CREATE TABLE written_myisam (n INT) ENGINE=MyISAM');
    await q(
      'CREATE FUNCTION writes() RETURNS INT MODIFIES SQL DATA BEGIN INSERT INTO written VALUES (1); INSERT INTO written_myisam VALUES (1); RETURN 1; END',
    );
    const state = async (): Promise<unknown[][]> =>
      q(
        'SELECT (SELECT CAST(next_not_cached_value AS CHAR) FROM counter), (SELECT CAST(count(*) AS CHAR) FROM written), (SELECT CAST(count(*) AS CHAR) FROM written_myisam)',
      );
    const before = await state();
    expect(before).toEqual([['1', '0', '0']]);

    // MariaDB runs a derived table's functions even for LIMIT 0: outside a read-only transaction these would have written.
    for (const query of ['SELECT NEXTVAL(counter) AS n', 'SELECT writes() AS n']) {
      const session = await open(
        doc({ id: 'q', type: 'source.mysql', params: { connection: 'shop', mode: 'query', query } as never }),
      );
      const problem = (await session.validate()).diagnostics.find((d) => d.nodeId === 'q' && d.severity === 'error');
      expect(problem).toMatchObject({ code: 'source.writes', param: 'query' });
      expect(problem?.message).toContain('Cannot execute statement in a READ ONLY transaction');
      expect(problem?.message).toContain('a source only reads, in a read-only transaction');
      expect(problem && diagnosticText(problem, 'pt-BR')).toMatch(
        /^não foi possível ler a consulta em connection "shop" \([^)]*\): o servidor respondeu: Cannot execute statement in a READ ONLY transaction.*; uma fonte só lê, numa transação somente leitura/,
      );
      await expect(session.preview('q', 5)).rejects.toThrow(/READ ONLY transaction/);
    }
    expect(await state()).toEqual(before);
  });

  it('a plain query still describes and previews inside its read-only transaction', async () => {
    const session = await open(
      doc({
        id: 'q',
        type: 'source.mysql',
        params: { connection: 'shop', mode: 'query', query: 'SELECT 41 + 1 AS answer' } as never,
      }),
    );
    expect((await session.schema('q')).columns).toEqual([{ name: 'answer', type: 'INTEGER' }]);
    expect((await session.preview('q', 5)).rows).toEqual([[42]]);
  });
});
