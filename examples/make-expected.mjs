#!/usr/bin/env node
// Recomputes each example's expected output with its hand-written DuckDB SQL
// (expected/oracle.sql), independently of Duto's engine. Usage: node examples/make-expected.mjs
import { DuckDBInstance } from '@duckdb/node-api';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));
for (const name of readdirSync(root)) {
  const sql = join(root, name, 'expected', 'oracle.sql');
  if (!existsSync(sql)) continue;
  process.chdir(join(root, name));
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  await con.run(readFileSync(sql, 'utf8'));
  con.closeSync();
  console.log(`${name}: expected output written`);
}
