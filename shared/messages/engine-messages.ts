import type { Template } from './template';

/** The engine: opening, binding, previewing and running a pipeline (electron/engine). */
export const ENGINE_MESSAGES = {
  'cache.entry-damaged': {
    en: 'its cached result was damaged or partly written ({detail}): computed again',
    'pt-BR': 'o resultado em cache estava danificado ou incompleto ({detail}): calculado de novo',
  },
  'cache.entry-missing': {
    en: 'its cached result was gone: computed again',
    'pt-BR': 'o resultado em cache tinha sumido: calculado de novo',
  },
  'engine.depth': {
    en: "this node's query nests over 1,000 levels, more than DuckDB binds: write it with fewer nested subqueries or expressions, or split it over several nodes",
    'pt-BR':
      'a consulta deste nó tem mais de 1.000 níveis de aninhamento, mais do que o DuckDB aceita: escreva-a com menos subconsultas ou expressões aninhadas, ou divida-a em vários nós',
  },
  'engine.error': { en: '{detail}', 'pt-BR': 'o DuckDB falhou: {detail}' },
  'engine.memory': {
    en: '{detail} (raise the memory limit or free disk space for spilling)',
    'pt-BR': '{detail} (aumente o limite de memória ou libere espaço em disco para o despejo)',
  },
  'engine.restarted': { en: '{detail}', 'pt-BR': 'o motor foi reiniciado: {detail}' },
  'engine.sandbox': {
    en: "{file} is outside the files this pipeline names: a node can read only its sources' files and write only its sinks' targets",
    'pt-BR':
      '{file} está fora dos arquivos que este pipeline nomeia: um nó só pode ler os arquivos de suas fontes e gravar só os destinos de seus sinks',
  },
  'engine.sandbox/refused': {
    en: "refused by the engine's sandbox: {detail}",
    'pt-BR': 'recusado pela sandbox do motor: {detail}',
  },
  'engine.stopped': { en: 'the engine has stopped', 'pt-BR': 'o motor parou' },
  'open.cancelled': {
    en: 'checking this pipeline was cancelled',
    'pt-BR': 'a verificação deste pipeline foi cancelada',
  },
  'open.timeout': {
    en: 'checking this pipeline took too long and was stopped (the time limit is --timeout in the CLI)',
    'pt-BR': 'a verificação deste pipeline demorou demais e foi interrompida (o limite é --timeout na CLI)',
  },
  'preview.column': {
    en: 'this output has no column "{column}" to sort or filter by',
    'pt-BR': 'esta saída não tem a coluna "{column}" para ordenar ou filtrar',
  },
  'preview.none': { en: 'this node has no rows to show', 'pt-BR': 'este nó não tem linhas para mostrar' },
  'chart.column': {
    en: 'the chart needs a column of this node: "{column}" is not one',
    'pt-BR': 'o gráfico precisa de uma coluna deste nó: "{column}" não é uma delas',
  },
  'profile.none': { en: 'this node has no rows to profile', 'pt-BR': 'este nó não tem linhas para analisar' },
  'quality.failed': { en: '{detail}', 'pt-BR': 'verificação falhou: {detail}' },
  'quality.failed/any': { en: 'a check failed', 'pt-BR': 'uma verificação falhou' },
  'quality.failed/rows': {
    en: 'check failed: {check} — {bad} of {rows} rows do not',
    'pt-BR': 'verificação falhou: {check} — {bad} de {rows} linhas não atendem',
  },
  'quality.failed/rows-eg': {
    en: 'check failed: {check} — {bad} of {rows} rows do not, e.g. {examples}',
    'pt-BR': 'verificação falhou: {check} — {bad} de {rows} linhas não atendem, ex.: {examples}',
  },
  'quality.failed/unique': {
    en: 'check failed: {check} — {bad} of {rows} rows share their {columns} with another',
    'pt-BR': 'verificação falhou: {check} — {bad} de {rows} linhas repetem {columns} de outra',
  },
  'quality.failed/unique-eg': {
    en: 'check failed: {check} — {bad} of {rows} rows share their {columns} with another, e.g. {examples}',
    'pt-BR': 'verificação falhou: {check} — {bad} de {rows} linhas repetem {columns} de outra, ex.: {examples}',
  },
  'quality.failed/min': {
    en: 'check failed: at least {limit} rows — there are {rows}',
    'pt-BR': 'verificação falhou: pelo menos {limit} linhas — há {rows}',
  },
  'quality.failed/max': {
    en: 'check failed: at most {limit} rows — there are {rows}',
    'pt-BR': 'verificação falhou: no máximo {limit} linhas — há {rows}',
  },
  'quality.routed': { en: '{detail}', 'pt-BR': 'linhas separadas: {detail}' },
  'quality.routed/rows': {
    en: '{bad} rows set aside on Failed rows: {check} — {bad} of {rows} rows do not',
    'pt-BR': '{bad} linhas separadas em Linhas reprovadas: {check} — {bad} de {rows} linhas não atendem',
  },
  'quality.routed/rows-eg': {
    en: '{bad} rows set aside on Failed rows: {check} — {bad} of {rows} rows do not, e.g. {examples}',
    'pt-BR':
      '{bad} linhas separadas em Linhas reprovadas: {check} — {bad} de {rows} linhas não atendem, ex.: {examples}',
  },
  'quality.routed/one-rows': {
    en: '{bad} row set aside on Failed rows: {check} — {bad} of {rows} rows do not',
    'pt-BR': '{bad} linha separada em Linhas reprovadas: {check} — {bad} de {rows} linhas não atende',
  },
  'quality.routed/one-rows-eg': {
    en: '{bad} row set aside on Failed rows: {check} — {bad} of {rows} rows do not, e.g. {examples}',
    'pt-BR': '{bad} linha separada em Linhas reprovadas: {check} — {bad} de {rows} linhas não atende, ex.: {examples}',
  },
  'quality.routed/unique': {
    en: '{bad} rows set aside on Failed rows: {check} — {bad} of {rows} rows share their {columns} with another',
    'pt-BR': '{bad} linhas separadas em Linhas reprovadas: {check} — {bad} de {rows} linhas repetem {columns} de outra',
  },
  'quality.routed/unique-eg': {
    en: '{bad} rows set aside on Failed rows: {check} — {bad} of {rows} rows share their {columns} with another, e.g. {examples}',
    'pt-BR':
      '{bad} linhas separadas em Linhas reprovadas: {check} — {bad} de {rows} linhas repetem {columns} de outra, ex.: {examples}',
  },
  'quality.routed/one-unique': {
    en: '{bad} row set aside on Failed rows: {check} — {bad} of {rows} rows share their {columns} with another',
    'pt-BR': '{bad} linha separada em Linhas reprovadas: {check} — {bad} de {rows} linhas repete {columns} de outra',
  },
  'quality.routed/one-unique-eg': {
    en: '{bad} row set aside on Failed rows: {check} — {bad} of {rows} rows share their {columns} with another, e.g. {examples}',
    'pt-BR':
      '{bad} linha separada em Linhas reprovadas: {check} — {bad} de {rows} linhas repete {columns} de outra, ex.: {examples}',
  },
  'quality.routed/min': {
    en: 'check failed: at least {limit} rows — there are {rows}',
    'pt-BR': 'verificação falhou: pelo menos {limit} linhas — há {rows}',
  },
  'quality.routed/max': {
    en: 'check failed: at most {limit} rows — there are {rows}',
    'pt-BR': 'verificação falhou: no máximo {limit} linhas — há {rows}',
  },
  'run.busy': { en: 'this pipeline is already running', 'pt-BR': 'este pipeline já está em execução' },
  'run.cancelled': { en: 'cancelled', 'pt-BR': 'cancelado' },
  'run.not-compiled': {
    en: 'cannot run: {nodes} did not compile',
    'pt-BR': 'não é possível executar: {nodes} não compilou',
  },
  'report.unknown-node': {
    en: 'the report names node "{node}" in {param}, but this pipeline has no such node; its nodes are: {known}',
    'pt-BR': 'o relatório indica o nó "{node}" em {param}, mas este pipeline não tem esse nó; os nós são: {known}',
  },
  'report.failed': {
    en: 'the report {file} could not be written: {detail}',
    'pt-BR': 'não foi possível gravar o relatório {file}: {detail}',
  },
  'run.unknown-node': {
    en: 'there is no node "{node}" in this pipeline',
    'pt-BR': 'não há nó "{node}" neste pipeline',
  },
  'session.closed': { en: 'this pipeline session is closed', 'pt-BR': 'esta sessão do pipeline está fechada' },
  'sink.columns': {
    en: 'table {table} in {where} has no column {columns}: add it to the table, or leave it out before this sink',
    'pt-BR':
      'a tabela {table} em {where} não tem a coluna {columns}: adicione-a à tabela, ou retire-a antes deste sink',
  },
  'sink.columns/many': {
    en: 'table {table} in {where} has no columns {columns}: add them to the table, or leave them out before this sink',
    'pt-BR':
      'a tabela {table} em {where} não tem as colunas {columns}: adicione-as à tabela, ou retire-as antes deste sink',
  },
  'sink.exists': {
    en: '{file} already exists, and this sink is set to fail rather than replace it',
    'pt-BR': '{file} já existe, e este sink está configurado para falhar em vez de substituí-lo',
  },
  'sink.exists/table': {
    en: 'table {table} already exists in {where}, and this sink is set to create it (choose replace, append or upsert)',
    'pt-BR':
      'a tabela {table} já existe em {where}, e este sink está configurado para criá-la (escolha substituir, acrescentar ou upsert)',
  },
  'sink.key': {
    en: 'table {table} in {where} has no primary key or unique index on ({columns}): an upsert needs one to match rows',
    'pt-BR':
      'a tabela {table} em {where} não tem chave primária nem índice único em ({columns}): um upsert precisa de um para casar as linhas',
  },
  'sink.key/clickhouse': {
    en: 'table {table} in {where}: ClickHouse has no primary key or unique index that an upsert could match rows on; choose replace or append (a ReplacingMergeTree table keeps the last row of each key, merging in the background)',
    'pt-BR':
      'tabela {table} em {where}: o ClickHouse não tem chave primária nem índice único em que um upsert possa casar as linhas; escolha substituir ou acrescentar (uma tabela ReplacingMergeTree guarda a última linha de cada chave, mesclando em segundo plano)',
  },
  'sink.lock-file': {
    en: 'cannot lock {target} (its lock file {file}): {detail}',
    'pt-BR': 'não foi possível travar {target} (seu arquivo de trava {file}): {detail}',
  },
  'sink.locked': {
    en: '{target} is being written by another run: locked by {holder}; the lock wait is 0, so the run does not wait (--lock-wait SECONDS waits longer)',
    'pt-BR':
      '{target} está sendo gravado por outra execução: travado por {holder}; a espera pela trava é 0, então a execução não espera (--lock-wait SEGUNDOS espera mais)',
  },
  'sink.locked/waited': {
    en: '{target} is being written by another run: locked by {holder}; waited {seconds} s, the lock wait limit (--lock-wait SECONDS waits longer)',
    'pt-BR':
      '{target} está sendo gravado por outra execução: travado por {holder}; esperou {seconds} s, o limite de espera pela trava (--lock-wait SEGUNDOS espera mais)',
  },
  'sink.non-transactional/clickhouse-distributed': {
    en: 'table {table} in {name} is a Distributed table: replacing it would swap the table that routes to the shards, not their rows. Replace the local table on each shard, or append',
    'pt-BR':
      'a tabela {table} em {name} é uma tabela Distributed: substituí-la trocaria a tabela que leva aos shards, não as linhas deles. Substitua a tabela local em cada shard, ou acrescente',
  },
  'sink.non-transactional': {
    en: 'table {table} in {name} uses the {engine} engine, which cannot roll back: a failed {mode} would leave part of its rows there. Choose mode replace (a new table swapped in atomically with RENAME TABLE), convert the table (ALTER TABLE … ENGINE=InnoDB), or set "Allow a non-transactional table" (allowNonAtomic)',
    'pt-BR':
      'a tabela {table} em {name} usa o mecanismo {engine}, que não desfaz alterações: um {mode} que falhe deixaria parte das linhas lá. Escolha o modo substituir (uma tabela nova trocada atomicamente com RENAME TABLE), converta a tabela (ALTER TABLE … ENGINE=InnoDB), ou marque "Permitir uma tabela sem transações" (allowNonAtomic)',
  },
  'sink.refused': { en: 'refused: {detail}', 'pt-BR': 'recusado: {detail}' },
  'sink.refused/clickhouse-fraction': {
    en: "column \"{column}\": {value} has a fraction of a second, and ClickHouse's DateTime keeps whole seconds; round it before this sink (date_trunc('second', …))",
    'pt-BR':
      'coluna "{column}": {value} tem fração de segundo, e o DateTime do ClickHouse guarda segundos inteiros; arredonde antes deste sink (date_trunc(\'second\', …))',
  },
  'sink.refused/clickhouse-range': {
    en: 'column "{column}": {value} is outside what ClickHouse\'s {type} holds ({range})',
    'pt-BR': 'coluna "{column}": {value} está fora do que o {type} do ClickHouse guarda ({range})',
  },
  'sink.refused/twice': {
    en: 'refused: {target} is also written by "{node}"',
    'pt-BR': 'recusado: {target} também é gravado por "{node}"',
  },
  'sink.refused/cache': {
    en: "refused: {target} is in Duto's node cache folder, which only runs write",
    'pt-BR': 'recusado: {target} está na pasta de cache de nós do Duto, que só as execuções gravam',
  },
  'sink.refused/self': {
    en: "refused: {target} is this pipeline's own file",
    'pt-BR': 'recusado: {target} é o próprio arquivo deste pipeline',
  },
  'sink.refused/holds-self': {
    en: "refused: {target} holds this pipeline's own file",
    'pt-BR': 'recusado: {target} contém o próprio arquivo deste pipeline',
  },
  'sink.refused/is-input': {
    en: 'refused: {target} is {input}, which "{node}" reads: an output never replaces its own input',
    'pt-BR': 'recusado: {target} é {input}, que "{node}" lê: uma saída nunca substitui a própria entrada',
  },
  'sink.refused/holds-input': {
    en: 'refused: {target} holds {input}, which "{node}" reads: an output never replaces its own input',
    'pt-BR': 'recusado: {target} contém {input}, que "{node}" lê: uma saída nunca substitui a própria entrada',
  },
  'sink.refused/not-file': {
    en: 'refused: {target} exists and is not a regular file',
    'pt-BR': 'recusado: {target} existe e não é um arquivo comum',
  },
  'sink.refused/home': {
    en: "refused: {target} is this pipeline's folder or a folder above it: a partitioned output goes in a folder of its own",
    'pt-BR':
      'recusado: {target} é a pasta deste pipeline ou uma pasta acima dela: uma saída particionada vai em uma pasta própria',
  },
  'sink.refused/root': {
    en: 'refused: {target} is a root or home folder: a partitioned output goes in a folder of its own',
    'pt-BR': 'recusado: {target} é uma pasta raiz ou pessoal: uma saída particionada vai em uma pasta própria',
  },
  'sink.refused/foreign': {
    en: 'refused: {target} exists and was not written by Duto (it holds other files): remove it or choose another folder, and Duto will replace it on later runs',
    'pt-BR':
      'recusado: {target} existe e não foi gravado pelo Duto (contém outros arquivos): remova-o ou escolha outra pasta, e o Duto o substituirá nas próximas execuções',
  },
  'sql.identifier': {
    en: 'a table or column name cannot contain a NUL character',
    'pt-BR': 'um nome de tabela ou coluna não pode conter um caractere NUL',
  },
  'sql.invalid': { en: '{detail}', 'pt-BR': 'SQL inválido: {detail}' },
  'sql.invalid/query': { en: '{what} in {file}: {detail}', 'pt-BR': '{what} em {file}: {detail}' },
  'sql.invalid/empty': { en: 'the statement is empty', 'pt-BR': 'a instrução está vazia' },
  'sql.invalid/one': {
    en: 'only one statement may be run: remove what follows the first ";"',
    'pt-BR': 'só uma instrução pode ser executada: remova o que vem depois do primeiro ";"',
  },
  'sql.refused': { en: '{detail}', 'pt-BR': 'SQL recusado: {detail}' },
  'sql.value': {
    en: 'a filter value cannot contain a NUL character',
    'pt-BR': 'um valor de filtro não pode conter um caractere NUL',
  },
  'state.corrupt': {
    en: 'the incremental state {file} is not valid; `duto state reset` starts over',
    'pt-BR': 'o estado incremental {file} não é válido; `duto state reset` recomeça do zero',
  },
  'state.corrupt/unreadable': {
    en: 'the incremental state {file} cannot be read ({detail}); `duto state reset` starts over',
    'pt-BR': 'o estado incremental {file} não pode ser lido ({detail}); `duto state reset` recomeça do zero',
  },
  'state.diverged': {
    en: 'the targets of {source} committed different watermarks ({list}); run them separately with `duto run --until`, or `duto run --full-refresh`',
    'pt-BR':
      'os destinos de {source} gravaram marcas d’água diferentes ({list}); execute-os separadamente com `duto run --until`, ou `duto run --full-refresh`',
  },
  'state.invalid': {
    en: 'the stored watermark of {node} in {file} is {value}, {detail}; `duto state reset` or `duto run --full-refresh` starts over',
    'pt-BR':
      'a marca d’água armazenada de {node} em {file} é {value}, {detail}; `duto state reset` ou `duto run --full-refresh` recomeça do zero',
  },
  'state.missing': {
    en: '{file} exists but {state} keeps no watermark of {source}: reading every row again would deliver them twice. Run `duto run --full-refresh` to load everything on purpose',
    'pt-BR':
      '{file} existe mas {state} não guarda marca d’água de {source}: ler todas as linhas de novo as entregaria duas vezes. Execute `duto run --full-refresh` para carregar tudo de propósito',
  },
  'state.missing/target': {
    en: '{sink} already holds rows but {where} keeps no watermark of {source}: reading every row again would load them twice. Run `duto run --full-refresh` to load everything on purpose, or empty the target',
    'pt-BR':
      '{sink} já tem linhas mas {where} não guarda marca d’água de {source}: ler todas as linhas de novo as carregaria duas vezes. Execute `duto run --full-refresh` para carregar tudo de propósito, ou esvazie o destino',
  },
  'state.write': {
    en: 'the run succeeded, but its incremental state could not be saved: {detail}',
    'pt-BR': 'a execução deu certo, mas seu estado incremental não pôde ser salvo: {detail}',
  },
  'trust.connection': {
    en: 'restricted: connects to the database connection "{name}": trust this pipeline to allow it',
    'pt-BR': 'restrito: conecta-se à conexão de banco de dados "{name}": confie neste pipeline para permitir',
  },
  'trust.network': {
    en: 'restricted: fetches {url} over the network: trust this pipeline to allow it',
    'pt-BR': 'restrito: busca {url} pela rede: confie neste pipeline para permitir',
  },
  'trust.outside': {
    en: "restricted: reads {file}, outside this pipeline's folder {folder}: trust this pipeline to allow it",
    'pt-BR': 'restrito: lê {file}, fora da pasta deste pipeline {folder}: confie neste pipeline para permitir',
  },
  'trust.restricted': {
    en: 'this pipeline is not trusted on this machine, so it is only checked and previewed, never run. Trust it (in the app, or with duto run --trust / duto trust FOLDER) to run it',
    'pt-BR':
      'este pipeline não é confiável nesta máquina, então só é verificado e pré-visualizado, nunca executado. Confie nele (no app, ou com duto run --trust / duto trust PASTA) para executá-lo',
  },
  'trust.restricted/would': {
    en: 'this pipeline is not trusted on this machine, so it is only checked and previewed, never run; it would {actions}. Trust it (in the app, or with duto run --trust / duto trust FOLDER) to run it',
    'pt-BR':
      'este pipeline não é confiável nesta máquina, então só é verificado e pré-visualizado, nunca executado; ele iria {actions}. Confie nele (no app, ou com duto run --trust / duto trust PASTA) para executá-lo',
  },
  'trust.secret': {
    en: 'restricted: uses the secret {name}: trust this pipeline to allow it',
    'pt-BR': 'restrito: usa o segredo {name}: confie neste pipeline para permitir',
  },
  'trust.too-wide': {
    en: '{folder} is a root or home folder: move the pipeline into a project folder to trust it whole, or trust only this file',
    'pt-BR':
      '{folder} é uma pasta raiz ou pessoal: mova o pipeline para uma pasta de projeto para confiar nela inteira, ou confie só neste arquivo',
  },
} as const satisfies Record<string, Template>;
