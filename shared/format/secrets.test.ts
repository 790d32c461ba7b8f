import { describe, expect, it } from 'vitest';
import type { PipelineDocument } from './document';
import { findSecrets } from './secrets';

const withParams = (
  params: PipelineDocument['nodes'][number]['params'],
  docParams?: PipelineDocument['params'],
): PipelineDocument => ({
  format: 'duto.pipeline',
  version: 2,
  ...(docParams === undefined ? {} : { params: docParams }),
  nodes: [{ id: 'api', type: 'source.http', params }],
});

describe('secret scan', () => {
  it.each([
    [{ password: 'hunter2' }, 'nodes[0].params.password', '"password" holds a literal value'],
    [{ url: 'postgres://bob:hunter2@db.internal/sales' }, 'nodes[0].params.url', 'a URL with a user name and password'],
    [
      { headers: { Authorization: 'Bearer abcdefghijklmnop' } },
      'nodes[0].params.headers.Authorization',
      '"Authorization" holds a literal value',
    ],
    [
      { headers: [{ name: 'Authorization', value: 'Basic dXNlcjpwYXNz' }] },
      'nodes[0].params.headers[0].value',
      '"Authorization" holds a literal value',
    ],
    [
      { headers: [{ name: 'Authorization', value: 'Bearer ${secret:T}x9f8e7d6' }] },
      'nodes[0].params.headers[0].value',
      '"Authorization" holds a literal value',
    ],
    [{ query: 'https://api.example/v1?api_key=sk12345678' }, 'nodes[0].params.query', 'a secret in a URL query'],
    [{ note: 'AKIAIOSFODNN7EXAMPLE' }, 'nodes[0].params.note', 'an AWS access key id'],
    [
      { url: 'https://ghp_abcdefghijklmnopqrstuvwxyz012345@github.com/o/r.git' },
      'nodes[0].params.url',
      'a GitHub token',
    ],
    [
      { url: 'https://x-token-abcdefghijklmnopqrstuv@example.com/data.csv' },
      'nodes[0].params.url',
      'a URL with a token as its user name',
    ],
    [
      { dsn: 'host=db.internal dbname=sales user=etl password=hunter22' },
      'nodes[0].params.dsn',
      'a password in a connection string',
    ],
    [{ headers: 'Authorization: Basic dXNlcjpwYXNzd29yZA==' }, 'nodes[0].params.headers', 'an Authorization header'],
    [{ headers: 'X-API-Key: 0123456789abcdef' }, 'nodes[0].params.headers', 'an API key header'],
    [{ where: "auth_header = 'Bearer abcdefghijklmnopqrstuvwxyz'" }, 'nodes[0].params.where', 'a bearer token'],
    [
      { url: 'https://blob.example/c/f.csv?sv=2020&sig=abcdefghijklmnopqrstuvwxyz%2B' },
      'nodes[0].params.url',
      'a secret in a URL query',
    ],
    [{ note: 'key AIzaSyA1234567890abcdefghijklmnopqrstuv' }, 'nodes[0].params.note', 'a Google API key'],
    [{ note: 'sk-proj-abcdefghijklmnopqrstuvwxyz' }, 'nodes[0].params.note', 'an API secret key'],
    [{ note: 'npm_abcdefghijklmnopqrstuvwxyz0123456789' }, 'nodes[0].params.note', 'an npm token'],
    [{ note: 'glpat-abcdefghijklmnopqrstu' }, 'nodes[0].params.note', 'a GitLab token'],
    [{ passphrase: 'correct horse' }, 'nodes[0].params.passphrase', '"passphrase" holds a literal value'],
  ])('finds %j', (params, path, reason) => {
    expect(findSecrets(withParams(params))).toEqual([{ path, nodeId: 'api', reason }]);
  });

  it('finds secrets in parameter defaults', () => {
    expect(findSecrets(withParams({}, { api_token: { default: 'abc123' } }))).toEqual([
      { path: 'params.api_token.default', reason: '"api_token" holds a literal value' },
    ]);
  });

  it('finds secrets in free text: descriptions, labels and notes', () => {
    const d: PipelineDocument = {
      ...withParams({}),
      description: 'load with postgres://etl:hunter22@db/sales',
      notes: [{ id: 'n', text: ['ask ops for the key', 'Authorization: Bearer abcdefghijklmnop'], x: 0, y: 0 }],
    };
    expect(findSecrets(d).map((f) => `${f.path}: ${f.reason}`)).toEqual([
      'description: a URL with a user name and password',
      'notes[0].text: an Authorization header',
    ]);
  });

  it('accepts references and ordinary values', () => {
    expect(
      findSecrets(
        withParams({
          password: '${pg_password}',
          token: '',
          headers: [
            { name: 'Authorization', value: 'Bearer ${secret:API_TOKEN}' },
            { name: 'X-Api-Key', value: '${secret:API_KEY}' },
          ],
          apiKey: '${secret:API_KEY}',
          url: 'https://api.example.com/v1/orders?page=2',
          condition: "status = 'paid'",
          path: 'data/tokens.csv',
          connection: 'warehouse',
          where: "password_changed_at > '2024-01-01' AND token_count = 3",
          note: 'the password is in DUTO_CONN_WAREHOUSE_PASSWORD',
        }),
      ),
    ).toEqual([]);
  });
});
