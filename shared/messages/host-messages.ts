import type { Template } from './template';

/** The shells around the engine: the CLI, IPC and the host's requests. */
export const HOST_MESSAGES = {
  'cli.failed': { en: '{detail}', 'pt-BR': 'falhou: {detail}' },
  'cli.unexpected': { en: 'unexpected error: {detail}', 'pt-BR': 'erro inesperado: {detail}' },
  'cli.usage': { en: '{detail}', 'pt-BR': 'uso incorreto: {detail}' },
  internal: { en: '{detail}', 'pt-BR': 'erro interno: {detail}' },
  'ipc.forbidden': { en: '{detail}', 'pt-BR': 'proibido: {detail}' },
  'request.duplicate-id': { en: '{detail}', 'pt-BR': 'id de pedido repetido: {detail}' },
  'request.invalid': { en: '{detail}', 'pt-BR': 'pedido inválido: {detail}' },
  'request.unknown-operation': { en: '{detail}', 'pt-BR': 'operação desconhecida: {detail}' },
} as const satisfies Record<string, Template>;
