import type { JsonObject } from '../format/json';

/**
 * A node type's own migrations: each step takes the raw params a node of
 * version `from` saved and returns those of version `to` (= from + 1), so a
 * param can be renamed without a migration of the whole document. Params are
 * raw JSON (they may hold `${param}` text), never validated values.
 */
export interface NodeMigration {
  from: number;
  to: number;
  up(params: JsonObject): JsonObject;
}

/** Why a node's params could not be brought to its type's version: the messages say it (node.version/*). */
export type MigrateProblem =
  | { kind: 'newer'; version: number; type: string; current: number }
  | { kind: 'migrate'; type: string; from: number; to: number; detail: string };

export type MigrateResult = { ok: true; params: JsonObject } | { ok: false; problem: MigrateProblem };

interface Versioned {
  type: string;
  version: number;
  migrations: readonly NodeMigration[];
}

/**
 * Refuses a node type whose steps do not climb one version at a time from 1
 * to its version: a gap would leave old files read with the wrong params.
 */
export function checkMigrations(t: Versioned): void {
  if (!Number.isInteger(t.version) || t.version < 1)
    throw new Error(`${t.type}: version must be a whole number from 1, not ${t.version}`);
  const expected = Array.from({ length: t.version - 1 }, (_, i) => `${i + 1}→${i + 2}`).join(', ');
  const given = t.migrations.map((m) => `${m.from}→${m.to}`).join(', ');
  if (given !== expected)
    throw new Error(`${t.type}: version ${t.version} needs the migrations [${expected}], it has [${given}]`);
}

/** Runs a node type's migrations from the version a node was saved at up to the type's own. */
export function migrateParams(t: Versioned, params: JsonObject, from: number): MigrateResult {
  if (from > t.version) {
    return { ok: false, problem: { kind: 'newer', version: from, type: t.type, current: t.version } };
  }
  let out = params;
  for (const m of t.migrations) {
    if (m.from < from) continue;
    try {
      out = m.up(out);
    } catch (e) {
      return {
        ok: false,
        problem: {
          kind: 'migrate',
          type: t.type,
          from: m.from,
          to: m.to,
          detail: e instanceof Error ? e.message : String(e),
        },
      };
    }
  }
  return { ok: true, params: out };
}
