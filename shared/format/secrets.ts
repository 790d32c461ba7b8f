import type { PipelineDocument } from './document';
import type { JsonValue } from './json';
import { isJsonObject } from './json';

/**
 * A pipeline file never holds a secret: connections are referenced by name
 * and passwords live in the OS keychain or the environment. This scan finds
 * values that look like secrets so that saving or exporting can refuse and
 * name the place.
 */
export interface SecretFinding {
  /** Document path, e.g. `nodes[2].params.headers.Authorization`. */
  path: string;
  nodeId?: string;
  reason: string;
}

const SECRET_KEY =
  /(^|[_\-.])(password|passwd|pwd|passphrase|secret|token|bearer|api[_-]?key|apikey|access[_-]?key|private[_-]?key|client[_-]?secret|authorization|auth|credentials?|cookie|session[_-]?id)$/i;

const VALUE_PATTERNS: ReadonlyArray<readonly [RegExp, string]> = [
  [/\b[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:[^/\s@]+@/i, 'a URL with a user name and password'],
  [/^\s*(Bearer|Basic|Token)\s+[A-Za-z0-9._~+/=-]{8,}\s*$/i, 'an Authorization header value'],
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----/, 'a private key'],
  [/\bAKIA[0-9A-Z]{16}\b/, 'an AWS access key id'],
  [/\b(ghp|gho|ghu|ghs|github_pat)_[A-Za-z0-9_]{20,}\b/, 'a GitHub token'],
  [/\bxox[abprs]-[A-Za-z0-9-]{10,}\b/, 'a Slack token'],
  [/\beyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\b/, 'a JSON Web Token'],
  [/\bsk_(live|test)_[A-Za-z0-9]{16,}\b/, 'a Stripe secret key'],
  [
    /[?&](password|passwd|pwd|token|api_?key|apikey|access_?token|refresh_?token|client_?secret|secret|auth|sig|signature)=[^&\s${}]{4,}/i,
    'a secret in a URL query',
  ],
  [/\b[a-z][a-z0-9+.-]*:\/\/[^/\s:@]{20,}@/i, 'a URL with a token as its user name'],
  [/(^|[\s;])(password|passwd|pwd)\s*=\s*[^\s;'"${}]{2,}/i, 'a password in a connection string'],
  [/\bauthorization\s*:\s*(bearer|basic|token|digest)\s+\S{6,}/i, 'an Authorization header'],
  [/\b(x-api-key|api-key|x-auth-token|private-token)\s*:\s*[^\s${}]{8,}/i, 'an API key header'],
  [/\bBearer\s+[A-Za-z0-9._~+/=-]{16,}/, 'a bearer token'],
  [/\bAIza[0-9A-Za-z_-]{35}\b/, 'a Google API key'],
  [/\bsk-(proj-|ant-)?[A-Za-z0-9_-]{20,}\b/, 'an API secret key'],
  [/\bnpm_[A-Za-z0-9]{36}\b/, 'an npm token'],
  [/\bglpat-[A-Za-z0-9_-]{20,}\b/, 'a GitLab token'],
];

/** Whether a key (a param, a header name) names a secret: `password`, `api_key`, `client_secret`… */
export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

/**
 * A value that is only references (`${env_var}`, `${secret:NAME}`), possibly
 * after an auth scheme (`Bearer ${secret:API_TOKEN}`), or empty, is not a secret.
 */
function isReference(v: string): boolean {
  const rest = v.replace(/\$\{(secret:)?[A-Za-z_][A-Za-z0-9_]*\}/g, '').trim();
  return rest === '' || (rest !== v.trim() && /^(Bearer|Basic|Token|Digest)$/i.test(rest));
}

export function findSecretsIn(value: JsonValue, path: string, nodeId?: string): SecretFinding[] {
  const found: SecretFinding[] = [];
  const walk = (v: JsonValue, at: string, key: string | undefined): void => {
    if (typeof v === 'string') {
      if (key !== undefined && SECRET_KEY.test(key) && !isReference(v)) {
        found.push({ path: at, ...(nodeId === undefined ? {} : { nodeId }), reason: `"${key}" holds a literal value` });
        return;
      }
      for (const [re, reason] of VALUE_PATTERNS) {
        if (re.test(v)) {
          found.push({ path: at, ...(nodeId === undefined ? {} : { nodeId }), reason });
          return;
        }
      }
    } else if (Array.isArray(v)) {
      v.forEach((x, i) => walk(x, `${at}[${i}]`, key));
    } else if (isJsonObject(v)) {
      // Header lists are often [{name: 'Authorization', value: '…'}].
      const named = typeof v['name'] === 'string' ? v['name'] : typeof v['key'] === 'string' ? v['key'] : undefined;
      for (const [k, x] of Object.entries(v)) walk(x, `${at}.${k}`, k === 'value' && named !== undefined ? named : k);
    }
  };
  walk(value, path, undefined);
  return found;
}

/** Every secret-looking value in a document: node params, parameter defaults, labels, descriptions and notes. */
export function findSecrets(doc: PipelineDocument): SecretFinding[] {
  const out: SecretFinding[] = [];
  doc.nodes.forEach((n, i) => out.push(...findSecretsIn(n.params ?? {}, `nodes[${i}].params`, n.id)));
  // Free text is scanned for values only: a note may well say "password".
  const text = (v: string | string[] | undefined, path: string, nodeId?: string): void => {
    if (v !== undefined) out.push(...findSecretsIn(Array.isArray(v) ? v.join('\n') : v, path, nodeId));
  };
  text(doc.description, 'description');
  doc.nodes.forEach((n, i) => {
    text(n.label, `nodes[${i}].label`, n.id);
    text(n.description, `nodes[${i}].description`, n.id);
  });
  (doc.notes ?? []).forEach((note, i) => text(note.text, `notes[${i}].text`));
  for (const [name, decl] of Object.entries(doc.params ?? {})) {
    if (typeof decl.default === 'string') out.push(...findSecretsIn({ [name]: decl.default }, 'params'));
  }
  return out.map((f) => (f.path.startsWith('params.') ? { ...f, path: `${f.path}.default` } : f));
}
