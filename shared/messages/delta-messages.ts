import type { Template } from './template';

/** What reading a Delta Lake table's transaction log may refuse (electron/engine/delta). */
export const DELTA_MESSAGES = {
  'delta.not-a-table': {
    en: '{table} is not a Delta table (no _delta_log folder with commits)',
    'pt-BR': '{table} não é uma tabela Delta (sem pasta _delta_log com commits)',
  },
  'delta.path': {
    en: 'the log of {table} names the file "{path}", outside the table folder (absolute, "..", or a URL): refused',
    'pt-BR': 'o log de {table} cita o arquivo "{path}", fora da pasta da tabela (absoluto, "..", ou uma URL): recusado',
  },
  'delta.malformed': { en: 'malformed Delta log: {detail}', 'pt-BR': 'log Delta malformado: {detail}' },
  'delta.malformed/link': {
    en: 'malformed Delta log: {file} is a link (a Delta log holds its own files, and a link can reach outside the table)',
    'pt-BR':
      'log Delta malformado: {file} é um link (um log Delta guarda seus próprios arquivos, e um link pode sair da tabela)',
  },
  'delta.conflict': {
    en: 'another writer committed version {version} of {table} while this {operation} was being written: nothing was committed, run it again',
    'pt-BR':
      'outro gravador fez o commit da versão {version} de {table} enquanto este {operation} era gravado: nada foi gravado no log, execute de novo',
  },
  'delta.feature': {
    en: '{table} uses the Delta reader feature "{feature}", which Duto cannot read yet: refused rather than read wrong',
    'pt-BR':
      '{table} usa o recurso de leitura Delta "{feature}", que o Duto ainda não lê: recusado em vez de lido errado',
  },
  'delta.reader-version': {
    en: '{table} needs a Delta reader of version {version}; Duto reads versions 1 to 3',
    'pt-BR': '{table} precisa de um leitor Delta da versão {version}; o Duto lê as versões 1 a 3',
  },
  'delta.file-missing': {
    en: 'the log of {table} says version {version} holds the file "{path}", which is not there (deleted by hand, or vacuumed too early)',
    'pt-BR':
      'o log de {table} diz que a versão {version} contém o arquivo "{path}", que não está lá (apagado à mão, ou removido por vacuum cedo demais)',
  },
  'delta.log-gap': {
    en: 'the log of {table} has no commit {version}: it cannot be replayed',
    'pt-BR': 'o log de {table} não tem o commit {version}: não pode ser reproduzido',
  },
  'delta.checkpoint': {
    en: 'the checkpoint of {table} cannot be used: {detail}',
    'pt-BR': 'o checkpoint de {table} não pode ser usado: {detail}',
  },
  'delta.version': {
    en: '{table} has no version {version} (versions {first} to {latest} can be read)',
    'pt-BR': '{table} não tem a versão {version} (as versões {first} a {latest} podem ser lidas)',
  },
  'delta.timestamp': {
    en: '{table} has no version at or before {timestamp}',
    'pt-BR': '{table} não tem versão em ou antes de {timestamp}',
  },
  'delta.budget': {
    en: 'the log of {table} is too large to read: {detail}',
    'pt-BR': 'o log de {table} é grande demais para ler: {detail}',
  },
  'delta.schema': {
    en: 'the schema of {table} cannot be read: {detail}',
    'pt-BR': 'o esquema de {table} não pode ser lido: {detail}',
  },
  'delta.schema/mismatch': {
    en: 'the rows do not fit the columns of {table}: {detail}. Write them with the same columns and types, write to a new table, or turn on Add new columns',
    'pt-BR':
      'as linhas não cabem nas colunas de {table}: {detail}. Grave-as com as mesmas colunas e tipos, grave em uma tabela nova, ou ative Adicionar colunas novas',
  },
  'delta.schema/evolve': {
    en: 'new columns can be added to {table}, but its own columns stay as they are: {detail}',
    'pt-BR': 'colunas novas podem ser adicionadas a {table}, mas as colunas dela ficam como estão: {detail}',
  },
  'delta.exists': {
    en: '{table} is already a Delta table, and this sink is set to create it: choose append or overwrite to write a new version',
    'pt-BR':
      '{table} já é uma tabela Delta, e este sink está configurado para criá-la: escolha acrescentar ou sobrescrever para gravar uma nova versão',
  },
  'delta.merge': {
    en: 'the rows merged into {table} repeat the key ({keys}) {values}: each key may come once (remove the duplicates first, e.g. with Remove duplicates)',
    'pt-BR':
      'as linhas mescladas em {table} repetem a chave ({keys}) {values}: cada chave pode vir uma vez só (remova as duplicatas antes, ex.: com Remover duplicatas)',
  },
  'delta.merge/keys': {
    en: 'a merge into {table} needs key columns of the rows: {detail}',
    'pt-BR': 'uma mesclagem em {table} precisa de colunas-chave das linhas: {detail}',
  },
  'delta.partition': {
    en: '{table} is partitioned by {have}, and this sink asks for {want}: leave "Partition by columns" empty to follow the table, or write a new table',
    'pt-BR':
      '{table} é particionada por {have}, e este sink pede {want}: deixe "Particionar por colunas" vazio para seguir a tabela, ou grave uma tabela nova',
  },
  'delta.partition/type': {
    en: 'column "{column}" of {table} is {type}, which cannot be a partition column (text, numbers, booleans, dates and timestamps can)',
    'pt-BR':
      'a coluna "{column}" de {table} é {type}, que não pode ser coluna de partição (texto, números, booleanos, datas e instantes podem)',
  },
  'delta.partition/column': {
    en: '{table} cannot be partitioned by "{column}": {detail}',
    'pt-BR': '{table} não pode ser particionada por "{column}": {detail}',
  },
  'delta.partition/many': {
    en: 'the rows written to {table} fall in {count} partitions, more than {max}: partition by a column with fewer values',
    'pt-BR':
      'as linhas gravadas em {table} caem em {count} partições, mais que {max}: particione por uma coluna com menos valores',
  },
  'delta.partition/long': {
    en: 'a value of the partition column "{column}" of {table} is too long for a folder name: partition by a column with shorter values',
    'pt-BR':
      'um valor da coluna de partição "{column}" de {table} é longo demais para um nome de pasta: particione por uma coluna com valores mais curtos',
  },
} as const satisfies Record<string, Template>;
