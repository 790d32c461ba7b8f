import type { Template } from './template';

/** Connections, connectors (databases, HTTP, Excel) and stored secrets (engine connectors, host connections). */
export const CONNECTOR_MESSAGES = {
  'connection.failed': {
    en: 'cannot connect to {name}: {detail}',
    'pt-BR': 'não foi possível conectar a {name}: {detail}',
  },
  'connection.kind': {
    en: '{name} is a {kind} connection; this node needs a {want} one',
    'pt-BR': '{name} é uma conexão {kind}; este nó precisa de uma {want}',
  },
  'connection.missing': { en: 'this node names no connection', 'pt-BR': 'este nó não indica nenhuma conexão' },
  'connection.none': {
    en: 'this engine was opened without connections, so "{name}" cannot be found',
    'pt-BR': 'este motor foi aberto sem conexões, então "{name}" não pode ser encontrada',
  },
  'connection.not-yours': {
    en: 'connection "{name}" is defined only in {theirs}, which came with the pipeline, so {variables} is not sent to it: a pipeline\'s file must not choose where your password goes. Define "{name}" in your connections file ({yours}) or in a file given with --connections FILE',
    'pt-BR':
      'a conexão "{name}" é definida só em {theirs}, que veio com o pipeline, então {variables} não é enviada a ela: o arquivo de um pipeline não pode escolher para onde vai sua senha. Defina "{name}" no seu arquivo de conexões ({yours}) ou em um arquivo dado com --connections ARQUIVO',
  },
  'connection.not-yours/many': {
    en: 'connection "{name}" is defined only in {theirs}, which came with the pipeline, so {variables} are not sent to it: a pipeline\'s file must not choose where your password goes. Define "{name}" in your connections file ({yours}) or in a file given with --connections FILE',
    'pt-BR':
      'a conexão "{name}" é definida só em {theirs}, que veio com o pipeline, então {variables} não são enviadas a ela: o arquivo de um pipeline não pode escolher para onde vai sua senha. Defina "{name}" no seu arquivo de conexões ({yours}) ou em um arquivo dado com --connections ARQUIVO',
  },
  'connection.ok': { en: '{name}: connected', 'pt-BR': '{name}: conectado' },
  'connection.redefined': {
    en: 'connection "{name}" is defined in your connections file {yours}, and {theirs}, which came with the pipeline, defines it differently: a pipeline\'s file may add connections but not redefine yours. Remove "{name}" from {theirs} (yours is used then), or give it another name there and in the pipeline',
    'pt-BR':
      'a conexão "{name}" é definida no seu arquivo de conexões {yours}, e {theirs}, que veio com o pipeline, a define de outro jeito: o arquivo de um pipeline pode acrescentar conexões mas não redefinir as suas. Remova "{name}" de {theirs} (a sua é usada então), ou dê a ela outro nome lá e no pipeline',
  },
  'connection.secret-unreadable': {
    en: 'the stored password of connection "{name}" cannot be read: {detail}',
    'pt-BR': 'a senha armazenada da conexão "{name}" não pode ser lida: {detail}',
  },
  'connection.secret-unreadable/keychain': {
    en: 'the stored password of connection "{name}" cannot be read: it cannot be decrypted (did the keychain change?): enter it again under Connections',
    'pt-BR':
      'a senha armazenada da conexão "{name}" não pode ser lida: não é possível descriptografá-la (o chaveiro mudou?): digite-a de novo em Conexões',
  },
  'connection.stalled': {
    en: "{name} sent nothing for {seconds} s while Duto waited for it (the network or the server stopped responding); the connection was closed. The limit is the connection's idleTimeoutSeconds option",
    'pt-BR':
      '{name} não enviou nada por {seconds} s enquanto o Duto esperava (a rede ou o servidor parou de responder); a conexão foi fechada. O limite é a opção idleTimeoutSeconds da conexão',
  },
  'connection.timeout': {
    en: 'cannot connect to {name}: no answer within {seconds} s',
    'pt-BR': 'não foi possível conectar a {name}: sem resposta em {seconds} s',
  },
  'connection.unknown': {
    en: 'there is no connection "{name}": define it in {file}, or set {variable}',
    'pt-BR': 'não há conexão "{name}": defina-a em {file}, ou defina {variable}',
  },
  'connection.url': {
    en: 'connection "{name}": {variable} is not a URL (expected e.g. postgres://user:password@host:5432/database)',
    'pt-BR': 'conexão "{name}": {variable} não é uma URL (esperado ex.: postgres://usuario:senha@host:5432/banco)',
  },
  'connection.url/scheme': {
    en: 'connection "{name}": {variable} has scheme {scheme}; expected postgres:, postgresql:, mysql:, mariadb: or clickhouse:',
    'pt-BR':
      'conexão "{name}": {variable} tem o esquema {scheme}; esperado postgres:, postgresql:, mysql:, mariadb: ou clickhouse:',
  },
  'connection.url/kind': {
    en: 'connection "{name}" is a {kind} connection, but {variable} is a {urlKind} URL',
    'pt-BR': 'a conexão "{name}" é uma conexão {kind}, mas {variable} é uma URL {urlKind}',
  },
  'connections.exists': { en: 'there is already a connection "{name}"', 'pt-BR': 'já existe uma conexão "{name}"' },
  'connections.file-invalid': { en: '{detail} (fix or remove {file})', 'pt-BR': '{detail} (corrija ou remova {file})' },
  'connections.file-invalid/fix': { en: 'fix or remove {file}', 'pt-BR': 'corrija ou remova {file}' },
  'connections.invalid': { en: '{detail}', 'pt-BR': 'conexões inválidas: {detail}' },
  'connections.invalid/connection': {
    en: 'the connection is not valid: {detail}',
    'pt-BR': 'a conexão não é válida: {detail}',
  },
  'connections.invalid/at': { en: '{at}: {detail}', 'pt-BR': '{at}: {detail}' },
  'connections.invalid/password': {
    en: '{detail}: passwords never go in a connections file; set {variable}',
    'pt-BR': '{detail}: senhas nunca vão num arquivo de conexões; defina {variable}',
  },
  'connections.invalid/password-at': {
    en: '{at}: {detail}: passwords never go in a connections file; set {variable}',
    'pt-BR': '{at}: {detail}: senhas nunca vão num arquivo de conexões; defina {variable}',
  },
  'connections.no-secret-storage': {
    en: "passwords cannot be stored here ({backend}); set {variable} in Duto's environment instead",
    'pt-BR': 'senhas não podem ser armazenadas aqui ({backend}); defina {variable} no ambiente do Duto',
  },
  'connections.not-found': {
    en: 'there is no connection "{name}" (was it deleted meanwhile?)',
    'pt-BR': 'não há conexão "{name}" (foi excluída enquanto isso?)',
  },
  'connections.read': {
    en: 'cannot read connections file {file}: {detail}',
    'pt-BR': 'não foi possível ler o arquivo de conexões {file}: {detail}',
  },
  'connections.read/none': {
    en: 'cannot read connections file {file}: no such file',
    'pt-BR': 'não foi possível ler o arquivo de conexões {file}: o arquivo não existe',
  },
  'connections.secret-storage': {
    en: 'secret storage failed: {detail}',
    'pt-BR': 'o armazenamento de segredos falhou: {detail}',
  },
  'connections.syntax': { en: '{file} is not valid JSON: {detail}', 'pt-BR': '{file} não é JSON válido: {detail}' },
  'connector.error': { en: '{detail}', 'pt-BR': 'o conector falhou: {detail}' },
  'connector.incremental': {
    en: 'the "{kind}" connector cannot read incrementally',
    'pt-BR': 'o conector "{kind}" não lê de forma incremental',
  },
  'connector.one-input': {
    en: 'the "{kind}" connector writes one input, not {count}',
    'pt-BR': 'o conector "{kind}" grava uma entrada, não {count}',
  },
  'connector.type': {
    en: 'column "{column}" has an unusable type "{type}"',
    'pt-BR': 'a coluna "{column}" tem um tipo inutilizável "{type}"',
  },
  'connector.unknown': {
    en: 'this build has no "{kind}" connector',
    'pt-BR': 'esta versão não tem o conector "{kind}"',
  },
  'connector.unknown/read': { en: 'the "{kind}" connector cannot read', 'pt-BR': 'o conector "{kind}" não lê' },
  'connector.unknown/write': { en: 'the "{kind}" connector cannot write', 'pt-BR': 'o conector "{kind}" não grava' },
  'database.error': { en: '{detail}', 'pt-BR': 'o banco de dados falhou: {detail}' },
  'database.error/query': { en: '{what} in {file}: {detail}', 'pt-BR': '{what} em {file}: {detail}' },
  'excel.cell-too-long': {
    en: '{place} would hold {chars} characters of column "{column}"; an Excel cell holds at most {max}',
    'pt-BR': '{place} teria {chars} caracteres da coluna "{column}"; uma célula do Excel tem no máximo {max}',
  },
  'excel.cell-type': {
    en: '{place} holds {value}, which is not a {type} like the rest of column "{column}" (inferred from its first rows); set that column\'s type to VARCHAR, or fix the cell',
    'pt-BR':
      '{place} tem {value}, que não é um {type} como o resto da coluna "{column}" (inferido das primeiras linhas); mude o tipo dessa coluna para VARCHAR, ou corrija a célula',
  },
  'excel.column-type': {
    en: 'column "{column}" cannot be read as {type}: an Excel column can be VARCHAR, BIGINT, DOUBLE, BOOLEAN, TIMESTAMP or DATE',
    'pt-BR':
      'a coluna "{column}" não pode ser lida como {type}: uma coluna do Excel pode ser VARCHAR, BIGINT, DOUBLE, BOOLEAN, TIMESTAMP ou DATE',
  },
  'excel.column-type/unknown': {
    en: 'a column type is set for "{column}", which is not a column of {place} (its columns are {columns})',
    'pt-BR': 'há um tipo de coluna para "{column}", que não é uma coluna de {place} (suas colunas são {columns})',
  },
  'excel.damaged': { en: '{place} is damaged: {detail}', 'pt-BR': '{place} está danificado: {detail}' },
  'excel.damaged/part': {
    en: '{place} is damaged: its part {part} {detail}',
    'pt-BR': '{place} está danificado: sua parte {part} {detail}',
  },
  'excel.damaged/inflates': {
    en: '{file} is damaged: its part {part} inflates to more than the {size} its zip directory declares',
    'pt-BR': '{file} está danificado: sua parte {part} descompacta para mais que os {size} que o diretório zip declara',
  },
  'excel.damaged/missing': {
    en: "{place} is damaged: the workbook's relationships put it in {missing}, which the file does not have",
    'pt-BR': '{place} está danificado: as relações da pasta de trabalho a colocam em {missing}, que o arquivo não tem',
  },
  'excel.damaged/method': {
    en: '{file} is damaged: its part {part} is compressed with method {method}, which .xlsx files never use',
    'pt-BR':
      '{file} está danificado: sua parte {part} é compactada com o método {method}, que arquivos .xlsx nunca usam',
  },
  'excel.damaged/utf16': {
    en: '{file} is damaged: its part {part} is UTF-16 big-endian text, which Duto does not read',
    'pt-BR': '{file} está danificado: sua parte {part} é texto UTF-16 big-endian, que o Duto não lê',
  },
  'excel.empty': { en: '{place} is empty', 'pt-BR': '{place} está vazia' },
  'excel.error-cells': { en: '{detail}', 'pt-BR': 'células com erro: {detail}' },
  'excel.exists': {
    en: '{file} already exists, and this sink is set to fail rather than replace it',
    'pt-BR': '{file} já existe, e este sink está configurado para falhar em vez de substituí-lo',
  },
  'excel.limit': { en: '{place} is refused: {detail}', 'pt-BR': '{place} foi recusado: {detail}' },
  'excel.limit/part': {
    en: '{place} is refused: its part {part} {detail}',
    'pt-BR': '{place} foi recusado: sua parte {part} {detail}',
  },
  'excel.no-input': { en: 'nothing to write to {file}: no input', 'pt-BR': 'nada a gravar em {file}: sem entrada' },
  'excel.not-file': {
    en: '{file} is {kind}, not a regular file: an Excel source reads an .xlsx file',
    'pt-BR': '{file} é {kind}, não um arquivo comum: uma fonte Excel lê um arquivo .xlsx',
  },
  'excel.not-found': { en: 'file not found: {file}', 'pt-BR': 'arquivo não encontrado: {file}' },
  'excel.not-xlsx': {
    en: '{file} is not an Excel .xlsx workbook (not a zip archive: {detail})',
    'pt-BR': '{file} não é uma pasta de trabalho .xlsx do Excel (não é um arquivo zip: {detail})',
  },
  'excel.not-xlsx/no-part': {
    en: '{file} is a zip archive but not an Excel .xlsx workbook (it has no {part})',
    'pt-BR': '{file} é um arquivo zip mas não uma pasta de trabalho .xlsx do Excel (não tem {part})',
  },
  'excel.not-xlsx/root': {
    en: '{file} is a zip archive but not an Excel .xlsx workbook (its main part {part} holds <{root}>, not <workbook>)',
    'pt-BR':
      '{file} é um arquivo zip mas não uma pasta de trabalho .xlsx do Excel (sua parte principal {part} tem <{root}>, não <workbook>)',
  },
  'excel.not-xlsx/xlsb': {
    en: '{file} is a binary workbook (.xlsb); Duto reads .xlsx: save it as .xlsx',
    'pt-BR': '{file} é uma pasta de trabalho binária (.xlsb); o Duto lê .xlsx: salve-a como .xlsx',
  },
  'excel.not-xlsx/encrypted': {
    en: '{file} is password-protected (its part {part} is encrypted); save it as .xlsx without a password',
    'pt-BR': '{file} é protegido por senha (sua parte {part} está criptografada); salve-o como .xlsx sem senha',
  },
  'excel.not-xlsx/legacy': {
    en: '{file} is a legacy .xls workbook or a password-protected one; Duto reads .xlsx: save it as .xlsx without a password',
    'pt-BR':
      '{file} é uma pasta de trabalho .xls antiga ou protegida por senha; o Duto lê .xlsx: salve-a como .xlsx sem senha',
  },
  'excel.outside-columns': {
    en: '{place} has a value outside the columns found in the header and first rows ({span}); set the range to {wider} to read it, or to {span} to leave it out',
    'pt-BR':
      '{place} tem um valor fora das colunas encontradas no cabeçalho e nas primeiras linhas ({span}); defina o intervalo como {wider} para lê-lo, ou {span} para deixá-lo de fora',
  },
  'excel.range': { en: '{detail} (reading {place})', 'pt-BR': '{detail} (lendo {place})' },
  'excel.sheet': { en: '{file} has no {what}', 'pt-BR': '{file} não tem {what}' },
  'excel.sheet/names': {
    en: '{file} has no {what}; its sheets are {names}',
    'pt-BR': '{file} não tem {what}; suas abas são {names}',
  },
  'excel.sheet/chart': {
    en: '{place} is a chart sheet, not a sheet of cells',
    'pt-BR': '{place} é uma aba de gráfico, não uma aba de células',
  },
  'excel.sheet-name': { en: '{detail} (writing {file})', 'pt-BR': '{detail} (gravando {file})' },
  'excel.sheet-name/twice': {
    en: 'two sheets of {file} would be named "{sheet}" (Excel ignores case)',
    'pt-BR': 'duas abas de {file} teriam o nome "{sheet}" (o Excel ignora maiúsculas)',
  },
  'excel.too-big': {
    en: '{place} would have {columns} columns; Excel sheets hold at most {max}',
    'pt-BR': '{place} teria {columns} colunas; abas do Excel têm no máximo {max}',
  },
  'excel.too-big/rows': {
    en: '{place} would have more than {max} rows, the most an Excel sheet holds; filter the rows or write CSV or Parquet',
    'pt-BR':
      '{place} teria mais de {max} linhas, o máximo de uma aba do Excel; filtre as linhas ou grave CSV ou Parquet',
  },
  'excel.unreadable': { en: 'cannot read {file}: {detail}', 'pt-BR': 'não foi possível ler {file}: {detail}' },
  'http.column-type': {
    en: 'column "{column}" cannot be read as {type}: use VARCHAR, BIGINT, DOUBLE, BOOLEAN, TIMESTAMP or DATE',
    'pt-BR':
      'a coluna "{column}" não pode ser lida como {type}: use VARCHAR, BIGINT, DOUBLE, BOOLEAN, TIMESTAMP ou DATE',
  },
  'http.header': {
    en: 'header "{name}" is not a valid HTTP header',
    'pt-BR': 'o cabeçalho "{name}" não é um cabeçalho HTTP válido',
  },
  'http.json': {
    en: '{where}: the response is not valid JSON ({detail})',
    'pt-BR': '{where}: a resposta não é JSON válido ({detail})',
  },
  'http.no-columns': {
    en: '{where}: the first page has no records to infer columns from; declare the columns with column types',
    'pt-BR':
      '{where}: a primeira página não tem registros de onde inferir colunas; declare as colunas com tipos de coluna',
  },
  'http.pagination': { en: '{where}: {detail}', 'pt-BR': '{where}: paginação: {detail}' },
  'http.pagination/no-cursor': {
    en: '{where}: the response has no "{key}", where the next cursor should be ("{path}")',
    'pt-BR': '{where}: a resposta não tem "{key}", onde deveria estar o próximo cursor ("{path}")',
  },
  'http.pagination/no-cursor-keys': {
    en: '{where}: the response has no "{key}", where the next cursor should be ("{path}") (there: {keys})',
    'pt-BR': '{where}: a resposta não tem "{key}", onde deveria estar o próximo cursor ("{path}") (lá: {keys})',
  },
  'http.pagination/foreign': {
    en: "{where}: the next page is on {origin}, not {credentials} where this source's credentials go; they are never sent to another server, so paging does not follow it there",
    'pt-BR':
      '{where}: a próxima página está em {origin}, não em {credentials} para onde vão as credenciais desta fonte; elas nunca são enviadas a outro servidor, então a paginação não a segue até lá',
  },
  'http.pagination/same-records': {
    en: '{where}: the same records as page {page}: does the API take the "{param}" parameter?',
    'pt-BR': '{where}: os mesmos registros da página {page}: a API aceita o parâmetro "{param}"?',
  },
  'http.pagination/same-cursor': {
    en: '{where}: the next cursor is the one just used ("{cursor}"), so paging would never end',
    'pt-BR': '{where}: o próximo cursor é o que acabou de ser usado ("{cursor}"), então a paginação nunca terminaria',
  },
  'http.pagination/same-link': {
    en: "{where}: the Link header's next page is this page again, so paging would never end",
    'pt-BR': '{where}: a próxima página do cabeçalho Link é esta mesma página, então a paginação nunca terminaria',
  },
  'http.pagination/cursor-array': {
    en: '{where}: the next cursor at "{path}" is an array, not a string or number',
    'pt-BR': '{where}: o próximo cursor em "{path}" é uma lista, não um texto ou número',
  },
  'http.pagination/cursor-object': {
    en: '{where}: the next cursor at "{path}" is an object, not a string or number',
    'pt-BR': '{where}: o próximo cursor em "{path}" é um objeto, não um texto ou número',
  },
  'http.records': { en: '{where}: the response has no "{path}"', 'pt-BR': '{where}: a resposta não tem "{path}"' },
  'http.records/keys': {
    en: '{where}: the response has no "{path}"; it has {keys}',
    'pt-BR': '{where}: a resposta não tem "{path}"; ela tem {keys}',
  },
  'http.records/keys-at': {
    en: '{where}: the response has no "{path}"; it has {keys} at "{at}"',
    'pt-BR': '{where}: a resposta não tem "{path}"; ela tem {keys} em "{at}"',
  },
  'http.records/response-not': {
    en: '{where}: the response is {value}, not records (an array or an object)',
    'pt-BR': '{where}: a resposta é {value}, não registros (uma lista ou um objeto)',
  },
  'http.records/not': {
    en: '{where}: "{path}" is {value}, not records (an array or an object)',
    'pt-BR': '{where}: "{path}" é {value}, não registros (uma lista ou um objeto)',
  },
  'http.redirect': {
    en: '{where}: more than {max} redirects; is the URL right?',
    'pt-BR': '{where}: mais de {max} redirecionamentos; a URL está certa?',
  },
  'http.redirect/not-url': {
    en: '{where}: HTTP {status} redirects to "{location}", which is not a URL',
    'pt-BR': '{where}: HTTP {status} redireciona para "{location}", que não é uma URL',
  },
  'http.redirect/protocol': {
    en: '{where}: HTTP {status} redirects to a {protocol} URL, not http or https',
    'pt-BR': '{where}: HTTP {status} redireciona para uma URL {protocol}, não http nem https',
  },
  'http.redirect/downgrade': {
    en: '{where}: HTTP {status} redirects from https to plain http ({origin}); a redirect that drops encryption is not followed: use the http URL itself if that is really meant',
    'pt-BR':
      '{where}: HTTP {status} redireciona de https para http simples ({origin}); um redirecionamento que remove a criptografia não é seguido: use a própria URL http se for isso mesmo',
  },
  'http.secret': { en: '{detail}', 'pt-BR': 'segredo: {detail}' },
  'http.secret-origin': { en: '{detail}', 'pt-BR': 'origem do segredo: {detail}' },
  'http.status': { en: '{where}: HTTP {status}', 'pt-BR': '{where}: HTTP {status}' },
  'http.status/detail': { en: '{where}: HTTP {status}: {detail}', 'pt-BR': '{where}: HTTP {status}: {detail}' },
  'http.too-large': {
    en: '{where}: the response is larger than {max} MB; ask for smaller pages',
    'pt-BR': '{where}: a resposta é maior que {max} MB; peça páginas menores',
  },
  'http.unavailable': {
    en: '{where}: {reason}; gave up after 1 attempt',
    'pt-BR': '{where}: {reason}; desistiu após 1 tentativa',
  },
  'http.unavailable/attempts': {
    en: '{where}: {reason}; gave up after {attempts} attempts',
    'pt-BR': '{where}: {reason}; desistiu após {attempts} tentativas',
  },
  'http.unavailable/wait': {
    en: '{where}: {reason}, and the server asks to wait {wait} before retrying, more than the {max} allowed',
    'pt-BR':
      '{where}: {reason}, e o servidor pede para esperar {wait} antes de tentar de novo, mais que os {max} permitidos',
  },
  'http.url': { en: '"{url}" is not a URL', 'pt-BR': '"{url}" não é uma URL' },
  'http.url/protocol': { en: '"{url}" is not an http or https URL', 'pt-BR': '"{url}" não é uma URL http ou https' },
  'http.value-type': {
    en: '{where}: record {record} has {value} in "{field}", which is not a {type} like the column "{column}" (typed from the first page); set that column\'s type to VARCHAR',
    'pt-BR':
      '{where}: o registro {record} tem {value} em "{field}", que não é um {type} como a coluna "{column}" (tipada pela primeira página); mude o tipo dessa coluna para VARCHAR',
  },
  'ml.input': { en: '{detail}', 'pt-BR': 'entrada inválida para o modelo: {detail}' },
  'ml.input/not-numeric': {
    en: 'feature column "{column}" is numeric but holds {value}: cast it first or pick it as a categorical feature',
    'pt-BR':
      'a coluna de atributo "{column}" é numérica mas contém {value}: converta-a antes ou escolha-a como atributo categórico',
  },
  'ml.input/all-null': {
    en: 'feature column "{column}" is empty (NULL) in every training row',
    'pt-BR': 'a coluna de atributo "{column}" está vazia (NULL) em todas as linhas de treino',
  },
  'ml.input/one-class': {
    en: 'target column "{column}" has one class only ({value}) in the training rows: a classifier needs at least two',
    'pt-BR':
      'a coluna alvo "{column}" tem uma só classe ({value}) nas linhas de treino: um classificador precisa de pelo menos duas',
  },
  'ml.input/missing': { en: 'the input has no column "{column}"', 'pt-BR': 'a entrada não tem a coluna "{column}"' },
  'ml.input/rows': {
    en: 'only {rows} rows to train on (with a target value): at least 2 are needed',
    'pt-BR': 'só {rows} linhas para treinar (com valor alvo): são necessárias pelo menos 2',
  },
  'ml.input/no-features': {
    en: 'pick at least one feature column',
    'pt-BR': 'escolha pelo menos uma coluna de atributo',
  },
  'ml.input/target-type': {
    en: 'target column "{column}" is {type}: a regression needs a numeric target',
    'pt-BR': 'a coluna alvo "{column}" é {type}: uma regressão precisa de um alvo numérico',
  },
  'ml.input/forest-size': {
    en: 'the forest passed {max} nodes after {grown} of {trees} trees, more than ml.score can turn into SQL: ask for fewer trees, a lower depth or more rows per leaf',
    'pt-BR':
      'a floresta passou de {max} nós após {grown} de {trees} árvores, mais do que ml.score consegue transformar em SQL: peça menos árvores, menor profundidade ou mais linhas por folha',
  },
  'ml.input/boost-size': {
    en: 'gradient boosting passed {max} nodes after {grown} of {trees} trees, more than ml.score can turn into SQL: ask for fewer rounds, a lower depth or a higher weight per leaf',
    'pt-BR':
      'o gradient boosting passou de {max} nós após {grown} de {trees} árvores, mais do que ml.score consegue transformar em SQL: peça menos rodadas, menor profundidade ou mais peso por folha',
  },
  'ml.input/boost-trees': {
    en: 'gradient boosting with {classes} classes grows {trees} trees ({rounds} rounds × {classes}), more than the {max} ml.score scores: ask for fewer rounds',
    'pt-BR':
      'o gradient boosting com {classes} classes gera {trees} árvores ({rounds} rodadas × {classes}), mais que as {max} que ml.score pontua: peça menos rodadas',
  },
  'ml.input/task': {
    en: 'algorithm {algorithm} does not do {task}',
    'pt-BR': 'o algoritmo {algorithm} não faz {task}',
  },
  'ml.input/column-type': {
    en: 'model input column "{column}" must be a number; the input\'s is {type}',
    'pt-BR': 'a coluna de entrada do modelo "{column}" precisa ser numérica; a da entrada é {type}',
  },
  'ml.input/null': {
    en: 'column "{column}" is NULL in row {row}, and model input "{input}" takes integers, which have no missing value: filter or fill those rows first',
    'pt-BR':
      'a coluna "{column}" é NULL na linha {row}, e a entrada do modelo "{input}" recebe inteiros, que não têm valor ausente: filtre ou preencha essas linhas antes',
  },
  'ml.model': { en: 'model file {file}: {detail}', 'pt-BR': 'arquivo de modelo {file}: {detail}' },
  'ml.model/untrusted': {
    en: 'ONNX model {file} is not loaded: a restricted pipeline does not run ONNX models (trust the pipeline to score with it)',
    'pt-BR':
      'o modelo ONNX {file} não é carregado: um pipeline restrito não executa modelos ONNX (confie no pipeline para pontuar com ele)',
  },
  'ml.model/too-large': {
    en: 'model file {file} is {size} bytes; at most {max} are read',
    'pt-BR': 'o arquivo de modelo {file} tem {size} bytes; são lidos no máximo {max}',
  },
  'ml.model/not-file': {
    en: 'model file {file} is not a regular file (a folder, pipe, device or socket)',
    'pt-BR': 'o arquivo de modelo {file} não é um arquivo comum (uma pasta, pipe, dispositivo ou socket)',
  },
  'ml.model/unreadable': {
    en: 'cannot read model file {file}: {detail}',
    'pt-BR': 'não foi possível ler o arquivo de modelo {file}: {detail}',
  },
  'ml.model/not-onnx': {
    en: 'model file {file} is not an ONNX model (truncated, or another format)',
    'pt-BR': 'o arquivo de modelo {file} não é um modelo ONNX (truncado, ou outro formato)',
  },
  'ml.model/custom-op': {
    en: 'model file {file} uses operator {op} of domain "{domain}": custom operators are not run, only the standard ONNX and ONNX-ML ones',
    'pt-BR':
      'o arquivo de modelo {file} usa o operador {op} do domínio "{domain}": operadores personalizados não são executados, só os padrão do ONNX e ONNX-ML',
  },
  'ml.model/external-data': {
    en: 'model file {file} keeps tensor "{tensor}" in another file (external data): save the model with its weights inside it',
    'pt-BR':
      'o arquivo de modelo {file} guarda o tensor "{tensor}" em outro arquivo (dados externos): salve o modelo com os pesos dentro dele',
  },
  'ml.model/load': {
    en: 'the ONNX runtime cannot load model file {file}: {detail}',
    'pt-BR': 'o runtime ONNX não consegue carregar o arquivo de modelo {file}: {detail}',
  },
  'ml.model/runtime': {
    en: 'the ONNX runtime cannot be loaded on this machine: {detail}',
    'pt-BR': 'o runtime ONNX não pode ser carregado nesta máquina: {detail}',
  },
  'ml.model/run': {
    en: 'model file {file} failed on rows {from} to {to}: {detail}',
    'pt-BR': 'o arquivo de modelo {file} falhou nas linhas {from} a {to}: {detail}',
  },
  'ml.model/output-size': {
    en: 'output "{output}" of model file {file} gave {values} values for rows {from} to {to}, not {want}',
    'pt-BR':
      'a saída "{output}" do arquivo de modelo {file} deu {values} valores para as linhas {from} a {to}, não {want}',
  },
  'ml.model/zipmap': {
    en: 'output "{output}" of model file {file} is a sequence of maps (ZipMap) whose probabilities cannot be found: export the classifier with zipmap=False (the skl2onnx option "zipmap")',
    'pt-BR':
      'a saída "{output}" do arquivo de modelo {file} é uma sequência de mapas (ZipMap) cujas probabilidades não podem ser encontradas: exporte o classificador com zipmap=False (a opção "zipmap" do skl2onnx)',
  },
  'ml.model/input-type': {
    en: 'input "{input}" of model file {file} is not a tensor of float, double, int64 or string with one row per record',
    'pt-BR':
      'a entrada "{input}" do arquivo de modelo {file} não é um tensor de float, double, int64 ou string com uma linha por registro',
  },
  'ml.model/features': {
    en: 'input "{input}" of model file {file} takes {want} features per row; {have} feature columns are listed',
    'pt-BR':
      'a entrada "{input}" do arquivo de modelo {file} recebe {want} atributos por linha; {have} colunas de atributo foram listadas',
  },
  'ml.model/no-features': {
    en: 'input "{input}" of model file {file} is one tensor of all features: list the feature columns in the order the model was trained with',
    'pt-BR':
      'a entrada "{input}" do arquivo de modelo {file} é um tensor com todos os atributos: liste as colunas de atributo na ordem em que o modelo foi treinado',
  },
  'ml.model/no-output': {
    en: 'model file {file} has no output Duto can read (a tensor with one row per record)',
    'pt-BR': 'o arquivo de modelo {file} não tem saída que o Duto consiga ler (um tensor com uma linha por registro)',
  },
  'ml.model/column-taken': {
    en: 'the input already has a column "{column}", which scoring with model file {file} adds: rename it first',
    'pt-BR':
      'a entrada já tem uma coluna "{column}", que a pontuação com o arquivo de modelo {file} acrescenta: renomeie-a antes',
  },
  'secrets.no-storage': {
    en: "secrets cannot be stored here ({backend}); set {variable} in Duto's environment instead",
    'pt-BR': 'segredos não podem ser armazenados aqui ({backend}); defina {variable} no ambiente do Duto',
  },
  'secrets.not-found': {
    en: 'no value is stored for {name}: enter its value to save it',
    'pt-BR': 'nenhum valor está armazenado para {name}: digite o valor para salvá-lo',
  },
  'secrets.origin': { en: '"{origin}" {detail}', 'pt-BR': '"{origin}" {detail}' },
  'secrets.origin/empty': { en: '"{origin}" is empty', 'pt-BR': '"{origin}" está vazia' },
  'secrets.origin/not-url': {
    en: '"{origin}" is not a URL such as https://api.example.com',
    'pt-BR': '"{origin}" não é uma URL como https://api.example.com',
  },
  'secrets.origin/scheme': {
    en: '"{origin}" is not an http:// or https:// origin',
    'pt-BR': '"{origin}" não é uma origem http:// ou https://',
  },
  'secrets.origin/credentials': {
    en: '"{origin}" holds a user name or password; give only the scheme, host and port',
    'pt-BR': '"{origin}" contém usuário ou senha; informe só o esquema, o host e a porta',
  },
  'secrets.origin/path': {
    en: '"{origin}" has a path, query or fragment; give only the scheme, host and port, e.g. https://api.example.com',
    'pt-BR':
      '"{origin}" tem caminho, consulta ou fragmento; informe só o esquema, o host e a porta, por exemplo https://api.example.com',
  },
} as const satisfies Record<string, Template>;
