import type { Template } from './template';

/** A node and its params, as the compiler and the binder find them (shared/compiler, engine bind). */
export const NODE_MESSAGES = {
  'node.bind': { en: '{detail}', 'pt-BR': 'o DuckDB não conseguiu interpretar esta consulta: {detail}' },
  'node.check': { en: '{detail}', 'pt-BR': '{detail}' },
  'node.compile': { en: '{detail}', 'pt-BR': 'este nó não pôde ser compilado: {detail}' },
  'node.conversion': { en: '{detail}', 'pt-BR': 'um valor não pôde ser convertido: {detail}' },
  'node.cycle': { en: 'this node is on a cycle: {cycle}', 'pt-BR': 'este nó está em um ciclo: {cycle}' },
  'node.cycle/self': { en: 'a node cannot read its own output', 'pt-BR': 'um nó não pode ler a própria saída' },
  'node.extra-input': {
    en: '{node} has no input "{port}": its inputs are {inputs}',
    'pt-BR': '{node} não tem a entrada "{port}": suas entradas são {inputs}',
  },
  'node.extra-input/none': {
    en: '{node} has no input "{port}": it takes no input',
    'pt-BR': '{node} não tem a entrada "{port}": não recebe entradas',
  },
  'node.extra-input/one': {
    en: 'input "{input}" takes one connection, not {count}',
    'pt-BR': 'a entrada "{input}" recebe uma conexão, não {count}',
  },
  'node.missing-input': { en: 'input "{input}" is not connected', 'pt-BR': 'a entrada "{input}" não está conectada' },
  'node.syntax': { en: '{detail}', 'pt-BR': 'erro de sintaxe: {detail}' },
  'node.unknown': { en: 'there is no node "{node}" in this pipeline', 'pt-BR': 'não há nó "{node}" neste pipeline' },
  'node.unknown-column': { en: 'unknown column "{column}"', 'pt-BR': 'coluna desconhecida "{column}"' },
  'node.unknown-column/chart': {
    en: 'node "{node}": chart "{chart}" names unknown column "{column}" (its {field}); the chart is kept',
    'pt-BR': 'nó "{node}": o gráfico "{chart}" usa a coluna desconhecida "{column}" (seu {field}); o gráfico é mantido',
  },
  'node.unknown-column/like': {
    en: 'unknown column "{column}" (columns like it: {candidates})',
    'pt-BR': 'coluna desconhecida "{column}" (colunas parecidas: {candidates})',
  },
  'node.version': { en: '{detail}', 'pt-BR': '{detail}' },
  'node.version/newer': {
    en: 'saved by a newer Duto (version {version} of {type}); this one knows {type} up to version {current}',
    'pt-BR': 'salvo por um Duto mais novo (versão {version} de {type}); este conhece {type} até a versão {current}',
  },
  'node.version/migrate': {
    en: '{type} could not be migrated from version {from} to {to}: {detail}',
    'pt-BR': '{type} não pôde ser migrado da versão {from} para a {to}: {detail}',
  },
  'node.version/document-newer': {
    en: 'node "{node}": saved by a newer Duto (version {version} of {type}); this one knows {type} up to version {current}',
    'pt-BR':
      'nó "{node}": salvo por um Duto mais novo (versão {version} de {type}); este conhece {type} até a versão {current}',
  },
  'node.version/document-migrate': {
    en: 'node "{node}": {type} could not be migrated from version {from} to {to}: {detail}',
    'pt-BR': 'nó "{node}": {type} não pôde ser migrado da versão {from} para a {to}: {detail}',
  },
  'node.unknown-input': {
    en: 'input "{input}" refers to "{node}", which is not a node of this pipeline',
    'pt-BR': 'a entrada "{input}" se refere a "{node}", que não é um nó deste pipeline',
  },
  'node.unknown-output': {
    en: 'input "{input}" reads "{ref}", but {node} has no output "{port}"',
    'pt-BR': 'a entrada "{input}" lê "{ref}", mas {node} não tem a saída "{port}"',
  },
  'node.unknown-output/none': {
    en: 'input "{input}" reads "{ref}", but {node} has no output',
    'pt-BR': 'a entrada "{input}" lê "{ref}", mas {node} não tem saída',
  },
  'node.unknown-output/inactive': {
    en: 'input "{input}" reads "{ref}", but {node} gives no "{port}" rows with its settings (a source gives its rejected rows only when it sets bad rows aside)',
    'pt-BR':
      'a entrada "{input}" lê "{ref}", mas {node} não dá linhas "{port}" com suas configurações (uma fonte só dá suas linhas rejeitadas quando separa as linhas ruins)',
  },
  'node.unknown-output/port': { en: '"{node}" has no output "{port}"', 'pt-BR': '"{node}" não tem a saída "{port}"' },
  'node.unknown-type': { en: 'unknown node type "{type}"', 'pt-BR': 'tipo de nó desconhecido "{type}"' },
  'node.unused': { en: "nothing reads this node's output", 'pt-BR': 'nada lê a saída deste nó' },
  'node.upstream-failed': {
    en: "this node's input cannot be computed",
    'pt-BR': 'a entrada deste nó não pode ser calculada',
  },
  'node.upstream-failed/one': {
    en: "this node's input cannot be computed: {nodes} has errors",
    'pt-BR': 'a entrada deste nó não pode ser calculada: {nodes} tem erros',
  },
  'node.upstream-failed/many': {
    en: "this node's input cannot be computed: {nodes} have errors",
    'pt-BR': 'a entrada deste nó não pode ser calculada: {nodes} têm erros',
  },
  'param.invalid': { en: '{detail}', 'pt-BR': 'valor inválido: {detail}' },
  'param.invalid/required': { en: 'required', 'pt-BR': 'obrigatório' },
  'param.invalid/one-of': { en: 'expected one of {values}', 'pt-BR': 'esperado um de {values}' },
  'param.invalid/unknown-param': { en: 'unknown param {names}', 'pt-BR': 'parâmetro desconhecido {names}' },
  'param.invalid/unknown-params': { en: 'unknown params {names}', 'pt-BR': 'parâmetros desconhecidos {names}' },
  'param.invalid/type': {
    en: 'expected {expected}, received {received}',
    'pt-BR': 'esperado {expected}, recebido {received}',
  },
  'param.invalid/path': { en: 'a path is required', 'pt-BR': 'indique um caminho' },
  'param.invalid/path-nul': {
    en: 'a path cannot contain a NUL character',
    'pt-BR': 'um caminho não pode conter o caractere NUL',
  },
  'param.invalid/path-name-long': {
    en: 'a name in this path is longer than 255 bytes, more than file systems allow',
    'pt-BR': 'um nome neste caminho tem mais de 255 bytes, mais do que os sistemas de arquivos aceitam',
  },
  'param.invalid/path-write-long': {
    en: 'a file name Duto writes may be at most 200 bytes long',
    'pt-BR': 'um nome de arquivo que o Duto grava pode ter no máximo 200 bytes',
  },
  'param.invalid/column': { en: 'pick a column', 'pt-BR': 'escolha uma coluna' },
  'param.invalid/empty-column': { en: 'empty column name', 'pt-BR': 'nome de coluna vazio' },
  'param.invalid/columns': { en: 'pick at least one column', 'pt-BR': 'escolha pelo menos uma coluna' },
  'param.invalid/columns-min': { en: 'pick at least {min} columns', 'pt-BR': 'escolha pelo menos {min} colunas' },
  'param.invalid/expression': { en: 'an expression is required', 'pt-BR': 'indique uma expressão' },
  'param.invalid/query': { en: 'a query is required', 'pt-BR': 'indique uma consulta' },
  'param.invalid/name': { en: 'a name is required', 'pt-BR': 'indique um nome' },
  'param.invalid/suffix': { en: 'a suffix is required', 'pt-BR': 'indique um sufixo' },
  'param.invalid/pick-type': { en: 'pick a type', 'pt-BR': 'escolha um tipo' },
  'param.invalid/connection': { en: 'pick a connection', 'pt-BR': 'escolha uma conexão' },
  'param.invalid/connection-name': {
    en: 'expected the name of a connection (lowercase letters, digits and _), never a URL or a password',
    'pt-BR': 'esperado o nome de uma conexão (letras minúsculas, dígitos e _), nunca uma URL ou uma senha',
  },
  'param.invalid/char-or-none': { en: 'expected at most one character', 'pt-BR': 'esperado no máximo um caractere' },
  'param.invalid/char': { en: 'expected one character', 'pt-BR': 'esperado um caractere' },
  'param.invalid/max-length': { en: 'at most {max} characters', 'pt-BR': 'no máximo {max} caracteres' },
  'param.invalid/min': { en: 'must be at least {min}', 'pt-BR': 'precisa ser pelo menos {min}' },
  'param.invalid/max': { en: 'must be at most {max}', 'pt-BR': 'precisa ser no máximo {max}' },
  'param.invalid/text': {
    en: 'expected text, or an array of lines',
    'pt-BR': 'esperado um texto, ou uma lista de linhas',
  },
  'param.invalid/add-one': { en: 'add at least one {item}', 'pt-BR': 'adicione pelo menos um item ({item})' },
  'param.invalid/add-some': { en: 'add at least {min} {item}s', 'pt-BR': 'adicione pelo menos {min} itens ({item})' },
  'param.invalid/pattern': { en: 'invalid value', 'pt-BR': 'valor inválido' },
  'node.check/unknown-column': {
    en: 'unknown column "{column}" in input "{port}"',
    'pt-BR': 'coluna desconhecida "{column}" na entrada "{port}"',
  },
  'node.check/unknown-column-like': {
    en: 'unknown column "{column}" in input "{port}" (did you mean "{like}"?)',
    'pt-BR': 'coluna desconhecida "{column}" na entrada "{port}" (você quis dizer "{like}"?)',
  },
  'node.check/delta-restricted': {
    en: 'Delta table {table} is not read here (a restricted pipeline reads tables only inside its folder)',
    'pt-BR': 'a tabela Delta {table} não é lida aqui (um pipeline restrito lê tabelas só dentro da própria pasta)',
  },
  'node.check/delta-version-and-time': {
    en: 'give a version or a timestamp, not both',
    'pt-BR': 'indique uma versão ou um instante, não os dois',
  },
  'node.check/delta-not-timestamp': {
    en: '"{text}" is not a timestamp: write e.g. 2024-05-01T12:00:00Z (a date and time with Z or an offset), or a date',
    'pt-BR':
      '"{text}" não é um instante: escreva, por exemplo, 2024-05-01T12:00:00Z (data e hora com Z ou um deslocamento), ou uma data',
  },
  'node.check/delta-bad-time': {
    en: '"{text}" is not a valid date and time',
    'pt-BR': '"{text}" não é uma data e hora válida',
  },
  'node.check/not-connected': {
    en: 'input "{input}" is not connected',
    'pt-BR': 'a entrada "{input}" não está conectada',
  },
  'node.check/schema-unknown': { en: 'input schema unknown', 'pt-BR': 'esquema da entrada desconhecido' },
  'node.check/port-schema-unknown': {
    en: 'input "{port}" schema unknown',
    'pt-BR': 'esquema da entrada "{port}" desconhecido',
  },
  'node.check/given-twice': { en: '"{name}" is given twice', 'pt-BR': '"{name}" foi indicado duas vezes' },
  'node.check/exists': { en: 'a column "{name}" exists already', 'pt-BR': 'já existe uma coluna "{name}"' },
  'node.check/folder': {
    en: '{file} is a folder; give a file name',
    'pt-BR': '{file} é uma pasta; indique um nome de arquivo',
  },
  'node.check/needs-column': { en: '{fn} needs a column', 'pt-BR': '{fn} precisa de uma coluna' },
  'node.check/needs-order': { en: '{fn} needs an order', 'pt-BR': '{fn} precisa de uma ordenação' },
  'node.check/fill-order': {
    en: 'filling with the {strategy} value needs an order',
    'pt-BR': 'preencher com o valor {strategy} precisa de uma ordenação',
  },
  'node.check/unsupported-type': { en: 'unsupported type "{type}"', 'pt-BR': 'tipo não suportado "{type}"' },
  'node.check/rows-range': {
    en: 'at most {max} rows is fewer than at least {min}',
    'pt-BR': 'no máximo {max} linhas é menos que pelo menos {min}',
  },
  'node.check/add-check': {
    en: 'add a check or a row count',
    'pt-BR': 'adicione uma verificação ou uma contagem de linhas',
  },
  'node.check/add-measure': {
    en: 'add a measure or a group-by column',
    'pt-BR': 'adicione uma medida ou uma coluna de agrupamento',
  },
  'node.check/add-column': { en: 'add at least one column', 'pt-BR': 'adicione pelo menos uma coluna' },
  'node.check/add-value': { en: 'add at least one value', 'pt-BR': 'adicione pelo menos um valor' },
  'node.check/pick-column': { en: 'pick a column', 'pt-BR': 'escolha uma coluna' },
  'node.check/pick-unique': {
    en: 'pick the columns that must be unique together',
    'pt-BR': 'escolha as colunas que precisam ser únicas juntas',
  },
  'node.check/low-high': { en: 'give a lowest or a highest value', 'pt-BR': 'indique um valor mínimo ou máximo' },
  'node.check/values': { en: 'list the allowed values', 'pt-BR': 'liste os valores permitidos' },
  'node.check/regex': { en: 'give a regular expression', 'pt-BR': 'indique uma expressão regular' },
  'node.check/condition': {
    en: 'give the condition every row must satisfy',
    'pt-BR': 'indique a condição que toda linha precisa satisfazer',
  },
  'node.check/upsert-keys': {
    en: 'an upsert needs the key columns that identify a row',
    'pt-BR': 'um upsert precisa das colunas-chave que identificam uma linha',
  },
  'node.check/merge-keys': {
    en: 'a merge needs the key columns that identify a row',
    'pt-BR': 'uma mesclagem precisa das colunas-chave que identificam uma linha',
  },
  'node.check/partition-all': {
    en: 'a table needs at least one column that is not a partition column',
    'pt-BR': 'uma tabela precisa de pelo menos uma coluna que não seja de partição',
  },
  'node.check/delta-folder': {
    en: '{path} is not a folder: a Delta table is a folder',
    'pt-BR': '{path} não é uma pasta: uma tabela Delta é uma pasta',
  },
  'node.check/watermark': {
    en: 'name the column whose highest value is remembered between runs',
    'pt-BR': 'indique a coluna cujo maior valor é lembrado entre execuções',
  },
  'node.check/table': { en: 'name the table to read', 'pt-BR': 'indique a tabela a ler' },
  'node.check/page-param': { en: 'name the page number parameter', 'pt-BR': 'indique o parâmetro do número da página' },
  'node.check/offset-param': { en: 'name the offset parameter', 'pt-BR': 'indique o parâmetro de deslocamento' },
  'node.check/limit-param': { en: 'name the limit parameter', 'pt-BR': 'indique o parâmetro de limite' },
  'node.check/cursor-param': { en: 'name the cursor parameter', 'pt-BR': 'indique o parâmetro do cursor' },
  'node.check/cursor-path': {
    en: 'say where the next cursor is in the response, e.g. meta.next_cursor',
    'pt-BR': 'diga onde está o próximo cursor na resposta, ex.: meta.next_cursor',
  },
  'node.check/url': {
    en: '"{url}" is not an http:// or https:// URL',
    'pt-BR': '"{url}" não é uma URL http:// ou https://',
  },
  'node.check/dialect': {
    en: 'the detected dialect looks wrong: {detail}',
    'pt-BR': 'o dialeto detectado parece errado: {detail}',
  },
  'node.check/dialect-utf16be': {
    en: 'the detected dialect looks wrong: the file is big-endian UTF-16, which is read as little-endian: save it as UTF-8',
    'pt-BR':
      'o dialeto detectado parece errado: o arquivo é UTF-16 big-endian, que é lido como little-endian: salve-o como UTF-8',
  },
  'node.check/dialect-nul': {
    en: 'the detected dialect looks wrong: the file holds NUL characters: it may not be text',
    'pt-BR': 'o dialeto detectado parece errado: o arquivo contém caracteres NUL: pode não ser texto',
  },
  'node.check/dialect-stray': {
    en: 'the detected dialect looks wrong: the file is UTF-8 but {count} of its first bytes are not (a line in another encoding, such as Latin-1): the lines holding them are bad rows',
    'pt-BR':
      'o dialeto detectado parece errado: o arquivo é UTF-8, mas {count} dos seus primeiros bytes não são (uma linha em outra codificação, como Latin-1): as linhas com eles são linhas ruins',
  },
  'node.check/dialect-one-column': {
    en: 'the detected dialect looks wrong: it reads one column, although {with} of {lines} sample lines contain {delimiter}',
    'pt-BR':
      'o dialeto detectado parece errado: lê uma coluna só, embora {with} de {lines} linhas da amostra contenham {delimiter}',
  },
  'node.check/dialect-widths': {
    en: 'the detected dialect looks wrong: {off} of {rows} sample rows do not have the {width} fields of the first row',
    'pt-BR':
      'o dialeto detectado parece errado: {off} de {rows} linhas da amostra não têm os {width} campos da primeira linha',
  },
  'node.check/dialect-unclosed': {
    en: 'the detected dialect looks wrong: a quote opened in the sample is never closed',
    'pt-BR': 'o dialeto detectado parece errado: uma aspa aberta na amostra nunca é fechada',
  },
  'node.check/dialect-dates': {
    en: 'the detected dialect looks wrong: dates could be day/month or month/day (no value above 12): set the date format',
    'pt-BR':
      'o dialeto detectado parece errado: as datas podem ser dia/mês ou mês/dia (nenhum valor acima de 12): defina o formato de data',
  },
  'node.check/dialect-empty': {
    en: 'the detected dialect looks wrong: the file is empty',
    'pt-BR': 'o dialeto detectado parece errado: o arquivo está vazio',
  },
  'node.check/mixed-types': {
    en: 'the columns have different types ({types}): convert the values to text',
    'pt-BR': 'as colunas têm tipos diferentes ({types}): converta os valores para texto',
  },
  'node.check/parquet-wide': {
    en: 'column "{column}" is {type} (128-bit), which Parquet cannot hold: it is written as DECIMAL(38,0), exactly',
    'pt-BR':
      'a coluna "{column}" é {type} (128 bits), que o Parquet não comporta: é gravada como DECIMAL(38,0), exatamente',
  },
  'node.check/several-files': {
    en: 'with several files, bad rows are skipped without being counted or set aside: read one file per source to keep them',
    'pt-BR':
      'com vários arquivos, linhas ruins são puladas sem serem contadas nem separadas: leia um arquivo por fonte para mantê-las',
  },
  'node.check/one-sheet': {
    en: 'names one sheet, but {count} inputs are connected and each is written to a sheet named after its input node; clear the sheet name',
    'pt-BR':
      'indica uma aba, mas {count} entradas estão conectadas e cada uma é gravada em uma aba com o nome do seu nó de entrada; apague o nome da aba',
  },
  'node.check/range': {
    en: '"{range}" is not a cell range such as A1:F100 or A:F',
    'pt-BR': '"{range}" não é um intervalo de células como A1:F100 ou A:F',
  },
  'param.missing': {
    en: 'parameter "{name}" has no default: give it a value (--param {name}=…)',
    'pt-BR': 'o parâmetro "{name}" não tem valor padrão: dê um valor a ele (--param {name}=…)',
  },
  'param.undeclared': {
    en: '--param {name}: this pipeline declares no parameter "{name}"',
    'pt-BR': '--param {name}: este pipeline não declara o parâmetro "{name}"',
  },
  'param.undeclared/some': {
    en: '--param {name}: this pipeline declares no parameter "{name}" (it declares {declared})',
    'pt-BR': '--param {name}: este pipeline não declara o parâmetro "{name}" (ele declara {declared})',
  },
  'param.undefined': {
    en: '{ref} is not a parameter of this pipeline',
    'pt-BR': '{ref} não é um parâmetro deste pipeline',
  },
  'param.value': { en: '{detail}', 'pt-BR': '{detail}' },
  'param.value/number': {
    en: 'parameter "{name}" is a number, not "{value}"',
    'pt-BR': 'o parâmetro "{name}" é um número, não "{value}"',
  },
  'param.value/boolean': {
    en: 'parameter "{name}" is true or false, not "{value}"',
    'pt-BR': 'o parâmetro "{name}" é true ou false, não "{value}"',
  },
  'param.value/nul': {
    en: 'parameter "{name}" contains a NUL character',
    'pt-BR': 'o parâmetro "{name}" contém um caractere NUL',
  },
  'param.value/ends-string': {
    en: 'the value of parameter "{name}" would end the {tag} string it is in',
    'pt-BR': 'o valor do parâmetro "{name}" terminaria a string {tag} em que está',
  },
} as const satisfies Record<string, Template>;
