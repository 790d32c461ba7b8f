import type { Template } from './template';

/**
 * A `${secret:NAME}` an HTTP source cannot use: where it is referenced (the
 * URL, a query parameter, a header), then why — not set, unreadable, or not
 * to be sent to this server. One template per place and reason, each
 * keyed `http.secret/<place>-<reason>` or `http.secret-origin/<place>-<reason>`
 * (secret-refs.ts says which).
 */

type T<E extends string, P extends string> = Readonly<{ en: E; 'pt-BR': P }>;

/** Why a secret has no value, following "…uses the secret NAME, which ". */
export const SECRET_PROBLEMS = {
  'env-unset': {
    en: 'is not set: set the environment variable {variable}',
    'pt-BR': 'não está definido: defina a variável de ambiente {variable}',
  },
  'env-origins-empty': {
    en: 'is set, but {variable} has "{entry}", which is empty',
    'pt-BR': 'está definido, mas {variable} tem "{entry}", que está vazio',
  },
  'env-origins-not-url': {
    en: 'is set, but {variable} has "{entry}", which is not a URL such as https://api.example.com',
    'pt-BR': 'está definido, mas {variable} tem "{entry}", que não é uma URL como https://api.example.com',
  },
  'env-origins-scheme': {
    en: 'is set, but {variable} has "{entry}", which is not an http:// or https:// origin',
    'pt-BR': 'está definido, mas {variable} tem "{entry}", que não é uma origem http:// ou https://',
  },
  'env-origins-credentials': {
    en: 'is set, but {variable} has "{entry}", which holds a user name or password; give only the scheme, host and port',
    'pt-BR':
      'está definido, mas {variable} tem "{entry}", que contém usuário ou senha; informe só o esquema, o host e a porta',
  },
  'env-origins-path': {
    en: 'is set, but {variable} has "{entry}", which has a path, query or fragment; give only the scheme, host and port, e.g. https://api.example.com',
    'pt-BR':
      'está definido, mas {variable} tem "{entry}", que tem caminho, consulta ou fragmento; informe só o esquema, o host e a porta, por exemplo https://api.example.com',
  },
  'app-unset': {
    en: 'is not set: add it under Connections → Secrets, or set the environment variable {variable}',
    'pt-BR': 'não está definido: adicione-o em Conexões → Segredos, ou defina a variável de ambiente {variable}',
  },
  'stored-unreadable': {
    en: 'is stored, but cannot be read: {detail}',
    'pt-BR': 'está armazenado, mas não pode ser lido: {detail}',
  },
  'stored-keychain': {
    en: 'is stored, but cannot be read: it cannot be decrypted (did the keychain change?): enter it again under Connections → Secrets',
    'pt-BR':
      'está armazenado, mas não pode ser lido: não é possível descriptografá-lo (o chaveiro mudou?): digite-o de novo em Conexões → Segredos',
  },
  untrusted: {
    en: 'is not available: the pipeline is not trusted',
    'pt-BR': 'não está disponível: o pipeline não é confiável',
  },
} as const satisfies Record<string, Template>;

/** Why a secret may not go to this server, following "…uses the secret NAME, which ". */
export const SECRET_REFUSALS = {
  'none-env': {
    en: 'was stored without the origins it may be sent to (secrets saved before Duto bound them to servers have none), so it is not sent to {origin}: say where it may be sent in {variable}',
    'pt-BR':
      'foi armazenado sem as origens para onde pode ser enviado (segredos salvos antes de o Duto vinculá-los a servidores não têm nenhuma), então não é enviado a {origin}: diga para onde ele pode ser enviado em {variable}',
  },
  'none-stored': {
    en: 'was stored without the origins it may be sent to (secrets saved before Duto bound them to servers have none), so it is not sent to {origin}: say where it may be sent under Connections → Secrets ({stored}: Edit origins)',
    'pt-BR':
      'foi armazenado sem as origens para onde pode ser enviado (segredos salvos antes de o Duto vinculá-los a servidores não têm nenhuma), então não é enviado a {origin}: diga para onde ele pode ser enviado em Conexões → Segredos ({stored}: Editar origens)',
  },
  'listed-env': {
    en: 'may be sent only to {origins}, not to {origin}: if that server is meant to get it, add {origin} to its origins in {variable}',
    'pt-BR':
      'só pode ser enviado a {origins}, não a {origin}: se esse servidor deve recebê-lo, acrescente {origin} às origens dele em {variable}',
  },
  'listed-stored': {
    en: 'may be sent only to {origins}, not to {origin}: if that server is meant to get it, add {origin} to its origins under Connections → Secrets ({stored}: Edit origins)',
    'pt-BR':
      'só pode ser enviado a {origins}, não a {origin}: se esse servidor deve recebê-lo, acrescente {origin} às origens dele em Conexões → Segredos ({stored}: Editar origens)',
  },
} as const satisfies Record<string, Template>;

const p = SECRET_PROBLEMS;
const r = SECRET_REFUSALS;

function url<E extends string, P extends string>(
  t: T<E, P>,
): { en: `the URL uses the secret {secret}, which ${E}`; 'pt-BR': `a URL usa o segredo {secret}, que ${P}` } {
  return {
    en: `the URL uses the secret {secret}, which ${t.en}`,
    'pt-BR': `a URL usa o segredo {secret}, que ${t['pt-BR']}`,
  };
}

function query<E extends string, P extends string>(
  t: T<E, P>,
): {
  en: `query parameter {name} uses the secret {secret}, which ${E}`;
  'pt-BR': `o parâmetro de consulta {name} usa o segredo {secret}, que ${P}`;
} {
  return {
    en: `query parameter {name} uses the secret {secret}, which ${t.en}`,
    'pt-BR': `o parâmetro de consulta {name} usa o segredo {secret}, que ${t['pt-BR']}`,
  };
}

function header<E extends string, P extends string>(
  t: T<E, P>,
): {
  en: `header {name} uses the secret {secret}, which ${E}`;
  'pt-BR': `o cabeçalho {name} usa o segredo {secret}, que ${P}`;
} {
  return {
    en: `header {name} uses the secret {secret}, which ${t.en}`,
    'pt-BR': `o cabeçalho {name} usa o segredo {secret}, que ${t['pt-BR']}`,
  };
}

export const SECRET_MESSAGES = {
  'http.secret/url-env-unset': url(p['env-unset']),
  'http.secret/url-env-origins-empty': url(p['env-origins-empty']),
  'http.secret/url-env-origins-not-url': url(p['env-origins-not-url']),
  'http.secret/url-env-origins-scheme': url(p['env-origins-scheme']),
  'http.secret/url-env-origins-credentials': url(p['env-origins-credentials']),
  'http.secret/url-env-origins-path': url(p['env-origins-path']),
  'http.secret/url-app-unset': url(p['app-unset']),
  'http.secret/url-stored-unreadable': url(p['stored-unreadable']),
  'http.secret/url-stored-keychain': url(p['stored-keychain']),
  'http.secret/url-untrusted': url(p.untrusted),
  'http.secret/query-env-unset': query(p['env-unset']),
  'http.secret/query-env-origins-empty': query(p['env-origins-empty']),
  'http.secret/query-env-origins-not-url': query(p['env-origins-not-url']),
  'http.secret/query-env-origins-scheme': query(p['env-origins-scheme']),
  'http.secret/query-env-origins-credentials': query(p['env-origins-credentials']),
  'http.secret/query-env-origins-path': query(p['env-origins-path']),
  'http.secret/query-app-unset': query(p['app-unset']),
  'http.secret/query-stored-unreadable': query(p['stored-unreadable']),
  'http.secret/query-stored-keychain': query(p['stored-keychain']),
  'http.secret/query-untrusted': query(p.untrusted),
  'http.secret/header-env-unset': header(p['env-unset']),
  'http.secret/header-env-origins-empty': header(p['env-origins-empty']),
  'http.secret/header-env-origins-not-url': header(p['env-origins-not-url']),
  'http.secret/header-env-origins-scheme': header(p['env-origins-scheme']),
  'http.secret/header-env-origins-credentials': header(p['env-origins-credentials']),
  'http.secret/header-env-origins-path': header(p['env-origins-path']),
  'http.secret/header-app-unset': header(p['app-unset']),
  'http.secret/header-stored-unreadable': header(p['stored-unreadable']),
  'http.secret/header-stored-keychain': header(p['stored-keychain']),
  'http.secret/header-untrusted': header(p.untrusted),
  'http.secret-origin/url-none-env': url(r['none-env']),
  'http.secret-origin/url-none-stored': url(r['none-stored']),
  'http.secret-origin/url-listed-env': url(r['listed-env']),
  'http.secret-origin/url-listed-stored': url(r['listed-stored']),
  'http.secret-origin/query-none-env': query(r['none-env']),
  'http.secret-origin/query-none-stored': query(r['none-stored']),
  'http.secret-origin/query-listed-env': query(r['listed-env']),
  'http.secret-origin/query-listed-stored': query(r['listed-stored']),
  'http.secret-origin/header-none-env': header(r['none-env']),
  'http.secret-origin/header-none-stored': header(r['none-stored']),
  'http.secret-origin/header-listed-env': header(r['listed-env']),
  'http.secret-origin/header-listed-stored': header(r['listed-stored']),
} as const satisfies Record<string, Template>;
