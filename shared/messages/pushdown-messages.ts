import { renderTemplate, type MessageArg, type MessageLocale, type Placeholders, type Template } from './template';

/**
 * Why a node stays in DuckDB rather than run in the database of its sources
 * (`duto explain`, the canvas), and the lines of the explanation. Not
 * diagnostics: nothing is wrong, the node only runs where it always did.
 */
export const PUSHDOWN_MESSAGES = {
  'explain.database': { en: 'in {database}: {nodes}', 'pt-BR': 'em {database}: {nodes}' },
  'explain.off': {
    en: 'pushdown is off for this pipeline ("pushdown": false)',
    'pt-BR': 'o envio ao banco está desligado neste pipeline ("pushdown": false)',
  },
  'explain.duckdb': { en: 'in DuckDB: {node}', 'pt-BR': 'no DuckDB: {node}' },
  'explain.kept': {
    en: 'in DuckDB: {node} (no {database}: {reason})',
    'pt-BR': 'no DuckDB: {node} (não em {database}: {reason})',
  },
  'explain.elt': {
    en: 'written there by {node}: INSERT … SELECT into {table} ({mode}), in one transaction; no row passes through Duto',
    'pt-BR':
      'gravado lá por {node}: INSERT … SELECT em {table} ({mode}), numa transação; nenhuma linha passa pelo Duto',
  },
  'sql.duckdb': {
    en: 'in DuckDB: the rest of the pipeline (each part above read as its result)',
    'pt-BR': 'no DuckDB: o resto do pipeline (cada parte acima lida como o seu resultado)',
  },
  expression: { en: '{detail}', 'pt-BR': '{detail}' },
  'elt-connection': {
    en: 'it writes to another connection than the one its input is read from',
    'pt-BR': 'grava em outra conexão que não a de onde a entrada é lida',
  },
  'elt-database': {
    en: "it writes into database {database}, not the connection's own (a pushed part writes only into the database it runs in)",
    'pt-BR': 'grava no banco {database}, não no da conexão (uma parte enviada ao banco só grava no banco onde roda)',
  },
  construct: {
    en: "{database} cannot say {construct} with DuckDB's meaning",
    'pt-BR': '{database} não sabe dizer {construct} com o sentido do DuckDB',
  },
  'after-sort': { en: 'it follows a sort', 'pt-BR': 'vem depois de uma ordenação' },
  'sort-kind': {
    en: '{database} cannot sort {column} ({kind}) as DuckDB does',
    'pt-BR': '{database} não ordena {column} ({kind}) como o DuckDB',
  },
  sample: {
    en: 'only a limit of the first rows is pushed (a sample is DuckDB’s)',
    'pt-BR': 'só um limite às primeiras linhas vai ao banco (uma amostra é do DuckDB)',
  },
  'limit-unsorted': {
    en: 'a limit without a sort before it takes rows in an order only DuckDB keeps',
    'pt-BR': 'um limite sem ordenação antes dele pega linhas numa ordem que só o DuckDB mantém',
  },
  'distinct-keys': {
    en: '{database} has no window function to keep one row per key',
    'pt-BR': '{database} não tem função de janela para manter uma linha por chave',
  },
  'distinct-input-order': {
    en: 'one row per key in input order: only DuckDB has the order rows arrive in',
    'pt-BR': 'uma linha por chave na ordem de entrada: só o DuckDB tem a ordem em que as linhas chegam',
  },
  windows: {
    en: '{database} has no window functions',
    'pt-BR': '{database} não tem funções de janela',
  },
  'window-ties': {
    en: '{function}: rows tied in the groups and order can differ in {column}, and DuckDB numbers them in any order (order by every column, none a double)',
    'pt-BR':
      '{function}: linhas empatadas nos grupos e na ordem podem diferir em {column}, e o DuckDB as numera em qualquer ordem (ordene por todas as colunas, nenhuma double)',
  },
  'window-function': {
    en: '{function} over a window is not pushed: a sum over a frame gives another type or rounding there',
    'pt-BR':
      '{function} sobre uma janela não vai ao banco: lá uma soma sobre um quadro dá outro tipo ou arredondamento',
  },
  'fill-strategy': {
    en: 'filling empty values with the {strategy} one stays in DuckDB (the databases have no IGNORE NULLS; a mean rounds otherwise)',
    'pt-BR':
      'preencher valores vazios com o valor {strategy} fica no DuckDB (os bancos não têm IGNORE NULLS; uma média arredonda de outro jeito)',
  },
  'fill-value': {
    en: 'the fill value of {column} does not convert to {type} in DuckDB (the node says why)',
    'pt-BR': 'o valor de preenchimento de {column} não se converte em {type} no DuckDB (o nó diz por quê)',
  },
  'fill-database': {
    en: '{database} 18 fails on COALESCE of a Nullable column and a constant: filling empty values stays in DuckDB',
    'pt-BR':
      'o {database} 18 falha em COALESCE de uma coluna Nullable e uma constante: preencher valores vazios fica no DuckDB',
  },
  'fill-kind': {
    en: '{database} cannot fill {column} ({type}) as DuckDB does',
    'pt-BR': '{database} não consegue preencher {column} ({type}) como o DuckDB',
  },
  'distinct-ties': {
    en: 'one row per key: rows tied in the keys and order can differ in {column}, and DuckDB keeps any of them (order by every column, none a double)',
    'pt-BR':
      'uma linha por chave: linhas empatadas nas chaves e na ordem podem diferir em {column}, e o DuckDB fica com qualquer uma (ordene por todas as colunas, nenhuma double)',
  },
  'first-unordered': {
    en: '{aggregate} of {column} without an order takes any row of the group in DuckDB',
    'pt-BR': '{aggregate} de {column} sem uma ordem pega qualquer linha do grupo no DuckDB',
  },
  'first-ties': {
    en: '{aggregate} of {column}: rows tied in the order can hold different values, and DuckDB takes any of them (order by {column} too)',
    'pt-BR':
      '{aggregate} de {column}: linhas empatadas na ordem podem ter valores diferentes, e o DuckDB pega qualquer um (ordene também por {column})',
  },
  'switched-off': { en: 'pushdown is off for this node', 'pt-BR': 'o envio ao banco está desligado neste nó' },
  'not-yet': {
    en: '{type} is not pushed to a database yet',
    'pt-BR': '{type} ainda não vai a um banco de dados',
  },
  column: {
    en: 'it reads a column {column} its input does not have',
    'pt-BR': 'lê uma coluna {column} que a entrada não tem',
  },
  columns: {
    en: "its columns in {database} would not be DuckDB's",
    'pt-BR': 'suas colunas em {database} não seriam as do DuckDB',
  },
  'result-type': {
    en: '{database} has no type that reads back as {type} (column {column})',
    'pt-BR': '{database} não tem um tipo que volte como {type} (coluna {column})',
  },
  'cast-type': { en: 'a cast to {type} is not pushed', 'pt-BR': 'uma conversão para {type} não vai ao banco' },
  'union-database': {
    en: '{database} 18 fails a union whose inputs differ in a type or lack a column (NULL there): appending rows stays in DuckDB',
    'pt-BR':
      '{database} 18 falha numa união cujas entradas diferem num tipo ou não têm uma coluna (NULL ali): empilhar linhas fica no DuckDB',
  },
  'try-cast': {
    en: '{column} ({from}) to {type} can fail to convert: leaving the value empty instead stays in DuckDB ({database} fails the whole query)',
    'pt-BR':
      '{column} ({from}) para {type} pode não converter: deixar o valor vazio no lugar fica no DuckDB ({database} falha a consulta inteira)',
  },
  cast: {
    en: "{database} cannot cast {column} ({from}) to {type} with DuckDB's meaning",
    'pt-BR': '{database} não converte {column} ({from}) para {type} com o sentido do DuckDB',
  },
  'no-column': { en: 'it keeps no column', 'pt-BR': 'não mantém nenhuma coluna' },
  group: {
    en: '{database} cannot group {column} ({type}) as DuckDB does',
    'pt-BR': '{database} não agrupa {column} ({type}) como o DuckDB',
  },
  'no-aggregates': {
    en: "{database} has no aggregates with DuckDB's meaning here",
    'pt-BR': '{database} não tem aqui agregações com o sentido do DuckDB',
  },
  aggregate: {
    en: "{database} cannot compute {aggregate} of {column} ({type}) with DuckDB's result type and value",
    'pt-BR': '{database} não calcula {aggregate} de {column} ({type}) com o tipo e o valor do DuckDB',
  },
  'full-join': { en: '{database} has no FULL JOIN', 'pt-BR': '{database} não tem FULL JOIN' },
  'join-keys': {
    en: '{database} compares {left} ({leftType}) and {right} ({rightType}) differently from DuckDB',
    'pt-BR': '{database} compara {left} ({leftType}) e {right} ({rightType}) de outro modo que o DuckDB',
  },
  'join-inputs': { en: 'a join reads two inputs', 'pt-BR': 'uma junção lê duas entradas' },
  'several-inputs': {
    en: '{type} with several inputs is not pushed to a database',
    'pt-BR': '{type} com várias entradas não vai a um banco de dados',
  },
  'no-schema': { en: 'DuckDB gives it no columns', 'pt-BR': 'o DuckDB não lhe dá colunas' },
  'shared-input': {
    en: 'one of its inputs is read by another node too (computed once, in DuckDB)',
    'pt-BR': 'uma das entradas também é lida por outro nó (calculada uma vez, no DuckDB)',
  },
  'inputs-elsewhere': {
    en: 'not all its inputs are in that database',
    'pt-BR': 'nem todas as entradas estão nesse banco',
  },
  connections: {
    en: 'its inputs are on different connections',
    'pt-BR': 'as entradas estão em conexões diferentes',
  },
} as const satisfies Record<string, Template>;

type Table = typeof PUSHDOWN_MESSAGES;
export type PushdownKey = keyof Table;

/** Whether a key that crossed a boundary (IPC) is one of the table's. */
export function isPushdownKey(k: string): k is PushdownKey {
  return k in PUSHDOWN_MESSAGES;
}

/** A message of the table with its arguments (checked against the English template at compile time). */
export interface PushdownMessage {
  readonly key: PushdownKey;
  readonly args: Readonly<Record<string, MessageArg>>;
}

export function pushdownMessage<K extends PushdownKey>(
  key: K,
  args: [Placeholders<Table[K]['en']>] extends [never]
    ? Readonly<Record<string, never>>
    : { readonly [N in Placeholders<Table[K]['en']>]: MessageArg },
): PushdownMessage {
  return { key, args };
}

export function pushdownText(m: PushdownMessage, locale: MessageLocale = 'en'): string {
  return renderTemplate(PUSHDOWN_MESSAGES[m.key][locale], m.args, locale);
}
