import type { Template } from './template';

/** The shells around the engine: the CLI, IPC and the host's requests. */
export const HOST_MESSAGES = {
  'cli.failed': { en: '{detail}', 'pt-BR': 'falhou: {detail}' },
  'cli.unexpected': { en: 'unexpected error: {detail}', 'pt-BR': 'erro inesperado: {detail}' },
  'cli.usage': { en: '{detail}', 'pt-BR': 'uso incorreto: {detail}' },
  internal: { en: '{detail}', 'pt-BR': 'erro interno: {detail}' },
  'internal/main-only': {
    en: 'this operation is answered by the main process',
    'pt-BR': 'erro interno: esta operação é respondida pelo processo principal',
  },
  'internal/malformed-reply': {
    en: '{operation}: the engine host sent a malformed reply',
    'pt-BR': 'erro interno: {operation}: o processo do motor enviou uma resposta malformada',
  },
  'internal/invalid-response': {
    en: '{operation}: the engine host sent an invalid response: {detail}',
    'pt-BR': 'erro interno: {operation}: o processo do motor enviou uma resposta inválida: {detail}',
  },
  'internal/secret-reply': {
    en: 'secret storage sent an invalid {operation} reply',
    'pt-BR': 'erro interno: o armazenamento de segredos enviou uma resposta inválida a {operation}',
  },
  'ipc.forbidden': { en: '{detail}', 'pt-BR': 'proibido: {detail}' },
  'request.duplicate-id': { en: '{detail}', 'pt-BR': 'id de pedido repetido: {detail}' },
  'request.invalid': { en: '{detail}', 'pt-BR': 'pedido inválido: {detail}' },
  'request.unknown-operation': { en: '{detail}', 'pt-BR': 'operação desconhecida: {detail}' },
} as const satisfies Record<string, Template>;
