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

const SECRET_KEY = /(^|[_\-.])(password|passwd|pwd|secret|token|api[_-]?key|apikey|access[_-]?key|private[_-]?key|client[_-]?secret|authorization|auth|credentials?|cookie|session[_-]?id)$/i;

const VALUE_PATTERNS: ReadonlyArray<readonly [RegExp, string]> = [
  [/\b[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:[^/\s@]+@/i, 'a URL with a user name and password'],
  [/^\s*(Bearer|Basic|Token)\s+[A-Za-z0-9._~+/=-]{8,}\s*$/i, 'an Authorization header value'],
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----/, 'a private key'],
  [/\bAKIA[0-9A-Z]{16}\b/, 'an AWS access key id'],
  [/\b(ghp|gho|ghu|ghs|github_pat)_[A-Za-z0-9_]{20,}\b/, 'a GitHub token'],
  [/\bxox[abprs]-[A-Za-z0-9-]{10,}\b/, 'a Slack token'],
  [/\beyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\b/, 'a JSON Web Token'],
  [/\bsk_(live|test)_[A-Za-z0-9]{16,}\b/, 'a Stripe secret key'],
  [/[?&](password|pwd|token|api_?key|access_token|secret)=[^&\s${}]{4,}/i, 'a secret in a URL query'],
];

/** A value that is only a reference (`${env_var}`, empty) is not a secret. */
function isReference(v: string): boolean {
  return v.trim() === '' || /^\$\{[A-Za-z_][A-Za-z0-9_]*\}$/.test(v.trim());
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

/** Every secret-looking value in a document: node params, parameter defaults, descriptions. */
export function findSecrets(doc: PipelineDocument): SecretFinding[] {
  const out: SecretFinding[] = [];
  doc.nodes.forEach((n, i) => out.push(...findSecretsIn(n.params ?? {}, `nodes[${i}].params`, n.id)));
  for (const [name, decl] of Object.entries(doc.params ?? {})) {
    if (typeof decl.default === 'string') out.push(...findSecretsIn({ [name]: decl.default }, 'params'));
  }
  return out.map((f) => (f.path.startsWith('params.') ? { ...f, path: `${f.path}.default` } : f));
}
