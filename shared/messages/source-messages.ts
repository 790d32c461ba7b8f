import type { Template } from './template';

/** What a source reads, and the files a host opens (engine sources, json-check, host file-ops). */
export const SOURCE_MESSAGES = {
  'file.encoding': {
    en: 'cannot open {file}: it is not UTF-8 text (is it a pipeline file?)',
    'pt-BR': 'não foi possível abrir {file}: não é texto UTF-8 (é um arquivo de pipeline?)',
  },
  'file.not-regular': {
    en: 'cannot open {file}: it is not a regular file (a pipe, a device or a socket)',
    'pt-BR': 'não foi possível abrir {file}: não é um arquivo comum (um pipe, um dispositivo ou um socket)',
  },
  'file.path': { en: 'expected an absolute path, not "{file}"', 'pt-BR': 'esperado um caminho absoluto, não "{file}"' },
  'file.read': { en: 'cannot read {file}: {detail}', 'pt-BR': 'não foi possível ler {file}: {detail}' },
  'file.too-large': {
    en: 'cannot open {file}: it is {size} MB, more than the {max} MB a pipeline file may have',
    'pt-BR': 'não foi possível abrir {file}: tem {size} MB, mais que os {max} MB que um arquivo de pipeline pode ter',
  },
  'sniff.read': { en: '{detail}', 'pt-BR': 'não foi possível ler o arquivo: {detail}' },
  'source.approximate': {
    en: '{columns}: a numeric with no declared precision, read as DOUBLE (about 15 significant digits); cast it to numeric(p,s) with p ≤ 38 in a query to keep every digit',
    'pt-BR':
      '{columns}: um numeric sem precisão declarada, lido como DOUBLE (cerca de 15 dígitos significativos); converta para numeric(p,s) com p ≤ 38 numa consulta para manter todos os dígitos',
  },
  'source.dialect': { en: '{detail}', 'pt-BR': 'o dialeto CSV parece errado: {detail}' },
  'source.dialect/one-column': {
    en: 'the file was read as a single column named "{name}", which contains {shown}: the detected dialect is probably wrong; turn off automatic detection and set the delimiter',
    'pt-BR':
      'o arquivo foi lido como uma única coluna chamada "{name}", que contém {shown}: o dialeto detectado provavelmente está errado; desligue a detecção automática e defina o delimitador',
  },
  'source.duplicate-key': {
    en: '{at}: the last value is read (as for every repeated key in this file)',
    'pt-BR': '{at}: o último valor é lido (como para toda chave repetida neste arquivo)',
  },
  'source.duplicate-key/refused': {
    en: '{at}; a file with repeated keys cannot be read with the file-name column or key=value folders: remove the repeated keys or turn those options off',
    'pt-BR':
      '{at}; um arquivo com chaves repetidas não pode ser lido com a coluna de nome de arquivo ou pastas chave=valor: remova as chaves repetidas ou desligue essas opções',
  },
  'source.malformed': {
    en: 'malformed CSV at line {line}: {reason}',
    'pt-BR': 'CSV malformado na linha {line}: {reason}',
  },
  'source.malformed/csv-shown': {
    en: 'malformed CSV at line {line}: {reason} (the line reads: {original})',
    'pt-BR': 'CSV malformado na linha {line}: {reason} (a linha diz: {original})',
  },
  'source.malformed/csv-in': {
    en: 'malformed CSV at line {line} of {file}: {reason}',
    'pt-BR': 'CSV malformado na linha {line} de {file}: {reason}',
  },
  'source.malformed/csv-in-shown': {
    en: 'malformed CSV at line {line} of {file}: {reason} (the line reads: {original})',
    'pt-BR': 'CSV malformado na linha {line} de {file}: {reason} (a linha diz: {original})',
  },
  'source.malformed/json-value': {
    en: "{file}, {at}: {reason} — a value unlike those in the records read to decide each field's type; give the field a type under Column types (VARCHAR reads any value) or make its values alike",
    'pt-BR':
      '{file}, {at}: {reason} — um valor diferente dos registros lidos para decidir o tipo de cada campo; dê um tipo ao campo em Tipos de coluna (VARCHAR lê qualquer valor) ou deixe os valores parecidos',
  },
  'source.malformed/csv-settings': {
    en: '{file} could not be read as CSV with these settings (an unclosed quote, or rows with a different number of fields)',
    'pt-BR':
      '{file} não pôde ser lido como CSV com estas configurações (uma aspa não fechada, ou linhas com número diferente de campos)',
  },
  'source.malformed/line-endings': {
    en: '{file} mixes line endings: its lines end in {first}, but line {line} ends in {other}, and DuckDB reads one kind per file; save the file with one kind of line ending (most editors can convert them)',
    'pt-BR':
      '{file} mistura fins de linha: suas linhas terminam em {first}, mas a linha {line} termina em {other}, e o DuckDB lê um tipo só por arquivo; salve o arquivo com um tipo só de fim de linha (a maioria dos editores converte)',
  },
  'source.malformed/windows-1252': {
    en: '{file} is Windows-1252 text, not Latin-1: line {line} holds the byte {byte} (Windows-1252 uses 0x80–0x9F for “ ” ‘ ’ – — € …), which DuckDB cannot read; save the file as UTF-8 (in Excel: “CSV UTF-8”)',
    'pt-BR':
      '{file} é texto Windows-1252, não Latin-1: a linha {line} tem o byte {byte} (o Windows-1252 usa 0x80–0x9F para “ ” ‘ ’ – — € …), que o DuckDB não lê; salve o arquivo como UTF-8 (no Excel: “CSV UTF-8”)',
  },
  'source.malformed/json': {
    en: 'malformed JSON in {file} at byte {byte} of record {record}: {detail}',
    'pt-BR': 'JSON malformado em {file} no byte {byte} do registro {record}: {detail}',
  },
  'source.malformed/parquet': {
    en: '{file} is not a readable Parquet file: it is damaged or truncated (DuckDB: {detail})',
    'pt-BR': '{file} não é um arquivo Parquet legível: está danificado ou truncado (DuckDB: {detail})',
  },
  'source.malformed/sqlite': {
    en: '{file} is not a SQLite database: {detail}',
    'pt-BR': '{file} não é um banco de dados SQLite: {detail}',
  },
  'source.malformed/rfc': { en: 'not valid JSON (RFC 8259): {detail}', 'pt-BR': 'JSON inválido (RFC 8259): {detail}' },
  'source.missing': { en: 'no file matches {file}', 'pt-BR': 'nenhum arquivo corresponde a {file}' },
  'source.missing/sqlite-none': {
    en: 'cannot read SQLite database {file}: no such file',
    'pt-BR': 'não foi possível ler o banco SQLite {file}: o arquivo não existe',
  },
  'source.missing/sqlite': {
    en: 'cannot read SQLite database {file}: {detail}',
    'pt-BR': 'não foi possível ler o banco SQLite {file}: {detail}',
  },
  'source.missing/query': { en: '{what} in {file}: {detail}', 'pt-BR': '{what} em {file}: {detail}' },
  'source.missing/open': { en: 'cannot open {file}: {detail}', 'pt-BR': 'não foi possível abrir {file}: {detail}' },
  'source.missing/read': { en: 'cannot read {file}: {detail}', 'pt-BR': 'não foi possível ler {file}: {detail}' },
  'source.mixed-types': {
    en: 'the field {names} holds values of different types (numbers and text, say): read as text, each value as written (a number as DuckDB prints it)',
    'pt-BR':
      'o campo {names} tem valores de tipos diferentes (números e texto, por exemplo): lido como texto, cada valor como está escrito (um número como o DuckDB o imprime)',
  },
  'source.mixed-types/many': {
    en: 'the fields {names} hold values of different types (numbers and text, say): read as text, each value as written (a number as DuckDB prints it)',
    'pt-BR':
      'os campos {names} têm valores de tipos diferentes (números e texto, por exemplo): lidos como texto, cada valor como está escrito (um número como o DuckDB o imprime)',
  },
  'source.rejected': { en: '{what}', 'pt-BR': '{what}' },
  'source.rejected/plain-aside': {
    en: '{rows} of {total} rows set aside (see the Rejected rows output)',
    'pt-BR': '{rows} de {total} linhas separadas (veja a saída Linhas rejeitadas)',
  },
  'source.rejected/plain-aside-first': {
    en: '{rows} of {total} rows set aside (see the Rejected rows output); the first, line {line} of {file}: {reason}',
    'pt-BR':
      '{rows} de {total} linhas separadas (veja a saída Linhas rejeitadas); a primeira, linha {line} de {file}: {reason}',
  },
  'source.rejected/plain-skipped': {
    en: '{rows} of {total} rows skipped',
    'pt-BR': '{rows} de {total} linhas puladas',
  },
  'source.rejected/plain-skipped-first': {
    en: '{rows} of {total} rows skipped; the first, line {line} of {file}: {reason}',
    'pt-BR': '{rows} de {total} linhas puladas; a primeira, linha {line} de {file}: {reason}',
  },
  'source.rejected/all-aside': {
    en: '{rows} of {total} rows set aside (see the Rejected rows output) — every row was rejected: {check}',
    'pt-BR':
      '{rows} de {total} linhas separadas (veja a saída Linhas rejeitadas) — todas as linhas foram rejeitadas: {check}',
  },
  'source.rejected/all-aside-first': {
    en: '{rows} of {total} rows set aside (see the Rejected rows output); the first, line {line} of {file}: {reason} — every row was rejected: {check}',
    'pt-BR':
      '{rows} de {total} linhas separadas (veja a saída Linhas rejeitadas); a primeira, linha {line} de {file}: {reason} — todas as linhas foram rejeitadas: {check}',
  },
  'source.rejected/all-skipped': {
    en: '{rows} of {total} rows skipped — every row was rejected: {check}',
    'pt-BR': '{rows} de {total} linhas puladas — todas as linhas foram rejeitadas: {check}',
  },
  'source.rejected/all-skipped-first': {
    en: '{rows} of {total} rows skipped; the first, line {line} of {file}: {reason} — every row was rejected: {check}',
    'pt-BR':
      '{rows} de {total} linhas puladas; a primeira, linha {line} de {file}: {reason} — todas as linhas foram rejeitadas: {check}',
  },
  'source.rejected/max-rows-aside': {
    en: '{rows} of {total} rows set aside (see the Rejected rows output): more than the {max} allowed',
    'pt-BR': '{rows} de {total} linhas separadas (veja a saída Linhas rejeitadas): mais que as {max} permitidas',
  },
  'source.rejected/max-rows-aside-first': {
    en: '{rows} of {total} rows set aside (see the Rejected rows output); the first, line {line} of {file}: {reason}: more than the {max} allowed',
    'pt-BR':
      '{rows} de {total} linhas separadas (veja a saída Linhas rejeitadas); a primeira, linha {line} de {file}: {reason}: mais que as {max} permitidas',
  },
  'source.rejected/max-rows-skipped': {
    en: '{rows} of {total} rows skipped: more than the {max} allowed',
    'pt-BR': '{rows} de {total} linhas puladas: mais que as {max} permitidas',
  },
  'source.rejected/max-rows-skipped-first': {
    en: '{rows} of {total} rows skipped; the first, line {line} of {file}: {reason}: more than the {max} allowed',
    'pt-BR':
      '{rows} de {total} linhas puladas; a primeira, linha {line} de {file}: {reason}: mais que as {max} permitidas',
  },
  'source.rejected/max-percent-aside': {
    en: '{rows} of {total} rows set aside (see the Rejected rows output) ({share} %): more than the {max} % allowed',
    'pt-BR':
      '{rows} de {total} linhas separadas (veja a saída Linhas rejeitadas) ({share} %): mais que os {max} % permitidos',
  },
  'source.rejected/max-percent-aside-first': {
    en: '{rows} of {total} rows set aside (see the Rejected rows output); the first, line {line} of {file}: {reason} ({share} %): more than the {max} % allowed',
    'pt-BR':
      '{rows} de {total} linhas separadas (veja a saída Linhas rejeitadas); a primeira, linha {line} de {file}: {reason} ({share} %): mais que os {max} % permitidos',
  },
  'source.rejected/max-percent-skipped': {
    en: '{rows} of {total} rows skipped ({share} %): more than the {max} % allowed',
    'pt-BR': '{rows} de {total} linhas puladas ({share} %): mais que os {max} % permitidos',
  },
  'source.rejected/max-percent-skipped-first': {
    en: '{rows} of {total} rows skipped; the first, line {line} of {file}: {reason} ({share} %): more than the {max} % allowed',
    'pt-BR':
      '{rows} de {total} linhas puladas; a primeira, linha {line} de {file}: {reason} ({share} %): mais que os {max} % permitidos',
  },
  'source.rejected/most-aside': {
    en: '{rows} of {total} rows set aside (see the Rejected rows output) — most rows: {hint}',
    'pt-BR': '{rows} de {total} linhas separadas (veja a saída Linhas rejeitadas) — a maioria das linhas: {hint}',
  },
  'source.rejected/most-aside-first': {
    en: '{rows} of {total} rows set aside (see the Rejected rows output); the first, line {line} of {file}: {reason} — most rows: {hint}',
    'pt-BR':
      '{rows} de {total} linhas separadas (veja a saída Linhas rejeitadas); a primeira, linha {line} de {file}: {reason} — a maioria das linhas: {hint}',
  },
  'source.rejected/most-skipped': {
    en: '{rows} of {total} rows skipped — most rows: {hint}',
    'pt-BR': '{rows} de {total} linhas puladas — a maioria das linhas: {hint}',
  },
  'source.rejected/most-skipped-first': {
    en: '{rows} of {total} rows skipped; the first, line {line} of {file}: {reason} — most rows: {hint}',
    'pt-BR':
      '{rows} de {total} linhas puladas; a primeira, linha {line} de {file}: {reason} — a maioria das linhas: {hint}',
  },
  'source.rejected/preview-aside': {
    en: '{count} of the rows read for this preview were set aside (see the Rejected rows output)',
    'pt-BR': '{count} das linhas lidas para esta pré-visualização foram separadas (veja a saída Linhas rejeitadas)',
  },
  'source.rejected/preview-aside-first': {
    en: '{count} of the rows read for this preview were set aside (see the Rejected rows output); the first, line {line}: {reason}',
    'pt-BR':
      '{count} das linhas lidas para esta pré-visualização foram separadas (veja a saída Linhas rejeitadas); a primeira, linha {line}: {reason}',
  },
  'source.rejected/preview-skipped': {
    en: '{count} of the rows read for this preview were skipped',
    'pt-BR': '{count} das linhas lidas para esta pré-visualização foram puladas',
  },
  'source.rejected/preview-skipped-first': {
    en: '{count} of the rows read for this preview were skipped; the first, line {line}: {reason}',
    'pt-BR': '{count} das linhas lidas para esta pré-visualização foram puladas; a primeira, linha {line}: {reason}',
  },
  'source.shape': {
    en: 'row {row} has {values} values where {columns} columns were announced',
    'pt-BR': 'a linha {row} tem {values} valores onde {columns} colunas foram anunciadas',
  },
  'source.truncated': { en: '{detail}', 'pt-BR': 'leitura truncada: {detail}' },
  'source.truncated/json': { en: 'not valid JSON (RFC 8259): {detail}', 'pt-BR': 'JSON inválido (RFC 8259): {detail}' },
  'source.value': {
    en: 'row {row}, column "{column}": the value {value} does not fit {type}: {detail}',
    'pt-BR': 'linha {row}, coluna "{column}": o valor {value} não cabe em {type}: {detail}',
  },
  'source.watermark': {
    en: 'the watermark column "{column}" is not among the columns read',
    'pt-BR': 'a coluna de marca d’água "{column}" não está entre as colunas lidas',
  },
  'source.watermark/type': {
    en: 'the watermark column "{column}" is {type}, not {want}',
    'pt-BR': 'a coluna de marca d’água "{column}" é {type}, não {want}',
  },
  'source.writes': { en: '{detail}', 'pt-BR': 'a fonte gravaria: {detail}' },
} as const satisfies Record<string, Template>;
