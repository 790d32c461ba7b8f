import type { CatalogTranslation, ParamText } from './types';

/**
 * The node catalog in Brazilian Portuguese. English (in each node's
 * definition) is the source: when a node, port or param changes there, change
 * it here too — catalog-text.test.ts names exactly what is missing or stale.
 * Technical terms people use as they are stay so (CSV, Parquet, SQL, JSON,
 * upsert, glob, schema); examples use Portuguese names where they are only names.
 */

const ROWS = 'Linhas';
const DETECTED = 'Detectado no arquivo quando vazio.';
const NO_LIMIT = '0: sem limite.';

// ── Pieces several nodes share ────────────────────────────────────────────

const fileInput = (hive: ParamText): Record<string, ParamText> => ({
  path: { label: 'Arquivo, glob ou pasta' },
  recursive: { label: 'Incluir subpastas' },
  hivePartitioning: hive,
  filenameColumn: { label: 'Adicionar o nome do arquivo como coluna', placeholder: 'ex.: arquivo_origem' },
});

const HIVE_KEY_VALUE: ParamText = {
  label: 'Ler pastas chave=valor como colunas',
  description: 'Para dados particionados (pais=BR/…). Desligado, um nome como a=b.csv é só um nome.',
};

const TYPE_VALUES = {
  VARCHAR: 'VARCHAR',
  BIGINT: 'BIGINT',
  DOUBLE: 'DOUBLE',
  BOOLEAN: 'BOOLEAN',
  TIMESTAMP: 'TIMESTAMP',
  DATE: 'DATE',
} as const;

const columnTypes = (
  description: string,
  typeValues?: Readonly<Record<string, string>>,
): Record<string, ParamText> => ({
  columnTypes: { label: 'Tipos de coluna', description, itemLabel: 'tipo de coluna' },
  'columnTypes.column': { label: 'Coluna' },
  'columnTypes.type': typeValues === undefined ? { label: 'Tipo' } : { label: 'Tipo', values: typeValues },
});

const sortKeys = (list: string, label: string, description?: string): Record<string, ParamText> => ({
  [list]: { label, itemLabel: 'chave de ordenação', ...(description === undefined ? {} : { description }) },
  [`${list}.column`]: { label: 'Coluna' },
  [`${list}.direction`]: { label: 'Direção', values: { asc: 'Crescente', desc: 'Decrescente' } },
  [`${list}.nulls`]: { label: 'Valores vazios', values: { last: 'No fim', first: 'No início' } },
});

const AGGREGATE_FUNCTIONS = {
  count: 'Contagem',
  count_distinct: 'Contagem de distintos',
  sum: 'Soma',
  avg: 'Média',
  min: 'Mínimo',
  max: 'Máximo',
  median: 'Mediana',
  first: 'Primeiro',
  last: 'Último',
} as const;

const COUNT_WITHOUT_COLUMN = 'Contagem sem coluna conta as linhas.';

/** What the database sources (SQLite, PostgreSQL, MySQL) share after their connection. */
const databaseRead = (tablePlaceholder: string): Record<string, ParamText> => ({
  mode: { label: 'Ler', values: { table: 'Uma tabela', query: 'Uma consulta' } },
  table: { label: 'Tabela', placeholder: tablePlaceholder },
  columns: { label: 'Colunas', description: 'Colunas a ler, nesta ordem. Vazio lê todas as colunas.' },
  filters: {
    label: 'Filtros',
    description:
      'Condições que o banco aplica antes de enviar as linhas. Os valores vão como parâmetros, nunca como SQL.',
    itemLabel: 'filtro',
  },
  'filters.column': { label: 'Coluna' },
  'filters.op': {
    label: 'Operador',
    values: {
      '=': '=',
      '<>': '<>',
      '<': '<',
      '<=': '<=',
      '>': '>',
      '>=': '>=',
      like: 'like',
      'is null': 'is null',
      'is not null': 'is not null',
    },
  },
  'filters.value': { label: 'Valor' },
  where: {
    label: 'Condição no SQL do banco',
    description: 'Somada aos filtros com AND. Roda somente leitura, dentro de um único comando.',
  },
  query: { label: 'Consulta no SQL do banco', description: 'Um SELECT, executado somente leitura pelo banco.' },
  incremental: {
    label: 'Ler de forma incremental',
    description:
      'Lê só as linhas cuja coluna passa do maior valor da última execução bem-sucedida. Com um destino que acrescenta ou faz upsert, isso faz uma carga incremental.',
    values: {
      off: 'Não: todas as linhas',
      timestamp: 'Linhas mais novas que a última execução (coluna de data e hora)',
      id: 'Linhas depois da última execução (coluna de id crescente)',
    },
  },
  incrementalColumn: { label: "Coluna de marca d'água", placeholder: 'atualizado_em' },
});

const SINK_MODE: ParamText = {
  label: 'Se a saída já existir',
  values: { overwrite: 'Substituí-la', fail: 'Fazer a execução falhar' },
};

const databaseWrite: Record<string, ParamText> = {
  table: { label: 'Tabela' },
  mode: {
    label: 'Modo de gravação',
    values: {
      create: 'Criar a tabela (falha se já existir)',
      replace: 'Substituir a tabela',
      append: 'Acrescentar linhas (cria a tabela se não existir)',
      upsert: 'Upsert pelas colunas-chave (insere ou atualiza)',
    },
  },
  keyColumns: {
    label: 'Colunas-chave',
    description: 'Uma chave primária ou única do destino: linhas com a mesma chave são atualizadas.',
  },
};

const MYSQL_DATABASE: ParamText = { label: 'Banco de dados', placeholder: 'o banco da conexão' };
const POSTGRES_SCHEMA: ParamText = { label: 'Schema', placeholder: 'public' };

// ── The catalog ───────────────────────────────────────────────────────────

export const catalogPtBR: CatalogTranslation = {
  'source.csv': {
    label: 'Arquivo CSV',
    description:
      'Lê um arquivo CSV, um glob como dados/*.csv ou todos os arquivos CSV de uma pasta (colunas associadas pelo nome); o dialeto é detectado e as linhas ruins são separadas.',
    keywords: [
      'csv',
      'tsv',
      'delimitado',
      'texto',
      'arquivo',
      'ler',
      'ponto e vírgula',
      'exportação do excel',
      'planilha',
    ],
    ports: { out: ROWS, rejected: 'Linhas rejeitadas' },
    params: {
      ...fileInput(HIVE_KEY_VALUE),
      delimiter: { label: 'Delimitador', description: DETECTED },
      quote: { label: 'Aspas', description: `${DETECTED} Vazio: os campos nunca vêm entre aspas.` },
      escape: { label: 'Caractere de escape', description: DETECTED },
      header: { label: 'A primeira linha é o cabeçalho' },
      skipRows: {
        label: 'Linhas antes do cabeçalho',
        description: `Títulos, notas ou linhas em branco antes da tabela (linhas de comentário não contam: são puladas de todo modo). ${DETECTED}`,
      },
      encoding: {
        label: 'Codificação',
        values: { 'utf-8': 'UTF-8', 'utf-16': 'UTF-16', 'latin-1': 'Latin-1 (Windows)' },
      },
      decimal: { label: 'Separador decimal', values: { '.': 'Ponto (1.5)', ',': 'Vírgula (1,5)' } },
      thousands: {
        label: 'Separador de milhar',
        values: { '': 'Nenhum', '.': 'Ponto (1.000)', ',': 'Vírgula (1,000)', ' ': 'Espaço (1 000)' },
      },
      dateFormat: {
        label: 'Formato de data',
        description: `No formato do DuckDB: %d/%m/%Y é 31/12/2024. ${DETECTED}`,
        placeholder: '%d/%m/%Y',
      },
      timestampFormat: { label: 'Formato de data e hora', description: DETECTED, placeholder: '%d/%m/%Y %H:%M' },
      comment: { label: 'Linhas de comentário começam com' },
      nullStrings: {
        label: 'Valores lidos como NULL',
        description:
          'Campos sem aspas iguais a um destes são NULL. Um campo vazio entre aspas "" continua sendo texto vazio.',
      },
      ...columnTypes('Substitui o tipo detectado de algumas colunas.'),
      allColumnsText: { label: 'Ler todas as colunas como texto' },
      badRows: {
        label: 'Linhas ruins',
        description: 'Uma linha com aspas soltas, um separador a menos ou a mais, ou um valor que não cabe na coluna.',
        values: {
          quarantine: 'Separá-las (na saída Linhas rejeitadas)',
          skip: 'Ignorá-las (contadas)',
          fail: 'Fazer a execução falhar',
        },
      },
      maxRejected: { label: 'Falhar quando as linhas rejeitadas passarem de', description: NO_LIMIT },
      maxRejectedPercent: { label: 'Falhar quando a % de linhas rejeitadas passar de', description: NO_LIMIT },
    },
  },

  'source.json': {
    label: 'Arquivo JSON',
    description:
      'Lê um array JSON de objetos ou JSON delimitado por linhas de um arquivo, de um glob como logs/*.ndjson ou de uma pasta.',
    keywords: ['json', 'ndjson', 'jsonl', 'arquivo', 'ler'],
    ports: { out: ROWS },
    params: {
      ...fileInput(HIVE_KEY_VALUE),
      format: {
        label: 'Estrutura',
        values: { auto: 'Detectar', array: 'Um array de objetos', newline_delimited: 'Um objeto por linha' },
      },
      ...columnTypes('Converte algumas colunas para um tipo depois da leitura.'),
    },
  },

  'source.parquet': {
    label: 'Arquivo Parquet',
    description:
      'Lê um arquivo Parquet, um glob como lake/**/*.parquet ou todos os arquivos Parquet de uma pasta (colunas associadas pelo nome).',
    keywords: ['parquet', 'lake', 'colunar', 'arquivo', 'ler'],
    ports: { out: ROWS },
    params: fileInput({
      label: 'Ler nomes de pastas como colunas',
      description: 'pais=BR/parte.parquet adiciona uma coluna pais.',
    }),
  },

  'source.delta': {
    label: 'Tabela Delta',
    description:
      'Lê uma tabela Delta Lake (uma pasta com _delta_log), ex.: lake/pedidos: a versão mais recente, ou uma anterior pelo número da versão ou pela data e hora (viagem no tempo).',
    keywords: ['delta', 'lake', 'lakehouse', 'tabela', 'viagem no tempo', 'versão', 'parquet', 'ler'],
    ports: { out: ROWS },
    params: {
      path: { label: 'Pasta da tabela' },
      version: { label: 'Versão', description: 'Lê esta versão da tabela. Vazio: a mais recente.' },
      timestamp: {
        label: 'Na data e hora',
        placeholder: 'ex.: 2024-05-01T12:00:00Z',
        description: 'Lê a última versão gravada até esta data e hora. Vazio: a mais recente.',
      },
    },
  },

  'source.excel': {
    label: 'Planilha do Excel',
    description:
      'Lê uma planilha de uma pasta de trabalho do Excel (.xlsx), ex.: vendas.xlsx, planilha "2024", células A1:F500. Fórmulas dão o último valor calculado; linhas com uma célula que não cabe na coluna (ou #N/D) são separadas com a planilha e a célula.',
    keywords: ['excel', 'xlsx', 'planilha', 'pasta de trabalho', 'aba', 'ler'],
    ports: { out: ROWS, rejected: 'Linhas rejeitadas' },
    params: {
      path: { label: 'Pasta de trabalho' },
      sheet: {
        label: 'Planilha',
        description: 'O nome de uma planilha, ou a posição dela. Vazio: a primeira planilha.',
        placeholder: 'nome, ou número (1 = primeira)',
      },
      range: {
        label: 'Células',
        description: 'O bloco de células com a tabela. Vazio: todas as colunas e linhas usadas.',
        placeholder: 'ex.: A1:F100 ou A:F',
      },
      header: {
        label: 'A primeira linha é o cabeçalho',
        description: 'Desligado: as colunas se chamam column1, column2, …',
      },
      ...columnTypes('Substitui o tipo inferido das primeiras linhas.', TYPE_VALUES),
      inferRows: { label: 'Linhas lidas para inferir os tipos' },
      badRows: {
        label: 'Linhas ruins',
        description:
          'Uma linha com uma célula que não cabe no tipo da coluna, ou uma célula de erro (#N/D, #DIV/0!…). Falhar: uma célula que não cabe faz a execução falhar; células de erro são lidas como NULL, com um aviso.',
        values: {
          quarantine: 'Separá-las (na saída Linhas rejeitadas)',
          skip: 'Ignorá-las (contadas)',
          fail: 'Fazer a execução falhar',
        },
      },
      maxRejected: { label: 'Falhar quando as linhas rejeitadas passarem de', description: NO_LIMIT },
      maxRejectedPercent: { label: 'Falhar quando a % de linhas rejeitadas passar de', description: NO_LIMIT },
    },
  },

  'source.sqlite': {
    label: 'Banco SQLite',
    description: 'Lê uma tabela ou uma consulta de um arquivo de banco SQLite, ex.: dados/loja.sqlite: clientes.',
    keywords: ['sqlite', 'banco de dados', 'sql', 'tabela', 'arquivo', 'ler', 'incremental'],
    ports: { out: ROWS },
    params: {
      path: { label: 'Arquivo do banco' },
      ...databaseRead('pedidos'),
    },
  },

  'source.postgres': {
    label: 'PostgreSQL',
    description:
      'Lê uma tabela do PostgreSQL (algumas colunas, filtradas no banco) ou uma consulta, por uma conexão nomeada, ex.: warehouse: public.pedidos.',
    keywords: ['postgres', 'postgresql', 'banco de dados', 'sql', 'tabela', 'ler', 'incremental'],
    ports: { out: ROWS },
    params: {
      connection: { label: 'Conexão' },
      schema: POSTGRES_SCHEMA,
      ...databaseRead('pedidos'),
    },
  },

  'source.mysql': {
    label: 'MySQL / MariaDB',
    description:
      'Lê uma tabela do MySQL ou MariaDB (algumas colunas, filtradas no banco) ou uma consulta, por uma conexão nomeada, ex.: loja: pedidos.',
    keywords: ['mysql', 'mariadb', 'banco de dados', 'sql', 'tabela', 'ler', 'incremental'],
    ports: { out: ROWS },
    params: {
      connection: { label: 'Conexão' },
      schema: MYSQL_DATABASE,
      ...databaseRead('pedidos'),
    },
  },

  'source.clickhouse': {
    label: 'ClickHouse',
    description:
      'Lê uma tabela do ClickHouse (uma Distributed lê todos os shards; algumas colunas, filtradas no banco) ou uma consulta, por uma conexão nomeada, ex.: eventos: logs.acessos.',
    keywords: [
      'clickhouse',
      'olap',
      'distribuído',
      'shard',
      'cluster',
      'banco de dados',
      'sql',
      'tabela',
      'ler',
      'incremental',
    ],
    ports: { out: ROWS },
    params: {
      connection: { label: 'Conexão' },
      schema: MYSQL_DATABASE,
      ...databaseRead('acessos'),
    },
  },

  'source.http': {
    label: 'API JSON (HTTP)',
    description:
      'Lê registros de uma API JSON página a página, ex.: GET https://api.example.com/v1/orders, registros em data.items, próxima página por um cursor.',
    keywords: ['http', 'https', 'api', 'rest', 'json', 'web', 'url', 'buscar', 'paginação', 'requisição'],
    ports: { out: ROWS },
    params: {
      url: { label: 'URL', placeholder: 'https://api.example.com/v1/items' },
      query: {
        label: 'Parâmetros de consulta',
        description: 'Somados à URL. Um valor pode citar um segredo como ${secret:NOME}.',
        itemLabel: 'parâmetro de consulta',
      },
      'query.name': { label: 'Nome' },
      'query.value': { label: 'Valor' },
      headers: {
        label: 'Cabeçalhos',
        description:
          'Um valor pode citar um segredo como ${secret:NOME} (ex.: Bearer ${secret:API_TOKEN}), guardado em Conexões → Segredos ou lido de DUTO_SECRET_NOME quando o pipeline roda; nunca escreva o próprio segredo.',
        itemLabel: 'cabeçalho',
      },
      'headers.name': { label: 'Nome' },
      'headers.value': { label: 'Valor' },
      recordsPath: {
        label: 'Registros em',
        description: 'Caminho com pontos até o array de registros em cada resposta. Vazio: a própria resposta.',
        placeholder: 'ex.: data.items',
      },
      pagination: {
        label: 'Páginas',
        values: {
          none: 'Uma requisição',
          page: 'Parâmetro de número da página',
          offset: 'Parâmetros de deslocamento e limite',
          cursor: 'Cursor vindo da resposta',
          link: 'Cabeçalho Link (rel="next")',
        },
      },
      pageParam: { label: 'Parâmetro da página' },
      firstPage: { label: 'Número da primeira página' },
      pageSizeParam: {
        label: 'Parâmetro do tamanho da página',
        description: 'Vazio: nenhum tamanho de página é enviado.',
        placeholder: 'ex.: per_page',
      },
      offsetParam: { label: 'Parâmetro de deslocamento' },
      limitParam: { label: 'Parâmetro de limite' },
      pageSize: { label: 'Registros por página' },
      cursorParam: { label: 'Parâmetro do cursor' },
      cursorPath: {
        label: 'Próximo cursor em',
        description: 'Caminho com pontos na resposta; a paginação termina quando ele falta, é null ou vazio.',
        placeholder: 'ex.: meta.next_cursor',
      },
      maxPages: { label: 'No máximo esta quantidade de páginas', description: NO_LIMIT },
      ...columnTypes(
        'Substitui o tipo inferido da primeira página (campos aninhados se chamam como user.id). Também declara colunas quando a primeira página pode vir vazia.',
        TYPE_VALUES,
      ),
      requestsPerSecond: { label: 'No máximo estas requisições por segundo', description: NO_LIMIT },
      timeoutSeconds: { label: 'Tempo limite por requisição (segundos)' },
      retries: {
        label: 'Novas tentativas',
        description: 'Em 408, 429, 5xx e conexões perdidas, esperando 1, 2, 4… segundos ou o que o Retry-After disser.',
      },
    },
  },

  'transform.filter': {
    label: 'Filtrar linhas',
    description: "Mantém as linhas em que uma condição é verdadeira, ex.: status = 'pago' AND quantidade > 0.",
    keywords: ['filtrar', 'filtro', 'onde', 'manter', 'remover linhas', 'condição'],
    ports: { in: ROWS, out: 'Linhas mantidas' },
    params: {
      condition: { label: 'Condição', placeholder: "status = 'pago'" },
    },
  },

  'transform.select': {
    label: 'Selecionar colunas',
    description:
      'Mantém, descarta, renomeia, muda o tipo e reordena colunas (ex.: manter id, depois valor como total, como DECIMAL(12,2)).',
    keywords: [
      'selecionar',
      'colunas',
      'renomear',
      'reordenar',
      'descartar',
      'remover colunas',
      'projetar',
      'converter',
      'tipo',
      'filtrar colunas',
    ],
    ports: { in: ROWS, out: ROWS },
    params: {
      columns: { label: 'Colunas', itemLabel: 'coluna' },
      'columns.column': { label: 'Coluna' },
      'columns.keep': { label: 'Manter' },
      'columns.rename': { label: 'Renomear para', placeholder: 'manter o nome' },
      'columns.type': { label: 'Tipo', placeholder: 'manter o tipo' },
      others: {
        label: 'Colunas fora da lista',
        description:
          'O que acontece com uma coluna que a lista não nomeia, como uma acrescentada depois, antes deste nó.',
        values: { keep: 'Manter, depois das listadas', drop: 'Descartar' },
      },
    },
  },

  'transform.cast': {
    label: 'Alterar tipos',
    description:
      'Converte colunas para outro tipo, ex.: valor para DECIMAL(12,2); um valor que não converte faz a execução falhar ou fica vazio.',
    keywords: ['converter', 'conversão', 'tipo', 'cast', 'número', 'data', 'interpretar'],
    ports: { in: ROWS, out: ROWS },
    params: {
      casts: { label: 'Conversões', itemLabel: 'conversão' },
      'casts.column': { label: 'Coluna' },
      'casts.type': { label: 'Novo tipo' },
      'casts.onError': {
        label: 'Se um valor não converter',
        values: { fail: 'Fazer a execução falhar', null: 'Deixá-lo vazio' },
      },
    },
  },

  'transform.derive': {
    label: 'Calcular colunas',
    description:
      'Adiciona ou substitui colunas calculadas por expressões, ex.: total = preco * quantidade; as seguintes podem usar as anteriores.',
    keywords: ['calcular', 'derivar', 'fórmula', 'expressão', 'nova coluna', 'coluna calculada'],
    ports: { in: ROWS, out: ROWS },
    params: {
      columns: { label: 'Colunas', itemLabel: 'coluna' },
      'columns.name': {
        label: 'Nome',
        description: 'Uma coluna existente é substituída no lugar; um nome novo é adicionado no fim.',
      },
      'columns.expression': { label: 'Expressão', placeholder: 'preco * quantidade' },
    },
  },

  'transform.sort': {
    label: 'Ordenar',
    description:
      'Ordena as linhas por uma ou mais colunas, ex.: pais crescente, depois valor decrescente com os vazios por último.',
    keywords: ['ordenar', 'ordem', 'classificar', 'order by'],
    ports: { in: ROWS, out: 'Linhas ordenadas' },
    params: sortKeys('keys', 'Ordenar por'),
  },

  'transform.limit': {
    label: 'Limitar ou amostrar',
    description:
      'Mantém as primeiras linhas (ex.: 100 linhas depois de pular 20), ou uma amostra aleatória repetível de linhas ou de uma porcentagem.',
    keywords: ['limitar', 'limite', 'primeiras', 'topo', 'pular', 'amostra', 'amostrar', 'aleatório', 'subconjunto'],
    ports: { in: ROWS, out: ROWS },
    params: {
      mode: { label: 'Modo', values: { limit: 'Primeiras linhas', sample: 'Amostra aleatória' } },
      count: { label: 'Linhas' },
      offset: { label: 'Pular linhas antes' },
      sampleBy: { label: 'Tamanho da amostra em', values: { rows: 'Linhas', percent: 'Porcentagem' } },
      rows: { label: 'Linhas' },
      percent: { label: 'Porcentagem' },
      seed: { label: 'Semente', description: 'A mesma semente dá a mesma amostra dos mesmos dados.' },
    },
  },

  'transform.distinct': {
    label: 'Remover duplicatas',
    description:
      'Remove linhas duplicadas, ou mantém uma linha por chave, ex.: o pedido mais recente por id_cliente segundo data_pedido.',
    keywords: ['duplicatas', 'duplicados', 'deduplicar', 'distintos', 'únicos', 'mais recente'],
    ports: { in: ROWS, out: ROWS },
    params: {
      keys: { label: 'Colunas-chave', description: 'Vazio: linhas iguais em todas as colunas são duplicatas.' },
      keep: { label: 'Manter', values: { first: 'A primeira linha', last: 'A última linha' } },
      ...sortKeys('orderBy', 'Primeira e última pela ordem de', 'Vazio: na ordem da entrada.'),
    },
  },

  'transform.join': {
    label: 'Juntar (join)',
    description:
      'Combina as linhas de duas entradas cujas chaves correspondem, ex.: pedidos.id_cliente = clientes.id; semi e anti mantêm as linhas da esquerda com ou sem correspondência.',
    keywords: ['juntar', 'junção', 'cruzar', 'combinar', 'relacionar', 'procv', 'correspondência', 'existe'],
    ports: { left: 'Esquerda', right: 'Direita', out: 'Linhas combinadas' },
    params: {
      kind: {
        label: 'Tipo',
        values: {
          inner: 'Só as linhas com correspondência',
          left: 'Todas as linhas da esquerda',
          right: 'Todas as linhas da direita',
          full: 'Todas as linhas das duas',
          semi: 'Linhas da esquerda com correspondência',
          anti: 'Linhas da esquerda sem correspondência',
        },
      },
      keys: { label: 'Relacionar por', itemLabel: 'chave' },
      'keys.left': { label: 'Coluna da esquerda' },
      'keys.right': { label: 'Coluna da direita' },
      nullsEqual: { label: 'Chaves vazias (NULL) correspondem entre si' },
      suffix: { label: 'Sufixo para colunas da direita com nome repetido' },
    },
  },

  'transform.union': {
    label: 'Empilhar linhas',
    description:
      'Empilha as linhas de várias entradas, associando colunas pelo nome (ex.: pedidos_2023 e pedidos_2024); uma coluna que falta numa entrada fica vazia nela.',
    keywords: ['empilhar', 'unir', 'união', 'acrescentar', 'concatenar', 'juntar linhas', 'combinar'],
    ports: { in: 'Entradas', out: ROWS },
    params: {
      distinct: { label: 'Remover linhas duplicadas' },
      sourceColumn: {
        label: 'Adicionar o nome da entrada como coluna',
        description: 'Guarda o id do nó de onde vem cada linha.',
        placeholder: 'ex.: origem',
      },
    },
  },

  'transform.aggregate': {
    label: 'Agrupar e resumir',
    description:
      'Agrupa linhas por colunas e calcula medidas por grupo, ex.: contagem de pedidos e soma do valor por país.',
    keywords: [
      'agrupar',
      'agrupamento',
      'resumir',
      'agregar',
      'soma',
      'somar',
      'contar',
      'contagem',
      'média',
      'total',
      'subtotal',
    ],
    ports: { in: ROWS, out: 'Uma linha por grupo' },
    params: {
      groupBy: { label: 'Agrupar por', description: 'Vazio: uma linha para toda a entrada.' },
      measures: { label: 'Medidas', itemLabel: 'medida' },
      'measures.function': { label: 'Função', values: AGGREGATE_FUNCTIONS },
      'measures.column': { label: 'Coluna', description: COUNT_WITHOUT_COLUMN },
      'measures.as': { label: 'Nome', placeholder: 'ex.: valor_total' },
      ...sortKeys('orderBy', 'Primeiro e último pela ordem de'),
    },
  },

  'transform.pivot': {
    label: 'Pivotar',
    description:
      'Transforma os valores de uma coluna em colunas, ex.: uma linha por produto com a soma do valor para cada um de 2023, 2024.',
    keywords: ['pivotar', 'pivô', 'tabela dinâmica', 'tabela cruzada', 'largo', 'colunas a partir de valores'],
    ports: { in: ROWS, out: 'Linhas pivotadas' },
    params: {
      rows: { label: 'Uma linha por', description: 'Vazio: uma única linha.' },
      column: { label: 'Coluna cujos valores viram colunas' },
      values: {
        label: 'Valores que viram colunas',
        description: 'Cada um vira uma coluna; os outros valores ficam de fora.',
      },
      function: { label: 'Função', values: AGGREGATE_FUNCTIONS },
      valueColumn: { label: 'Da coluna', description: COUNT_WITHOUT_COLUMN },
    },
  },

  'transform.unpivot': {
    label: 'Despivotar',
    description:
      'Transforma colunas em linhas, ex.: as colunas 2023 e 2024 viram uma coluna ano e uma coluna valor, uma linha por ano.',
    keywords: ['despivotar', 'unpivot', 'derreter', 'longo', 'linhas a partir de colunas', 'colunas em linhas'],
    ports: { in: ROWS, out: ROWS },
    params: {
      columns: { label: 'Colunas que viram linhas' },
      nameColumn: { label: 'Coluna de nomes' },
      valueColumn: { label: 'Coluna de valores' },
      includeNulls: { label: 'Manter valores vazios' },
      asText: {
        label: 'Converter valores para texto',
        description: 'Necessário quando as colunas têm tipos diferentes.',
      },
    },
  },

  'transform.window': {
    label: 'Funções de janela',
    description:
      'Adiciona colunas calculadas sobre grupos ordenados de linhas, ex.: posição de cada pedido no seu cliente, valor anterior, total acumulado.',
    keywords: [
      'janela',
      'ranking',
      'classificação',
      'número da linha',
      'anterior',
      'próximo',
      'total acumulado',
      'acumulado',
      'partição',
    ],
    ports: { in: ROWS, out: ROWS },
    params: {
      partitionBy: { label: 'Por grupo de', description: 'Vazio: toda a entrada é um grupo.' },
      ...sortKeys('orderBy', 'Ordenado por'),
      functions: { label: 'Colunas a adicionar', itemLabel: 'função' },
      'functions.function': {
        label: 'Função',
        values: {
          row_number: 'Número da linha',
          rank: 'Posição (rank)',
          dense_rank: 'Posição densa (dense rank)',
          lag: 'Valor anterior',
          lead: 'Próximo valor',
          running_sum: 'Soma acumulada',
          running_avg: 'Média acumulada',
          running_count: 'Contagem acumulada',
        },
      },
      'functions.column': { label: 'Coluna' },
      'functions.offset': { label: 'Linhas para trás ou para a frente' },
      'functions.as': { label: 'Nome', placeholder: 'ex.: posicao_no_cliente' },
    },
  },

  'transform.fill_nulls': {
    label: 'Preencher valores vazios',
    description:
      'Substitui valores vazios (NULL) por um valor fixo, pelo valor anterior ou seguinte na ordem, ou pela média da coluna, ex.: o preço do dia anterior.',
    keywords: ['preencher', 'vazios', 'nulos', 'faltantes', 'completar', 'imputar', 'valor padrão'],
    ports: { in: ROWS, out: ROWS },
    params: {
      fills: { label: 'Colunas a preencher', itemLabel: 'coluna' },
      'fills.column': { label: 'Coluna' },
      'fills.strategy': {
        label: 'Preencher com',
        values: {
          value: 'Um valor',
          previous: 'O valor anterior',
          next: 'O próximo valor',
          mean: 'A média da coluna (números inteiros viram decimais)',
        },
      },
      'fills.value': { label: 'Valor', description: 'Convertido para o tipo da coluna.' },
      ...sortKeys('orderBy', 'Anterior e próximo pela ordem de'),
      partitionBy: {
        label: 'Dentro de grupos de',
        description: 'Anterior, próximo e média são tomados dentro do grupo.',
      },
    },
  },

  'transform.sql': {
    label: 'Consulta SQL',
    description:
      'Executa um SELECT do DuckDB sobre as entradas conectadas, nomeadas pelos ids dos nós, ex.: SELECT * FROM pedidos JOIN clientes USING (id_cliente).',
    keywords: ['sql', 'consulta', 'personalizada', 'código', 'duckdb'],
    ports: { in: 'Entradas', out: ROWS },
    params: {
      query: {
        label: 'Consulta',
        description: 'Cite cada entrada pelo id do nó.',
        placeholder: 'SELECT * FROM pedidos WHERE valor > 0',
      },
    },
  },

  'quality.checks': {
    label: 'Verificações de dados',
    description:
      'Verifica as linhas que passam — não vazio, único, numa faixa, um de um conjunto, correspondendo a um padrão, qualquer condição, uma contagem de linhas — e para a execução antes de gravar qualquer coisa quando uma falha (ou só avisa).',
    keywords: [
      'qualidade',
      'verificação',
      'verificar',
      'checar',
      'teste',
      'validar',
      'validação',
      'não nulo',
      'único',
      'faixa',
      'portão',
    ],
    ports: {
      in: ROWS,
      out: 'As mesmas linhas',
      // The rows failing a check whose action is 'route' (on main; not yet on the branch this was written on).
      failed: 'Linhas reprovadas',
    },
    params: {
      checks: { label: 'Verificações', itemLabel: 'verificação' },
      'checks.rule': {
        label: 'Regra',
        values: {
          not_null: 'Nunca vazio',
          unique: 'Único',
          between: 'Dentro de uma faixa',
          in_set: 'Um destes valores',
          matches: 'Corresponde a um padrão',
          condition: 'Uma condição vale para todas as linhas',
        },
      },
      'checks.column': { label: 'Coluna' },
      'checks.columns': { label: 'Colunas (únicas em conjunto)' },
      'checks.min': {
        label: 'Mínimo',
        description: 'Comparado no tipo da coluna, ex.: 0 ou 2024-01-01. Vazio: sem limite inferior.',
      },
      'checks.max': { label: 'Máximo', description: 'Vazio: sem limite superior.' },
      'checks.values': { label: 'Valores permitidos' },
      'checks.pattern': {
        label: 'Expressão regular',
        description: 'O valor inteiro deve corresponder, ex.: [A-Z]{2}-\\d{4}.',
      },
      'checks.condition': { label: 'Condição', placeholder: 'quantidade > 0 AND preco_unitario >= 0' },
      // A check's own action (on main; not yet on the branch this was written on).
      'checks.action': {
        label: 'Se falhar',
        values: {
          node: 'Como definido no nó',
          fail: 'Parar a execução',
          warn: 'Avisar e continuar',
          route: 'Separar as linhas reprovadas (saída Linhas reprovadas)',
        },
      },
      minRows: {
        label: 'Pelo menos esta quantidade de linhas',
        description: '0: sem limite inferior. 1 faz a execução falhar com entrada vazia.',
      },
      maxRows: { label: 'No máximo esta quantidade de linhas', description: '0: sem limite superior.' },
      // English on main: 'When a check fails (unless it says otherwise)'.
      onFailure: {
        label: 'Quando uma verificação falhar (se ela não definir outra ação)',
        values: { fail: 'Parar a execução: nada é gravado', warn: 'Avisar e continuar' },
      },
    },
  },

  'sink.csv': {
    label: 'Arquivo CSV',
    description:
      'Grava um arquivo CSV, ex.: saida/relatorio.csv com uma linha de cabeçalho e vírgulas. Gravado de forma atômica.',
    keywords: ['csv', 'tsv', 'gravar', 'salvar', 'escrever', 'exportar', 'delimitado'],
    ports: { in: ROWS },
    params: {
      path: { label: 'Arquivo de saída' },
      mode: SINK_MODE,
      delimiter: { label: 'Delimitador' },
      header: { label: 'Gravar uma linha de cabeçalho' },
      quote: { label: 'Aspas' },
    },
  },

  'sink.json': {
    label: 'Arquivo JSON',
    description:
      'Grava um array JSON de objetos ou um objeto por linha (NDJSON), ex.: saida/pedidos.ndjson. Gravado de forma atômica.',
    keywords: ['json', 'ndjson', 'jsonl', 'gravar', 'salvar', 'escrever', 'exportar'],
    ports: { in: ROWS },
    params: {
      path: { label: 'Arquivo de saída' },
      mode: SINK_MODE,
      format: {
        label: 'Estrutura',
        values: { newline_delimited: 'Um objeto por linha', array: 'Um array de objetos' },
      },
    },
  },

  'sink.parquet': {
    label: 'Arquivo Parquet',
    description:
      'Grava um arquivo Parquet, ou uma pasta de arquivos particionados por colunas (estrutura Hive: pais=BR/...). Gravado de forma atômica.',
    keywords: ['parquet', 'gravar', 'salvar', 'escrever', 'exportar', 'lake', 'particionar', 'partição'],
    ports: { in: ROWS },
    params: {
      path: { label: 'Arquivo ou pasta de saída' },
      mode: SINK_MODE,
      compression: {
        label: 'Compressão',
        values: { zstd: 'zstd', snappy: 'snappy', gzip: 'gzip', uncompressed: 'sem compressão' },
      },
      partitionBy: {
        label: 'Particionar pelas colunas',
        description: 'Grava uma pasta com uma subpasta por valor (estrutura Hive).',
      },
    },
  },

  'sink.delta': {
    label: 'Tabela Delta',
    description:
      'Grava linhas em uma tabela Delta Lake (uma pasta com _delta_log), ex.: lake/pedidos: cria a tabela, acrescenta uma versão, a sobrescreve ou mescla linhas pelas colunas-chave. Cada gravação é um commit atômico; as versões anteriores continuam legíveis (viagem no tempo).',
    keywords: [
      'delta',
      'lake',
      'lakehouse',
      'tabela',
      'gravar',
      'acrescentar',
      'versão',
      'parquet',
      'mesclar',
      'upsert',
      'partição',
    ],
    ports: { in: ROWS },
    params: {
      path: { label: 'Pasta da tabela' },
      mode: {
        label: 'Gravar',
        description:
          'Acrescentar, sobrescrever ou mesclar mantém as colunas da tabela: linhas com outras colunas ou tipos são recusadas (a menos que Adicionar colunas novas esteja ativo).',
        values: {
          append: 'Acrescentar uma versão (cria a tabela se não existir)',
          overwrite: 'Sobrescrever: uma nova versão só com estas linhas',
          create: 'Criar: falha se a tabela existir',
          merge: 'Mesclar pelas colunas-chave: substitui as linhas correspondentes, insere as outras',
        },
      },
      keys: {
        label: 'Colunas-chave',
        description:
          'Uma linha cuja chave corresponde a uma linha da tabela a substitui; as outras são inseridas. Cada chave pode vir uma vez só nas linhas.',
      },
      addColumns: {
        label: 'Adicionar colunas novas',
        description:
          'Colunas das linhas que a tabela não tem são adicionadas a ela (vazias nas linhas antigas); as colunas e tipos da própria tabela ainda precisam coincidir.',
      },
      partitionBy: {
        label: 'Particionar por colunas',
        description:
          'Quando a gravação cria a tabela: uma pasta por valor (layout Hive, col=valor/). Uma tabela existente mantém as próprias colunas de partição.',
      },
    },
  },

  'sink.excel': {
    label: 'Pasta de trabalho do Excel',
    description:
      'Grava linhas como planilhas de uma pasta de trabalho do Excel (.xlsx) com linha de cabeçalho e células tipadas: uma planilha por entrada, com o nome do nó de entrada (uma entrada só pode receber um nome, ex.: relatorio.xlsx, planilha "Resumo"). Gravado de forma atômica.',
    keywords: ['excel', 'xlsx', 'planilha', 'pasta de trabalho', 'aba', 'gravar', 'exportar'],
    ports: { in: ROWS },
    params: {
      path: { label: 'Pasta de trabalho de saída' },
      sheet: {
        label: 'Nome da planilha',
        description:
          'Só com uma entrada; várias entradas vão cada uma para uma planilha com o nome do nó de entrada. No máximo 31 caracteres, nenhum de : \\ / ? * [ ].',
        placeholder: 'o nome do nó de entrada',
      },
      header: { label: 'Gravar uma linha de cabeçalho' },
      mode: SINK_MODE,
    },
  },

  'sink.report': {
    label: 'Relatório HTML',
    description:
      'Grava uma página HTML autocontida (relatorio.html) depois da execução: os gráficos salvos, as primeiras linhas e os perfis dos nós que você indicar, os resultados das checagens de dados e o que a execução fez. Sem script e sem nada baixado: abre em qualquer lugar, offline. Gravado de forma atômica.',
    keywords: ['relatório', 'html', 'painel', 'dashboard', 'gráfico', 'página', 'resumo', 'exportar'],
    ports: {},
    params: {
      path: { label: 'Página de saída' },
      title: { label: 'Título', placeholder: 'o nome do pipeline' },
      summary: { label: 'Mostrar o que a execução fez' },
      checks: { label: 'Mostrar os resultados das checagens de dados' },
      charts: {
        label: 'Gráficos destes nós',
        description: 'Ids de nós; os gráficos salvos de cada nó são desenhados.',
      },
      tables: { label: 'Primeiras linhas destes nós', description: 'Ids de nós.' },
      tableRows: { label: 'Linhas por tabela' },
      profiles: {
        label: 'Perfis destes nós',
        description: 'Ids de nós; valores vazios e distintos, mínimo, máximo e média de cada coluna.',
      },
      mode: SINK_MODE,
    },
  },

  'ml.train': {
    label: 'Treinar um modelo',
    description:
      'Treina um modelo de regressão, classificação (modelos lineares, uma floresta aleatória ou árvores com gradient boosting) ou agrupamento com as linhas (ex.: prever o preço pela área e pelo bairro) e o grava, com as métricas de teste e a importância dos atributos, num arquivo de modelo.',
    keywords: [
      'aprendizado de máquina',
      'ml',
      'modelo',
      'treinar',
      'regressão',
      'classificação',
      'logística',
      'k-means',
      'floresta aleatória',
      'gradient boosting',
      'xgboost',
      'árvore de decisão',
      'agrupamento',
      'prever',
    ],
    ports: { in: ROWS },
    params: {
      path: { label: 'Arquivo do modelo' },
      task: {
        label: 'Tarefa',
        values: { regression: 'Regressão', classification: 'Classificação', clustering: 'Agrupamento' },
      },
      algorithm: {
        label: 'Algoritmo',
        values: {
          linear: 'Regressão linear',
          ridge: 'Regressão ridge',
          logistic: 'Regressão logística',
          kmeans: 'k-means',
          forest: 'Floresta aleatória',
          gbt: 'Árvores com gradient boosting',
        },
      },
      target: { label: 'Coluna alvo', description: 'O que o modelo prevê.' },
      numeric: { label: 'Atributos numéricos', description: 'NULL é trocado pela média do treino.' },
      categorical: {
        label: 'Atributos categóricos',
        description: 'Codificação one-hot: um atributo 0/1 por categoria vista no treino.',
      },
      testFraction: {
        label: 'Parcela de teste',
        description: 'Linhas separadas para as métricas, escolhidas pela semente (por classe na classificação).',
      },
      seed: { label: 'Semente', description: 'A mesma semente e os mesmos dados dão o mesmo modelo.' },
      lambda: {
        label: 'Penalidade (λ)',
        description: 'Penalidade L2 das regressões ridge e logística e dos valores das folhas no gradient boosting.',
      },
      k: { label: 'Grupos' },
      trees: {
        label: 'Árvores',
        description: 'Gradient boosting: rodadas (uma árvore por classe por rodada a partir de três classes).',
      },
      maxDepth: {
        label: 'Profundidade máxima',
        description: 'Níveis de divisões em cada árvore; 0: 12 na floresta aleatória, 6 no gradient boosting.',
      },
      minSamplesLeaf: { label: 'Linhas por folha no mínimo' },
      maxFeatures: {
        label: 'Atributos por divisão',
        description: 'Atributos testados em cada divisão; 0: √(atributos) na classificação, um terço na regressão.',
      },
      learningRate: {
        label: 'Taxa de aprendizado',
        description:
          'O que cada árvore acrescenta é multiplicado por ela: menor aprende mais devagar, com mais rodadas, e sobreajusta menos.',
      },
      minChildWeight: {
        label: 'Peso por folha no mínimo',
        description: 'Soma das hessianas por folha: linhas na regressão, menos para classes já confiantes.',
      },
      subsample: {
        label: 'Linhas por rodada',
        description: 'Parcela das linhas de treino que cada rodada vê, escolhida pela semente.',
      },
      rowCap: {
        label: 'Linhas treinadas no máximo',
        description: 'Uma entrada maior é amostrada de modo uniforme (com semente).',
      },
    },
  },

  'ml.score': {
    label: 'Pontuar com um modelo',
    description:
      'Acrescenta a cada linha as previsões de um modelo (ex.: preço previsto, probabilidades das classes, grupo): um modelo treinado por "Treinar um modelo", calculado em SQL enquanto as linhas passam, ou um modelo ONNX treinado em outro lugar (scikit-learn, XGBoost, LightGBM), executado em lotes.',
    keywords: [
      'aprendizado de máquina',
      'ml',
      'modelo',
      'pontuar',
      'prever',
      'previsão',
      'inferência',
      'probabilidade',
      'grupo',
      'onnx',
    ],
    ports: { in: ROWS, out: 'Linhas com previsões' },
    params: {
      path: { label: 'Arquivo do modelo' },
      features: {
        label: 'Colunas de atributo (ONNX)',
        description:
          'Para um modelo ONNX cuja única entrada é uma tabela com todos os atributos: as colunas dela, na ordem do modelo. Deixe vazio quando o modelo tem uma entrada por coluna.',
      },
    },
  },

  'sink.sqlite': {
    label: 'Tabela SQLite',
    description:
      'Grava linhas numa tabela de um arquivo de banco SQLite (criado se não existir): criar, substituir, acrescentar ou upsert. O arquivo é substituído de forma atômica.',
    keywords: ['sqlite', 'banco de dados', 'tabela', 'arquivo', 'gravar', 'carregar', 'upsert'],
    ports: { in: ROWS },
    params: {
      path: { label: 'Arquivo do banco' },
      ...databaseWrite,
    },
  },

  'sink.postgres': {
    label: 'Tabela PostgreSQL',
    description:
      'Grava linhas numa tabela do PostgreSQL por uma conexão nomeada: criar, substituir, acrescentar ou upsert, numa só transação (COPY em massa).',
    keywords: ['postgres', 'postgresql', 'banco de dados', 'tabela', 'gravar', 'carregar', 'carga', 'upsert', 'merge'],
    ports: { in: ROWS },
    params: {
      connection: { label: 'Conexão' },
      schema: POSTGRES_SCHEMA,
      ...databaseWrite,
    },
  },

  'sink.mysql': {
    label: 'Tabela MySQL / MariaDB',
    description:
      'Grava linhas numa tabela do MySQL ou MariaDB por uma conexão nomeada: criar, substituir, acrescentar ou upsert, tudo ou nada (inserts de várias linhas).',
    keywords: ['mysql', 'mariadb', 'banco de dados', 'tabela', 'gravar', 'carregar', 'carga', 'upsert', 'merge'],
    ports: { in: ROWS },
    params: {
      connection: { label: 'Conexão' },
      schema: MYSQL_DATABASE,
      ...databaseWrite,
      allowNonAtomic: {
        label: 'Permitir uma tabela não transacional',
        description:
          'Acrescenta ou faz upsert mesmo numa tabela MyISAM, MEMORY, ARCHIVE ou CSV, que não consegue desfazer: uma execução que falhar pode deixar ali parte das linhas.',
      },
    },
  },

  'sink.clickhouse': {
    label: 'Tabela ClickHouse',
    description:
      'Grava linhas numa tabela do ClickHouse por uma conexão nomeada: criar, substituir ou acrescentar. As linhas vão antes para uma tabela de preparação, então uma carga que falhe deixa o destino intacto.',
    keywords: ['clickhouse', 'olap', 'distribuído', 'banco de dados', 'tabela', 'gravar', 'carregar', 'carga'],
    ports: { in: ROWS },
    params: {
      connection: { label: 'Conexão' },
      schema: MYSQL_DATABASE,
      table: { label: 'Tabela' },
      mode: {
        label: 'Modo de gravação',
        values: {
          create: 'Criar a tabela (falha se já existir)',
          replace: 'Substituir a tabela',
          append: 'Acrescentar linhas (cria a tabela se não existir)',
        },
      },
      keyColumns: databaseWrite.keyColumns ?? { label: 'Colunas-chave' },
    },
  },
};
