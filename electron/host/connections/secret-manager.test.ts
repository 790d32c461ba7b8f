import { describe, expect, it } from 'vitest';
import { diagnosticText } from '../../../shared/diagnostics';
import type { PipelineDocument } from '../../../shared/format/document';
import type { OperationName, Reply } from '../../../shared/ipc/contract';
import { sendJson, startApi, type TestApi } from '../../engine/connectors/http/test-api-server';
import { browserShellHosts } from '../test-hosts';
import { createSecretManager, secretNamesIn } from './secret-manager';
import { createMemorySecretStore } from './secret-store';
import { expectNoPassword, filesUnder } from './test-databases';

/**
 * Named secrets through the host, as the browser shell runs it (values in
 * memory): saved, listed and deleted by the `secrets.*` operations, and
 * given to an HTTP source's `${secret:NAME}` references when a pipeline
 * previews or runs — against a real local HTTP server that checks them.
 */

const makeHost = browserShellHosts();
const TOKEN = 'tok-7f3a9c2e-secret-value';

function value<T>(reply: Reply<OperationName>): T {
  if (!reply.ok) throw new Error(`expected ok, got ${JSON.stringify(reply)}`);
  return reply.value as T;
}

/** Answers with two orders only when the bearer token is right. */
async function guardedApi(expected: () => string): Promise<TestApi> {
  return startApi((req, res) => {
    if (req.headers['authorization'] !== `Bearer ${expected()}`)
      return sendJson(res, { error: 'unauthorized' }, {}, 401);
    sendJson(res, {
      data: [
        { id: 1, total: 9.5 },
        { id: 2, total: 12 },
      ],
    });
  });
}

function httpDoc(base: string, ref = '${secret:api_token}'): PipelineDocument {
  return {
    format: 'duto.pipeline',
    version: 2,
    name: 'api orders',
    nodes: [
      {
        id: 'orders',
        type: 'source.http',
        params: {
          url: `${base}/v1/orders`,
          headers: [{ name: 'Authorization', value: `Bearer ${ref}` }],
          recordsPath: 'data',
        },
      },
    ],
  } as PipelineDocument;
}

type Preview = { rows: unknown[][] };
type Listing = {
  storage: { mode: string };
  secrets: Array<{ name: string; stored: boolean; environment: string | null; origins: string[] | null }>;
};

describe('named secrets (host)', () => {
  it('stores a secret, gives it to the HTTP source that references it, and never sends it back or writes it to disk', async () => {
    let expected = TOKEN;
    const api = await guardedApi(() => expected);
    try {
      const { call, replies, userDataDir, configDir } = makeHost();
      const doc = httpDoc(api.base);
      // Not stored yet: the node fails, saying where to set it.
      const before = value<{ ok: boolean; diagnostics: Array<{ nodeId?: string; message: string }> }>(
        await call('pipeline.check', { document: doc, baseDir: configDir }),
      );
      expect(before.ok).toBe(false);
      expect(before.diagnostics.find((d) => d.nodeId === 'orders')?.message).toContain(
        'uses the secret api_token, which is not set: add it under Connections → Secrets, or set the environment variable DUTO_SECRET_API_TOKEN',
      );
      expect(api.requests).toHaveLength(0);

      // Names are case-insensitive: stored upper case, found by the lower-case reference.
      // Origins are normalised: lower-case host, default port dropped.
      const origin = api.base;
      expect(
        value(
          await call('secrets.save', {
            name: 'Api_Token',
            value: TOKEN,
            origins: [`${origin.replace('http://', 'HTTP://')}/`],
          }),
        ),
      ).toMatchObject({
        status: 'saved',
        secret: { name: 'API_TOKEN', stored: true, environment: null, origins: [origin] },
        storage: { mode: 'memory' },
      });
      expect(value<Listing>(await call('secrets.list', {})).secrets).toEqual([
        { name: 'API_TOKEN', stored: true, environment: null, origins: [origin] },
      ]);
      const preview = value<Preview>(
        await call('pipeline.preview', {
          document: doc,
          baseDir: configDir,
          nodeId: 'orders',
          limit: 10,
          requestId: 'p1',
        }),
      );
      expect(preview.rows).toEqual([
        [1, 9.5],
        [2, 12],
      ]);
      expect(api.requests.at(-1)?.headers['authorization']).toBe(`Bearer ${TOKEN}`);

      // A new value opens a new session: the cached one held the old value.
      expected = 'rotated-token-2';
      value(await call('secrets.save', { name: 'API_TOKEN', value: expected, origins: [api.base] }));
      const run = value<{ ok: boolean }>(
        await call('pipeline.run', { document: doc, baseDir: configDir, runId: 'r1' }),
      );
      expect(run.ok).toBe(true);
      expect(api.requests.at(-1)?.headers['authorization']).toBe('Bearer rotated-token-2');

      // Deleted: the node fails again, and the message holds no value.
      expect(value(await call('secrets.delete', { name: 'api_token' }))).toEqual({ deleted: true });
      expect(value(await call('secrets.delete', { name: 'api_token' }))).toEqual({ deleted: false });
      const after = value<{ ok: boolean; diagnostics: Array<{ message: string }> }>(
        await call('pipeline.check', { document: doc, baseDir: configDir }),
      );
      expect(after.ok).toBe(false);
      expect(JSON.stringify(after)).toContain('which is not set');

      for (const secret of [TOKEN, 'rotated-token-2']) {
        expectNoPassword(replies, secret);
        expectNoPassword(
          filesUnder(userDataDir, configDir).map((f) => f.text),
          secret,
        );
      }
    } finally {
      await api.close();
    }
  });

  it('uses DUTO_SECRET_<NAME> when none is stored, and a stored value before it', async () => {
    let expected = 'from-env';
    const api = await guardedApi(() => expected);
    try {
      const { call, configDir } = makeHost({
        DUTO_SECRET_API_TOKEN: 'from-env',
        DUTO_SECRET_OTHER: 'x',
        DUTO_SECRET_EMPTY: '',
        DUTO_SECRET_lower: 'ignored',
      });
      const doc = httpDoc(api.base, '${secret:API_TOKEN}');
      expect(
        value<Preview>(
          await call('pipeline.preview', {
            document: doc,
            baseDir: configDir,
            nodeId: 'orders',
            limit: 10,
            requestId: 'p1',
          }),
        ).rows,
      ).toHaveLength(2);
      expect(value<Listing>(await call('secrets.list', {})).secrets).toEqual([
        { name: 'API_TOKEN', stored: false, environment: 'DUTO_SECRET_API_TOKEN', origins: null },
        { name: 'OTHER', stored: false, environment: 'DUTO_SECRET_OTHER', origins: null },
      ]);
      expected = 'stored-one';
      value(await call('secrets.save', { name: 'API_TOKEN', value: 'stored-one', origins: [api.base] }));
      expect(
        value<Preview>(
          await call('pipeline.preview', {
            document: doc,
            baseDir: configDir,
            nodeId: 'orders',
            limit: 10,
            requestId: 'p2',
          }),
        ).rows,
      ).toHaveLength(2);
      expect(api.requests.at(-1)?.headers['authorization']).toBe('Bearer stored-one');
      expect(value<Listing>(await call('secrets.list', {})).secrets[0]).toEqual({
        name: 'API_TOKEN',
        stored: true,
        environment: 'DUTO_SECRET_API_TOKEN',
        origins: [api.base],
      });
    } finally {
      await api.close();
    }
  });

  it('refuses bad names and values at the boundary, naming the field', async () => {
    const { call } = makeHost();
    for (const name of ['1abc', 'a-b', 'x'.repeat(101), '', 'a b']) {
      const reply = await call('secrets.save', { name, value: 'v', origins: ['https://api.example.com'] });
      expect(reply.ok).toBe(false);
      if (!reply.ok) expect(reply.error.message).toMatch(/name/);
    }
    const empty = await call('secrets.save', { name: 'OK', value: '', origins: ['https://api.example.com'] });
    expect(empty.ok).toBe(false);
    // Origins are required, and must be origins: scheme, host and port, nothing more.
    expect(await call('secrets.save', { name: 'OK', value: 'v', origins: [] })).toMatchObject({
      ok: false,
      error: { code: 'request.invalid', message: expect.stringContaining('origins') },
    });
    for (const [origin, why] of [
      ['https://api.example.com/v1', 'has a path, query or fragment'],
      ['api.example.com', 'is not a URL such as https://api.example.com'],
      ['ftp://api.example.com', 'is not an http:// or https:// origin'],
      ['https://me:pw@api.example.com', 'holds a user name or password'],
    ]) {
      expect(
        await call('secrets.save', { name: 'OK', value: 'v', origins: ['https://fine.example', origin ?? ''] }),
      ).toMatchObject({
        ok: false,
        error: { code: 'secrets.origin', message: expect.stringContaining(`"${origin}" ${why}`) },
      });
    }
    // In Portuguese too, from its template.
    const refused = await call('secrets.save', { name: 'OK', value: 'v', origins: ['https://api.example.com/v1'] });
    const [d] = refused.ok ? [] : (refused.error.diagnostics ?? []);
    expect(d && diagnosticText(d, 'pt-BR')).toBe(
      '"https://api.example.com/v1" tem caminho, consulta ou fragmento; informe só o esquema, o host e a porta, por exemplo https://api.example.com',
    );
    expect(value<Listing>(await call('secrets.list', {})).secrets).toEqual([]);
  });

  it('asks before storing as plain text, and refuses where nothing can be stored', async () => {
    const plain = createMemorySecretStore();
    const { call } = makeHost(
      {},
      { ...plain, status: async () => ({ mode: 'plain-text', backend: 'basic_text', file: '/tmp/x' }) },
    );
    const origins = ['https://api.example.com'];
    expect(value(await call('secrets.save', { name: 'T', value: 'v1', origins }))).toMatchObject({
      status: 'needs-plain-text-consent',
    });
    expect(await plain.names()).toEqual([]);
    expect(
      value(await call('secrets.save', { name: 'T', value: 'v1', origins, allowPlainTextStorage: true })),
    ).toMatchObject({ status: 'saved' });
    expect(await plain.names()).toEqual(['secret.T']);

    const none = makeHost(
      {},
      { ...createMemorySecretStore(), status: async () => ({ mode: 'unavailable', backend: 'unknown', file: null }) },
    );
    const refused = await none.call('secrets.save', { name: 'T', value: 'v1', origins });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'secrets.no-storage', message: expect.stringContaining('set DUTO_SECRET_T') },
    });
  });
});

describe('named secrets go only to their origins (host)', () => {
  type Check = {
    ok: boolean;
    diagnostics: Array<{
      severity: string;
      code: string;
      nodeId?: string;
      param?: string;
      message: string;
      args?: Record<string, string | number>;
      variant?: string;
    }>;
  };
  const problem = (c: Check) => c.diagnostics.find((d) => d.nodeId === 'orders' && d.severity === 'error');

  it('refuses a stored secret for a URL of another origin before any request, naming the node, the param, the secret and both origins', async () => {
    const api = await guardedApi(() => TOKEN);
    try {
      const { call, configDir, replies } = makeHost();
      value(await call('secrets.save', { name: 'API_TOKEN', value: TOKEN, origins: ['https://api.example.com'] }));
      const check = value<Check>(await call('pipeline.check', { document: httpDoc(api.base), baseDir: configDir }));
      expect(problem(check)).toMatchObject({
        param: 'headers',
        message: `header Authorization uses the secret api_token, which may be sent only to https://api.example.com, not to ${api.base}: if that server is meant to get it, add ${api.base} to its origins under Connections → Secrets (API_TOKEN: Edit origins)`,
      });
      expect(api.requests).toHaveLength(0);

      // Its origins change without its value being typed again; then it is sent.
      expect(
        value(await call('secrets.save', { name: 'API_TOKEN', origins: ['https://api.example.com', api.base] })),
      ).toMatchObject({ status: 'saved', secret: { origins: ['https://api.example.com', api.base] } });
      expect(
        value<Preview>(
          await call('pipeline.preview', {
            document: httpDoc(api.base),
            baseDir: configDir,
            nodeId: 'orders',
            limit: 10,
            requestId: 'p1',
          }),
        ).rows,
      ).toHaveLength(2);
      expect(api.requests.at(-1)?.headers['authorization']).toBe(`Bearer ${TOKEN}`);
      // With nothing stored there is no value to keep.
      expect(await call('secrets.save', { name: 'NONE', origins: [api.base] })).toMatchObject({
        ok: false,
        error: { code: 'secrets.not-found' },
      });
      expectNoPassword(replies, TOKEN);
    } finally {
      await api.close();
    }
  });

  it('a value stored before secrets had origins is not sent anywhere until the user says where', async () => {
    const api = await guardedApi(() => TOKEN);
    try {
      const store = createMemorySecretStore();
      await store.set('secret.API_TOKEN', TOKEN, false);
      const { call, configDir } = makeHost({}, store);
      expect(value<Listing>(await call('secrets.list', {})).secrets).toEqual([
        { name: 'API_TOKEN', stored: true, environment: null, origins: [] },
      ]);
      const check = value<Check>(await call('pipeline.check', { document: httpDoc(api.base), baseDir: configDir }));
      expect(problem(check)?.message).toBe(
        `header Authorization uses the secret api_token, which was stored without the origins it may be sent to (secrets saved before Duto bound them to servers have none), so it is not sent to ${api.base}: say where it may be sent under Connections → Secrets (API_TOKEN: Edit origins)`,
      );
      // Through the host's reply, in Portuguese: the place, the reason and what to do.
      const found = problem(check);
      expect(found && diagnosticText(found, 'pt-BR')).toBe(
        `o cabeçalho Authorization usa o segredo api_token, que foi armazenado sem as origens para onde pode ser enviado (segredos salvos antes de o Duto vinculá-los a servidores não têm nenhuma), então não é enviado a ${api.base}: diga para onde ele pode ser enviado em Conexões → Segredos (API_TOKEN: Editar origens)`,
      );
      expect(api.requests).toHaveLength(0);
    } finally {
      await api.close();
    }
  });

  it('DUTO_SECRET_<NAME>_ORIGINS binds an environment secret; without it the environment secret goes anywhere', async () => {
    const api = await guardedApi(() => 'from-env');
    try {
      const bound = makeHost({
        DUTO_SECRET_API_TOKEN: 'from-env',
        DUTO_SECRET_API_TOKEN_ORIGINS: 'https://api.example.com',
      });
      expect(value<Listing>(await bound.call('secrets.list', {})).secrets).toEqual([
        {
          name: 'API_TOKEN',
          stored: false,
          environment: 'DUTO_SECRET_API_TOKEN',
          origins: ['https://api.example.com'],
        },
      ]);
      const check = value<Check>(
        await bound.call('pipeline.check', { document: httpDoc(api.base), baseDir: bound.configDir }),
      );
      expect(problem(check)?.message).toContain(
        `may be sent only to https://api.example.com, not to ${api.base}: if that server is meant to get it, add ${api.base} to its origins in DUTO_SECRET_API_TOKEN_ORIGINS`,
      );
      expect(api.requests).toHaveLength(0);

      const open = makeHost({
        DUTO_SECRET_API_TOKEN: 'from-env',
        DUTO_SECRET_API_TOKEN_ORIGINS: ` ${api.base.toUpperCase().replace('HTTP://', 'http://')} , https://api.example.com`,
      });
      expect(
        value<Preview>(
          await open.call('pipeline.preview', {
            document: httpDoc(api.base),
            baseDir: open.configDir,
            nodeId: 'orders',
            limit: 10,
            requestId: 'p1',
          }),
        ).rows,
      ).toHaveLength(2);
    } finally {
      await api.close();
    }
  });
});

describe('session secret lookups', () => {
  const doc = (refs: string[], params: PipelineDocument['params'] = {}): PipelineDocument =>
    ({
      format: 'duto.pipeline',
      version: 2,
      params,
      nodes: [
        {
          id: 'a',
          type: 'source.http',
          params: { url: 'http://127.0.0.1:1/x', headers: refs.map((r, i) => ({ name: `H${String(i)}`, value: r })) },
        },
      ],
    }) as PipelineDocument;

  it('give a session only the secrets its document references, and a stamp that changes when one does', async () => {
    const memory = createMemorySecretStore();
    await memory.set('secret.A', 'va', false, ['https://a.example']);
    await memory.set('secret.B', 'vb', false, ['https://b.example']);
    await memory.set('shop', 'a connection password', false);
    const asked: string[][] = [];
    const manager = createSecretManager({
      env: {},
      secrets: { ...memory, get: (names) => (asked.push([...names]), memory.get(names)) },
    });

    expect(
      secretNamesIn(doc(['${secret:a}', 'Bearer ${secret:A}', '${tok}'], { tok: { default: '${secret:c}' } }), {}),
    ).toEqual(['A', 'C']);
    const lookup = await manager.lookupFor(doc(['${secret:a}']), {});
    expect(asked).toEqual([['secret.A']]);
    expect(lookup('a')).toMatchObject({ value: 'va', origins: ['https://a.example'] });
    // B exists but this document does not reference it.
    expect(lookup('B')).toEqual({ problem: { reason: 'app-unset', args: { variable: 'DUTO_SECRET_B' } } });

    const plain = doc(['no secret here']);
    expect(manager.sessionStamp(plain, {})).toBe('');
    await manager.lookupFor(plain, {});
    expect(asked).toHaveLength(1);

    const stamp = manager.sessionStamp(doc(['${secret:A}']), {});
    expect(stamp).not.toBe('');
    expect(
      await manager.handlers['secrets.save']({
        name: 'A',
        value: 'new',
        origins: ['https://a.example'],
        allowPlainTextStorage: false,
      }),
    ).toMatchObject({ status: 'saved' });
    expect(manager.sessionStamp(doc(['${secret:A}']), {})).not.toBe(stamp);
  });

  it('report a stored secret that cannot be decrypted, or a failing store, on the node', async () => {
    const memory = createMemorySecretStore();
    const unreadable = createSecretManager({
      env: { DUTO_SECRET_A: 'env' },
      secrets: { ...memory, get: async () => ({ passwords: new Map(), unreadable: ['secret.A'] }) },
    });
    expect((await unreadable.lookupFor(doc(['${secret:A}']), {}))('A')).toEqual({
      problem: { reason: 'stored-keychain', args: {} },
    });
    const failing = createSecretManager({
      env: {},
      secrets: { ...memory, get: async () => Promise.reject(new Error('vault file damaged')) },
    });
    expect((await failing.lookupFor(doc(['${secret:A}']), {}))('A')).toEqual({
      problem: { reason: 'stored-unreadable', args: { detail: 'vault file damaged' } },
    });
  });
});
