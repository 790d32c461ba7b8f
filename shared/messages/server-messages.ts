import type { Template } from './template';

/**
 * A database server's (PostgreSQL, MySQL/MariaDB) refusal of a query: what
 * Duto was doing, in the user's language, then the server's own words,
 * which only it can phrase. One variant per action, under each code the
 * server's error maps to (server-errors.ts queryFailed).
 */

const READ_TABLE = {
  en: 'cannot read table {table} in {connection}: {detail}',
  'pt-BR': 'não foi possível ler a tabela {table} em {connection}: o servidor respondeu: {detail}',
} as const;
const READ_QUERY = {
  en: 'cannot read the query in {connection}: {detail}',
  'pt-BR': 'não foi possível ler a consulta em {connection}: o servidor respondeu: {detail}',
} as const;
const READ_STATE = {
  en: 'cannot read the incremental state beside table {table} in {connection}: {detail}',
  'pt-BR':
    'não foi possível ler o estado incremental junto à tabela {table} em {connection}: o servidor respondeu: {detail}',
} as const;
const WRITE_TABLE = {
  en: 'cannot write table {table} in {connection}: {detail}',
  'pt-BR': 'não foi possível gravar a tabela {table} em {connection}: o servidor respondeu: {detail}',
} as const;
const STAGING = {
  en: 'cannot look for staging tables of {table} in {connection}: {detail}',
  'pt-BR':
    'não foi possível procurar as tabelas de preparação de {table} em {connection}: o servidor respondeu: {detail}',
} as const;
const PROBE = {
  en: 'SELECT 1 in {connection}: {detail}',
  'pt-BR': 'SELECT 1 em {connection}: o servidor respondeu: {detail}',
} as const;

/** A source reads in a READ ONLY transaction, which the server enforces: said when its query tried to write. */
function readOnly<E extends string, P extends string>(
  t: Readonly<{ en: E; 'pt-BR': P }>,
): {
  en: `${E}; a source only reads, in a read-only transaction: its query may not change data (no INSERT, UPDATE or DELETE, no sequence NEXTVAL, no function that writes)`;
  'pt-BR': `${P}; uma fonte só lê, numa transação somente leitura: sua consulta não pode alterar dados (nada de INSERT, UPDATE ou DELETE, nem NEXTVAL de sequência, nem função que grave)`;
} {
  return {
    en: `${t.en}; a source only reads, in a read-only transaction: its query may not change data (no INSERT, UPDATE or DELETE, no sequence NEXTVAL, no function that writes)`,
    'pt-BR': `${t['pt-BR']}; uma fonte só lê, numa transação somente leitura: sua consulta não pode alterar dados (nada de INSERT, UPDATE ou DELETE, nem NEXTVAL de sequência, nem função que grave)`,
  };
}

export const SERVER_MESSAGES = {
  'database.error/read-table': READ_TABLE,
  'database.error/read-query': READ_QUERY,
  'database.error/read-state': READ_STATE,
  'database.error/write-table': WRITE_TABLE,
  'database.error/staging': STAGING,
  'database.error/probe': PROBE,
  'sql.invalid/read-table': READ_TABLE,
  'sql.invalid/read-query': READ_QUERY,
  'sql.invalid/read-state': READ_STATE,
  'sql.invalid/write-table': WRITE_TABLE,
  'sql.invalid/staging': STAGING,
  'sql.invalid/probe': PROBE,
  'source.missing/read-table': READ_TABLE,
  'source.missing/read-query': READ_QUERY,
  'source.missing/read-state': READ_STATE,
  'source.missing/write-table': WRITE_TABLE,
  'source.missing/staging': STAGING,
  'source.missing/probe': PROBE,
  'source.writes/read-table': readOnly(READ_TABLE),
  'source.writes/read-query': readOnly(READ_QUERY),
  'source.writes/read-state': readOnly(READ_STATE),
  'source.writes/write-table': readOnly(WRITE_TABLE),
  'source.writes/staging': readOnly(STAGING),
  'source.writes/probe': readOnly(PROBE),
} as const satisfies Record<string, Template>;
