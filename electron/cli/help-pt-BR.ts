/** The CLI's help in Brazilian Portuguese, by English text (help-locale.ts). */
export const HELP_PT_BR: ReadonlyMap<string, string> = new Map([
  ['Usage:', 'Uso:'],
  ['Options:', 'Opções:'],
  ['Commands:', 'Comandos:'],
  ['Arguments:', 'Argumentos:'],
  ['Global Options:', 'Opções globais:'],
  ['display help for command', 'mostra a ajuda do comando'],
  ['output the version number', 'mostra o número da versão'],
  [
    'Run and inspect Duto pipelines (*.duto.json) headless.',
    'Executa e inspeciona pipelines do Duto (*.duto.json) sem interface gráfica.',
  ],
  [
    'run the pipeline (or, with --until, what a node needs and the node); several run in turn, each only if the one before succeeded',
    'executa o pipeline (ou, com --until, o que um nó precisa e o próprio nó); vários rodam em sequência, cada um só se o anterior tiver dado certo',
  ],
  ['pipeline files', 'arquivos de pipeline'],
  ['run only this node and its upstream', 'executa só este nó e o que vem antes dele'],
  ['write every output, even those that are up to date', 'grava todas as saídas, mesmo as que estão atualizadas'],
  [
    'neither reuse nor keep node results (the node cache: `duto cache ls`)',
    'não reaproveita nem guarda resultados de nós (o cache de nós: `duto cache ls`)',
  ],
  [
    'the node cache budget for this run, e.g. 500MB (default $DUTO_CACHE_MAX_BYTES, else 2GiB); least recently used results go first',
    'o limite do cache de nós nesta execução, por exemplo 500MB (padrão $DUTO_CACHE_MAX_BYTES, senão 2GiB); os resultados usados há mais tempo saem primeiro',
  ],
  [
    'when a big node result (a parsed file, a join) is kept: the second run that computes it (default: a one-off run pays nearly nothing), or the first',
    'quando um resultado grande de nó (um arquivo lido, um join) é guardado: na segunda execução que o calcula (padrão: uma execução avulsa quase não paga nada) ou já na primeira',
  ],
  [
    "reuse this node's cached result although it looks volatile (a database source, now()…): its settings alone key it (repeatable)",
    'reaproveita o resultado em cache deste nó mesmo parecendo volátil (uma fonte de banco de dados, now()…): só as configurações dele formam a chave (repetível)',
  ],
  [
    'incremental sources read every row again and their targets keep the new watermark (needed when a target holds data but no state)',
    "fontes incrementais leem todas as linhas de novo e seus destinos guardam a nova marca d'água (necessário quando um destino tem dados mas não tem estado)",
  ],
  [
    'with several pipelines: run the rest after one fails',
    'com vários pipelines: executa os demais depois que um falha',
  ],
  [
    'run the nodes below a PostgreSQL/MySQL/ClickHouse table in that database where it gives the same result (see duto explain); the default unless the pipeline says "pushdown": false',
    'executa no próprio banco os nós abaixo de uma tabela PostgreSQL/MySQL/ClickHouse, onde o resultado é o mesmo (veja duto explain); o padrão, a menos que o pipeline diga "pushdown": false',
  ],
  [
    'run every node in DuckDB, whatever the pipeline says',
    'executa todos os nós no DuckDB, diga o pipeline o que disser',
  ],
  [
    'also write a JUnit XML report: data checks and outputs as test cases, for CI',
    'grava também um relatório JUnit XML: verificações de dados e saídas como casos de teste, para CI',
  ],
  [
    'POST the outcome as JSON to this webhook (Slack, Teams…); ${secret:NAME} reads it from DUTO_SECRET_NAME',
    'envia (POST) o resultado em JSON para este webhook (Slack, Teams…); ${secret:NOME} o lê de DUTO_SECRET_NOME',
  ],
  ['when to notify', 'quando notificar'],
  [
    'emit OpenLineage START and COMPLETE/FAIL events: JSON lines appended to a file, or POSTed to an http(s) endpoint (default: $DUTO_OPENLINEAGE)',
    'emite eventos OpenLineage START e COMPLETE/FAIL: linhas JSON acrescentadas a um arquivo, ou enviadas (POST) a um endereço http(s) (padrão: $DUTO_OPENLINEAGE)',
  ],
  ['print the run result as JSON', 'mostra o resultado da execução em JSON'],
  [
    'how long an output waits while another run writes the same target (file, SQLite file or database table) before the run fails with sink.locked; 0: fail at once (default 600)',
    'quanto tempo uma saída espera enquanto outra execução grava o mesmo destino (arquivo, arquivo SQLite ou tabela de banco) antes de a execução falhar com sink.locked; 0: falha na hora (padrão 600)',
  ],
  ['set a pipeline parameter (repeatable)', 'define um parâmetro do pipeline (repetível)'],
  [
    "connections file to use (default: your user one, plus those duto.connections.json beside the pipeline adds); passwords come from DUTO_CONN_<NAME>_PASSWORD or DUTO_CONN_<NAME>_URL, for your own file's connections only",
    'arquivo de conexões a usar (padrão: o do seu usuário, mais as que um duto.connections.json ao lado do pipeline acrescenta); as senhas vêm de DUTO_CONN_<NOME>_PASSWORD ou DUTO_CONN_<NOME>_URL, só para as conexões do seu próprio arquivo',
  ],
  [
    "the engine's memory budget, e.g. 4GB (default: half of this machine's memory); beyond it, sorts, joins and aggregations spill to disk",
    'o limite de memória do motor, por exemplo 4GB (padrão: metade da memória desta máquina); além dele, ordenações, joins e agregações passam para o disco',
  ],
  [
    'the most the engine may spill to disk, e.g. 50GB (default: half of the free space in the temporary folder)',
    'o máximo que o motor pode gravar em disco ao estourar a memória, por exemplo 50GB (padrão: metade do espaço livre da pasta temporária)',
  ],
  ['threads DuckDB uses (default: one per core)', 'threads que o DuckDB usa (padrão: uma por núcleo)'],
  [
    'how long checking (opening) the pipeline may take before it is stopped (default 300)',
    'quanto tempo a verificação (abertura) do pipeline pode levar antes de ser interrompida (padrão 300)',
  ],
  [
    'trust this pipeline for this command: let it read files outside its folder, connect to databases, fetch over the network, use secrets and write its outputs (default: only pipelines in folders or files you trusted with `duto trust`)',
    'confia neste pipeline para este comando: deixa que leia arquivos fora da pasta dele, conecte a bancos de dados, busque na rede, use segredos e grave suas saídas (padrão: só pipelines em pastas ou arquivos em que você confiou com `duto trust`)',
  ],
  [
    "run the pipeline, then write one self-contained HTML report of the run to -o: the pipeline's report node (sink.report), or by default the run summary, the data checks and every node's saved charts",
    'executa o pipeline e grava em -o um relatório HTML autocontido da execução: o nó de relatório do pipeline (sink.report) ou, por padrão, o resumo da execução, as verificações de dados e os gráficos salvos de cada nó',
  ],
  ['pipeline file', 'arquivo de pipeline'],
  ['the HTML file to write (.html)', 'o arquivo HTML a gravar (.html)'],
  ['with several report nodes: the one to write', 'com vários nós de relatório: o que deve ser gravado'],
  [
    'run the pipelines that have a "schedule" (cron, folder and after-pipeline triggers) until stopped; JSON-lines logs on stdout; SIGTERM or SIGINT cancels the runs under way and exits',
    'executa os pipelines que têm um "schedule" (gatilhos de cron, de pasta e de depois de outro pipeline) até ser parado; registros em linhas JSON na saída padrão; SIGTERM ou SIGINT cancela as execuções em andamento e sai',
  ],
  [
    'pipeline files or folders holding them (default: this folder)',
    'arquivos de pipeline ou pastas que os contêm (padrão: esta pasta)',
  ],
  [
    'how long an output waits for a target another run is writing (default 600)',
    'quanto tempo uma saída espera por um destino que outra execução está gravando (padrão 600)',
  ],
  [
    'seconds between scans of folder triggers (default 2)',
    'segundos entre as varreduras dos gatilhos de pasta (padrão 2)',
  ],
  [
    'check the pipeline without running it: every problem, by node and param',
    'verifica o pipeline sem executá-lo: todos os problemas, por nó e parâmetro',
  ],
  ['print the diagnostics as JSON', 'mostra os diagnósticos em JSON'],
  ["print a node's output columns and types", 'mostra as colunas e os tipos da saída de um nó'],
  ['node id', 'id do nó'],
  ['print the columns as JSON', 'mostra as colunas em JSON'],
  ["print the first rows of a node's output", 'mostra as primeiras linhas da saída de um nó'],
  ['rows to show (default 20)', 'linhas a mostrar (padrão 20)'],
  ['rows to skip first', 'linhas a pular no início'],
  [
    "sort the node's whole output by a column (repeatable), as clicking a preview header does",
    'ordena toda a saída do nó por uma coluna (repetível), como um clique no cabeçalho da prévia',
  ],
  [
    'keep the rows whose column contains text, or compares to it: amount=>10, city==Recife, name==NULL (repeatable; the text is a value, never SQL)',
    'mantém as linhas cuja coluna contém o texto, ou se compara a ele: amount=>10, city==Recife, name==NULL (repetível; o texto é um valor, nunca SQL)',
  ],
  ['print columns and rows as JSON', 'mostra colunas e linhas em JSON'],
  [
    "statistics of every column of a node's whole output: empty values, distinct values, min, max, mean",
    'estatísticas de cada coluna de toda a saída de um nó: valores vazios, valores distintos, mínimo, máximo, média',
  ],
  ['print the profile as JSON (with spread and median)', 'mostra o perfil em JSON (com dispersão e mediana)'],
  [
    'print the pipeline as one SQL script for plain DuckDB',
    'mostra o pipeline como um único script SQL para o DuckDB puro',
  ],
  [
    'first print, for each part that runs in its database (PostgreSQL, MySQL), the nodes it covers and the SQL it runs there; then the rest as DuckDB SQL',
    'mostra antes, para cada parte que roda no próprio banco (PostgreSQL, MySQL), os nós que ela cobre e o SQL que roda lá; depois o resto como SQL do DuckDB',
  ],
  [
    'show which nodes run in the database (PostgreSQL, MySQL) and with what SQL, and which run in DuckDB and why',
    'mostra quais nós rodam no banco de dados (PostgreSQL, MySQL) e com qual SQL, e quais rodam no DuckDB e por quê',
  ],
  [
    'print Markdown documentation of the pipeline: its DAG as a Mermaid chart, parameters, and per node its settings, columns and problems',
    'mostra a documentação do pipeline em Markdown: o DAG como gráfico Mermaid, os parâmetros e, para cada nó, suas configurações, colunas e problemas',
  ],
  ['write the Markdown to this file instead of stdout', 'grava o Markdown neste arquivo em vez da saída padrão'],
  [
    "which sources each output is made from, through which nodes (--json: with every dataset's columns)",
    'de quais fontes cada saída é feita, passando por quais nós (--json: com as colunas de cada conjunto de dados)',
  ],
  [
    'column-level lineage: for each output column, the source columns it comes from, through which nodes, and how (identity, transformation, aggregation)',
    'linhagem por coluna: para cada coluna de saída, as colunas de origem de onde vem, por quais nós e como (identidade, transformação, agregação)',
  ],
  [
    'print datasets (with columns), flows and column lineage as JSON',
    'mostra conjuntos de dados (com colunas), fluxos e linhagem por coluna em JSON',
  ],
  [
    "detect a CSV file's dialect (delimiter, quote, header line, decimal comma, encoding, date format) as a CSV source with no dialect params reads it",
    'detecta o dialeto de um arquivo CSV (separador, aspas, linha de cabeçalho, vírgula decimal, codificação, formato de data) como uma fonte CSV sem parâmetros de dialeto o lê',
  ],
  ['CSV file', 'arquivo CSV'],
  ['print the detected dialect as JSON', 'mostra o dialeto detectado em JSON'],
  [
    'write what an orchestrator needs to run these pipelines with `duto run`: an Airflow or Dagster DAG, a GitHub Actions workflow, a systemd service and timer, or a crontab line (target: airflow, dagster, github-actions, systemd, cron)',
    'grava o que um orquestrador precisa para executar estes pipelines com `duto run`: um DAG do Airflow ou do Dagster, um workflow do GitHub Actions, um serviço e um timer do systemd, ou uma linha de crontab (destino: airflow, dagster, github-actions, systemd, cron)',
  ],
  ['airflow | dagster | github-actions | systemd | cron', 'airflow | dagster | github-actions | systemd | cron'],
  ['write the files into this folder (default: print them)', 'grava os arquivos nesta pasta (padrão: mostrá-los)'],
  [
    "the DAG / job / unit name (default: the first pipeline's folder)",
    'o nome do DAG / job / unidade (padrão: a pasta do primeiro pipeline)',
  ],
  [
    'lineage: a pipeline waits for those writing files it reads; order: each waits for the one before',
    'lineage: um pipeline espera pelos que gravam os arquivos que ele lê; order: cada um espera pelo anterior',
  ],
  [
    'retry a failed pipeline this many times (default 0)',
    'tenta de novo um pipeline que falhou esta quantidade de vezes (padrão 0)',
  ],
  [
    'first delay before a retry, doubling after each (default 60)',
    'espera antes da primeira nova tentativa, dobrando a cada uma (padrão 60)',
  ],
  [
    'when to run, as five cron fields, e.g. "0 6 * * 1-5"',
    'quando executar, em cinco campos de cron, por exemplo "0 6 * * 1-5"',
  ],
  [
    'time zone of the schedule, e.g. Europe/Lisbon (default UTC)',
    'fuso horário do agendamento, por exemplo America/Sao_Paulo (padrão UTC)',
  ],
  [
    'the folder jobs run in; pipeline paths are written relative to it (default: this one)',
    'a pasta em que os jobs rodam; os caminhos dos pipelines são gravados em relação a ela (padrão: esta)',
  ],
  [
    "the pipeline's last runs (from the CLI and the app), newest first; --all: every pipeline's runs in one list",
    'as últimas execuções do pipeline (da linha de comando e do app), as mais recentes primeiro; --all: as execuções de todos os pipelines numa só lista',
  ],
  [
    "every pipeline's runs in one list (status, duration, rows, checks)",
    'as execuções de todos os pipelines numa só lista (situação, duração, linhas, verificações)',
  ],
  ['runs to show (default 20)', 'execuções a mostrar (padrão 20)'],
  ['print the runs as JSON, with every node', 'mostra as execuções em JSON, com todos os nós'],
  [
    'three-way merge of a pipeline file (git merge driver: duto merge %O %A %B); exit 1 lists conflicts',
    'mesclagem de três vias de um arquivo de pipeline (driver de merge do git: duto merge %O %A %B); a saída 1 lista os conflitos',
  ],
  ['the common ancestor (may be empty)', 'o ancestral comum (pode estar vazio)'],
  [
    'our version; the result is written here unless --output is given',
    'a nossa versão; o resultado é gravado aqui, a menos que --output seja dado',
  ],
  ['their version', 'a versão deles'],
  ['write the result here instead of over <ours>', 'grava o resultado aqui em vez de por cima de <ours>'],
  [
    'rewrite pipeline files in the current format (migrations applied, canonical layout); --check only says which would change',
    'regrava arquivos de pipeline no formato atual (migrações aplicadas, disposição canônica); --check só diz quais mudariam',
  ],
  ['write nothing; exit 1 when a file would change', 'não grava nada; sai com 1 quando um arquivo mudaria'],
  [
    'trust folders or pipeline files, so that they may write, read outside their folder, connect and use secrets (shared with the app); no path: list',
    'confia em pastas ou arquivos de pipeline, para que possam gravar, ler fora da sua pasta, conectar e usar segredos (compartilhado com o app); sem caminho: lista',
  ],
  [
    'folders (every pipeline in them) or pipeline files (as they are now)',
    'pastas (todos os pipelines nelas) ou arquivos de pipeline (como estão agora)',
  ],
  ['list what is trusted', 'lista em que se confia'],
  ['forget these paths', 'esquece estes caminhos'],
  [
    'list what killed runs left beside the outputs (temporary files, moved-aside folders) and in database targets (MySQL staging tables; a trusted pipeline only); --remove sweeps them',
    'lista o que execuções interrompidas deixaram ao lado das saídas (arquivos temporários, pastas deixadas de lado) e em destinos de banco de dados (tabelas de preparação do MySQL; só pipelines confiáveis); --remove os limpa',
  ],
  [
    'remove them (a moved-aside output whose target is missing is put back)',
    'remove-os (uma saída deixada de lado cujo destino sumiu é reposta no lugar)',
  ],
  [
    'the resident engine: commands typed in a terminal (run, preview…) run in it, loaded once (DUTO_ENGINE=off|on)',
    'o motor residente: comandos digitados num terminal (run, preview…) rodam nele, carregado uma só vez (DUTO_ENGINE=off|on)',
  ],
  [
    'whether an engine runs for this duto, since when, and how many commands it served',
    'se há um motor rodando para este duto, desde quando e quantos comandos ele atendeu',
  ],
  ['print the status as JSON', 'mostra o estado em JSON'],
  [
    'start one now (the first command typed in a terminal starts one otherwise)',
    'inicia um agora (senão o primeiro comando digitado num terminal inicia um)',
  ],
  [
    'stop it (it also leaves after 10 minutes without a command)',
    'para o motor (ele também sai após 10 minutos sem comandos)',
  ],
  [
    'the node cache: results runs keep and reuse (in the user cache folder, $DUTO_CACHE_DIR overrides)',
    'o cache de nós: resultados que as execuções guardam e reaproveitam (na pasta de cache do usuário; $DUTO_CACHE_DIR a substitui)',
  ],
  [
    'list the cached node results, most recently used first, and their total size',
    'lista os resultados de nós em cache, os usados mais recentemente primeiro, e o tamanho total',
  ],
  ['print the entries as JSON', 'mostra as entradas em JSON'],
  [
    'remove every cached node result (runs compute them again)',
    'remove todos os resultados de nós em cache (as execuções os calculam de novo)',
  ],
  [
    "a pipeline's incremental state (the watermarks of incremental sources)",
    "o estado incremental de um pipeline (as marcas d'água das fontes incrementais)",
  ],
  [
    'print the watermarks of the incremental sources, or what is wrong with a corrupt state file',
    "mostra as marcas d'água das fontes incrementais, ou o que há de errado num arquivo de estado corrompido",
  ],
  [
    'forget the watermarks of every incremental source, or of NODE: the next run reads every row (also on a corrupt state file)',
    "esquece as marcas d'água de todas as fontes incrementais, ou de NODE: a próxima execução lê todas as linhas (também com um arquivo de estado corrompido)",
  ],
  [
    'Delta Lake tables (a folder with _delta_log): versions, schema, clean-up',
    'tabelas Delta Lake (uma pasta com _delta_log): versões, esquema, limpeza',
  ],
  [
    'the versions of a Delta table, newest first: operation, files and rows added and removed, when, by which engine',
    'as versões de uma tabela Delta, as mais recentes primeiro: operação, arquivos e linhas acrescentados e removidos, quando, por qual motor',
  ],
  ['the table folder', 'a pasta da tabela'],
  ['print the versions as JSON', 'mostra as versões em JSON'],
  [
    "a Delta table's latest version: columns, partitions, protocol, files",
    'a versão mais recente de uma tabela Delta: colunas, partições, protocolo, arquivos',
  ],
  ['print the description as JSON', 'mostra a descrição em JSON'],
  [
    "delete the data files the latest version no longer uses, once older than the retention (never below the table's own), only inside the table folder",
    'apaga os arquivos de dados que a versão mais recente não usa mais, quando mais antigos que a retenção (nunca abaixo da própria tabela), só dentro da pasta da tabela',
  ],
  [
    'keep unused files younger than this (default 168: 7 days)',
    'mantém os arquivos sem uso mais novos que isto (padrão 168: 7 dias)',
  ],
  ['list the files without deleting them', 'lista os arquivos sem apagá-los'],
  ['print the result as JSON', 'mostra o resultado em JSON'],
  ['choices:', 'valores:'],
  ['default:', 'padrão:'],
]);
