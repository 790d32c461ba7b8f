import type { Column } from '../../../../shared/catalog/node-type';
import type { DbSinkConfig } from '../../../../shared/external/database';
import { ConnectorError } from '../../external/types';
import { displayName } from './dialect';
import { said } from '../../../../shared/messages/diagnostic-messages';

/**
 * What a database sink refuses before writing anything, the same for every
 * database: creating a table that exists, appending columns the target lacks,
 * upserting without a key the database can match on.
 */
export interface TargetTable {
  exists: boolean;
  /** Column names, in order. */
  columns: readonly string[];
  /** Column sets of the primary key and unique indexes. */
  uniqueKeys: ReadonlyArray<readonly string[]>;
}

const sameSet = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((x) => b.includes(x));

export function checkTarget(
  config: DbSinkConfig,
  input: readonly Column[],
  target: TargetTable,
  where: string,
  caseInsensitive = false,
): void {
  const norm = (s: string): string => (caseInsensitive ? s.toLowerCase() : s);
  const table = displayName(config.schema, config.table);
  if (config.mode === 'create' && target.exists) {
    throw new ConnectorError(said('sink.exists/table', { table, where }), { param: 'mode' });
  }
  if (!target.exists || config.mode === 'create' || config.mode === 'replace') return;
  const have = new Set(target.columns.map(norm));
  const missing = input.filter((c) => !have.has(norm(c.name))).map((c) => `"${c.name}"`);
  if (missing.length > 0) {
    throw new ConnectorError(
      said(missing.length > 1 ? 'sink.columns/many' : 'sink.columns', { table, where, columns: missing.join(', ') }),
      { param: 'table' },
    );
  }
  if (config.mode === 'upsert') {
    const keys = config.keyColumns.map(norm);
    if (!target.uniqueKeys.some((k) => sameSet(k.map(norm), keys))) {
      throw new ConnectorError(said('sink.key', { table, where, columns: config.keyColumns.join(', ') }), {
        param: 'keyColumns',
      });
    }
  }
}
