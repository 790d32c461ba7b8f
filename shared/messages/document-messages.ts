import type { Template } from './template';

/** The pipeline document: reading, its shape, its ids and its versions (shared/format). */
export const DOCUMENT_MESSAGES = {
  'document.duplicate-id': {
    en: '{path}: "{id}" is already the id of {first}',
    'pt-BR': '{path}: "{id}" já é o id de {first}',
  },
  'document.format': {
    en: 'expected "format": "{format}" — is this a Duto pipeline?',
    'pt-BR': 'esperado "format": "{format}" — isto é um pipeline do Duto?',
  },
  'document.invalid': { en: 'this pipeline is not valid: {detail}', 'pt-BR': 'este pipeline não é válido: {detail}' },
  'document.json': { en: 'not valid JSON: {detail}', 'pt-BR': 'JSON inválido: {detail}' },
  'document.json/at': {
    en: 'not valid JSON: {detail} (line {line}, column {column})',
    'pt-BR': 'JSON inválido: {detail} (linha {line}, coluna {column})',
  },
  'document.layout': { en: 'layout.{id}: no node has this id', 'pt-BR': 'layout.{id}: nenhum nó tem este id' },
  'document.read': { en: 'cannot read {file}: {detail}', 'pt-BR': 'não foi possível ler {file}: {detail}' },
  'document.read/role': {
    en: 'cannot read {role} {file}: {detail}',
    'pt-BR': 'não foi possível ler {role} {file}: {detail}',
  },
  'document.secret': {
    en: '{path}: {reason}. Pipeline files never hold secrets: reference a named connection, or a {ref} given at run time',
    'pt-BR':
      '{path}: {reason}. Arquivos de pipeline nunca guardam segredos: use uma conexão com nome, ou um {ref} dado na execução',
  },
  'pipeline.running': {
    en: '{file} is already running: {holder}; a pipeline never runs twice at once (wait for that run, or stop it)',
    'pt-BR':
      '{file} já está em execução: {holder}; um pipeline nunca roda duas vezes ao mesmo tempo (espere essa execução, ou pare-a)',
  },
  'schedule.invalid': { en: 'schedule: {detail}', 'pt-BR': 'agendamento: {detail}' },
  'schedule.invalid/none': {
    en: 'no pipeline with a "schedule" in {paths}',
    'pt-BR': 'nenhum pipeline com "schedule" em {paths}',
  },
  'schedule.invalid/cron': {
    en: 'schedule.triggers[{index}]: "{cron}" is not a cron expression: {detail}',
    'pt-BR': 'schedule.triggers[{index}]: "{cron}" não é uma expressão cron: {detail}',
  },
  'schedule.invalid/timezone': {
    en: 'schedule.triggers[{index}]: "{timezone}" is not an IANA time zone (such as Europe/Berlin or America/Sao_Paulo)',
    'pt-BR':
      'schedule.triggers[{index}]: "{timezone}" não é um fuso horário IANA (como Europe/Berlin ou America/Sao_Paulo)',
  },
  'schedule.invalid/files': {
    en: 'schedule.triggers[{index}]: "{glob}" must stay inside the pipeline\'s folder (a relative glob with no ..)',
    'pt-BR': 'schedule.triggers[{index}]: "{glob}" precisa ficar dentro da pasta do pipeline (um glob relativo sem ..)',
  },
  'schedule.invalid/after': {
    en: 'schedule.triggers[{index}]: "{after}" is not a pipeline being served ({file} is not among them)',
    'pt-BR': 'schedule.triggers[{index}]: "{after}" não é um pipeline servido ({file} não está entre eles)',
  },
  'document.shape': { en: '{path}: {detail}', 'pt-BR': '{path}: {detail}' },
  'document.shape/proto-key': {
    en: 'the name "__proto__" is not allowed as a key: JavaScript objects treat it specially, so it would be lost on save',
    'pt-BR':
      'o nome "__proto__" não é permitido como chave: objetos JavaScript o tratam de forma especial, então ele se perderia ao salvar',
  },
  'document.shape/not-object': {
    en: 'a pipeline document must be a JSON object',
    'pt-BR': 'um documento de pipeline precisa ser um objeto JSON',
  },
  'document.shape/unknown-key': { en: '{path}: unknown key {keys}', 'pt-BR': '{path}: chave desconhecida {keys}' },
  'document.shape/unknown-keys': { en: '{path}: unknown keys {keys}', 'pt-BR': '{path}: chaves desconhecidas {keys}' },
  'document.version': { en: 'unknown format version {version}', 'pt-BR': 'versão de formato desconhecida {version}' },
  'document.version/not-integer': { en: 'expected an integer "version"', 'pt-BR': 'esperado um "version" inteiro' },
  'document.version/newer': {
    en: 'this pipeline was saved by a newer Duto (format version {version}); this one reads up to {current}',
    'pt-BR': 'este pipeline foi salvo por um Duto mais novo (versão de formato {version}); este lê até a {current}',
  },
} as const satisfies Record<string, Template>;
