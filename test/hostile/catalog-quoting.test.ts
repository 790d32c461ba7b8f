import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { nodeTypes } from '../../shared/catalog/index';
import type { Compiled, InputRelation } from '../../shared/catalog/node-type';
import { paramMeta } from '../../shared/catalog/params';
import type { JsonValue } from '../../shared/format/json';

/**
 * Every node type, every param that is not user SQL filled with a payload
 * that would close its quotes and stack a statement: what the node compiles
 * to is still exactly one statement (DuckDB's own parser counts), and the
 * payload never appears outside a quoted identifier or literal. User SQL
 * params (expressions, queries) are the engine's to parse (walls/user-sql.ts).
 */

const PAYLOADS = [
  `x'); COPY (SELECT 1) TO 'pwn.csv'; --`,
  `x"); DROP VIEW v; --`,
  `x\\'; ATTACH 'a.db'; --`,
  `$$; INSTALL httpfs; $$`,
];

function fill(schema: Parameters<typeof paramMeta>[0], payload: string): JsonValue | undefined {
  const meta = paramMeta(schema);
  if (meta === undefined || meta.kind === 'expression' || meta.kind === 'sql') return undefined;
  if (meta.kind === 'string' || meta.kind === 'text' || meta.kind === 'column' || meta.kind === 'path')
    return meta.kind === 'string' && meta.connection !== undefined ? undefined : payload;
  if (meta.kind === 'columns' || meta.kind === 'strings') return [payload];
  if (meta.kind === 'type') return 'INTEGER';
  if (meta.kind === 'list') {
    const row: Record<string, JsonValue> = {};
    for (const [k, f] of Object.entries(meta.fields)) {
      const v = fill(f, payload);
      if (v !== undefined) row[k] = v;
    }
    return [row];
  }
  return undefined;
}

describe('every param of every node stays in its quotes', () => {
  it('compiles to exactly one statement with every payload', async () => {
    const inst = await DuckDBInstance.create(':memory:');
    const conn = await inst.connect();
    let compiled = 0;
    try {
      for (const def of nodeTypes) {
        for (const payload of PAYLOADS) {
          const schema = [
            { name: payload, type: 'VARCHAR' },
            { name: 'id', type: 'INTEGER' },
          ];
          const filled = new Map<string, JsonValue>();
          for (const [name, s] of Object.entries(def.params)) {
            const v = fill(s, payload);
            if (v !== undefined) filled.set(name, v);
          }
          // Defaults where the payload does not parse (enums, numbers…): drop what the schema refuses, one param at a time.
          let parsed = def.parseParams(Object.fromEntries(filled));
          for (const key of [...filled.keys()]) {
            if (parsed.ok) break;
            filled.delete(key);
            parsed = def.parseParams(Object.fromEntries(filled));
          }
          if (!parsed.ok) continue;
          const inputs: Record<string, InputRelation[]> = Object.fromEntries(
            def.inputs.map((p) => [p.name, [{ ref: 'up', nodeId: 'up', sql: '"up"', schema }]]),
          );
          let out: Compiled;
          try {
            out = parsed.compile({
              nodeId: 'n',
              inputs,
              resolvePath: (p) => `/data/${p}`,
              statPath: () => 'file',
              glob: () => ({ files: ['/data/a.csv'] }),
            });
          } catch {
            continue;
          }
          const sqls = [
            out.sql,
            out.pin,
            ...Object.values(out.ports ?? {}),
            out.sink === undefined ? undefined : `COPY (SELECT * FROM ${out.sink.input}) TO '/x' (${out.sink.options})`,
          ].filter((x): x is string => x !== undefined);
          for (const sql of sqls) {
            const statements = await conn.extractStatements(sql.startsWith('COPY') ? sql : `CREATE VIEW v AS ${sql}`);
            expect(statements.count, `${def.type}: ${sql.slice(0, 200)}`).toBe(1);
            compiled++;
          }
        }
      }
    } finally {
      conn.closeSync();
      inst.closeSync();
    }
    expect(compiled).toBeGreaterThan(40);
  });
});
