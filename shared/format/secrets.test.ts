import { describe, expect, it } from 'vitest';
import type { PipelineDocument } from './document';
import { findSecrets } from './secrets';

const withParams = (params: PipelineDocument['nodes'][number]['params'], docParams?: PipelineDocument['params']): PipelineDocument => ({
  format: 'duto.pipeline',
  version: 1,
  ...(docParams === undefined ? {} : { params: docParams }),
  nodes: [{ id: 'api', type: 'source.http', params }],
});

describe('secret scan', () => {
  it.each([
    [{ password: 'hunter2' }, 'nodes[0].params.password', '"password" holds a literal value'],
    [{ url: 'postgres://bob:hunter2@db.internal/sales' }, 'nodes[0].params.url', 'a URL with a user name and password'],
    [{ headers: { Authorization: 'Bearer abcdefghijklmnop' } }, 'nodes[0].params.headers.Authorization', '"Authorization" holds a literal value'],
    [{ headers: [{ name: 'Authorization', value: 'Basic dXNlcjpwYXNz' }] }, 'nodes[0].params.headers[0].value', '"Authorization" holds a literal value'],
    [{ query: 'https://api.example/v1?api_key=sk12345678' }, 'nodes[0].params.query', 'a secret in a URL query'],
    [{ note: 'AKIAIOSFODNN7EXAMPLE' }, 'nodes[0].params.note', 'an AWS access key id'],
  ])('finds %j', (params, path, reason) => {
    expect(findSecrets(withParams(params))).toEqual([{ path, nodeId: 'api', reason }]);
  });

  it('finds secrets in parameter defaults', () => {
    expect(findSecrets(withParams({}, { api_token: { default: 'abc123' } }))).toEqual([
      { path: 'params.api_token.default', reason: '"api_token" holds a literal value' },
    ]);
  });

  it('accepts references and ordinary values', () => {
    expect(
      findSecrets(
        withParams({
          password: '${pg_password}',
          token: '',
          url: 'https://api.example.com/v1/orders?page=2',
          condition: "status = 'paid'",
          path: 'data/tokens.csv',
        }),
      ),
    ).toEqual([]);
  });
});
