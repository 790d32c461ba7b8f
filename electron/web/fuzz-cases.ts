/**
 * Hostile HTTP requests for the browser shell's fuzz test, from a seeded
 * generator so that a failure can be replayed (the test prints the seed).
 * Each case says what it is and whether any well-formed answer may be a
 * success: garbage never may.
 */

export interface FuzzCase {
  kind: string;
  bytes: Buffer;
  /** False when every answer must be an error status (4xx). */
  mayPass: boolean;
}

export interface FuzzTarget {
  host: string;
  token: string;
}

export type Random = () => number;

/** mulberry32: small, fast and good enough to spread cases. */
export function seeded(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const int = (r: Random, n: number): number => Math.floor(r() * n);
function pick<T>(r: Random, items: readonly T[]): T {
  const item = items[int(r, items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}
const randomBytes = (r: Random, n: number): Buffer => Buffer.from(Array.from({ length: n }, () => int(r, 256)));

/** Paths that must never be served: each holds a dot segment, a bad escape, an encoded separator, a control character or a proxy form. */
const HOSTILE_PATHS = [
  '/..',
  '/../../../../etc/passwd',
  '/..%2f..%2f..%2fetc%2fpasswd',
  '/%2e%2e/%2e%2e/etc/passwd',
  '/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd',
  '/assets/..%5c..%5cwindows%5cwin.ini',
  '/..\\..\\etc\\passwd',
  '/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd',
  '/%C0',
  '/%',
  '/%%32%65',
  '/%u002e%u002e/etc/passwd',
  '/index.html%00.png',
  '/index.html\u0000',
  '/a%0d%0aSet-Cookie:%20duto=1',
  '/a%0aX:y',
  '/./index.html',
  '/assets/./../index.html',
  '//etc/passwd',
  '//evil.example/',
  'http://[',
  'http://127.0.0.1/',
  'https://evil.example/api/file.read',
  '127.0.0.1:22',
  '*',
  'index.html',
  '/api/../index.html',
  '/api/%2e%2e/index.html',
  '/api%2fapp.info',
  '/api/app.info/../file.read',
  '/\u00e9',
  '/\ud83d\ude00',
  '/%ED%A0%80',
  '/%F4%90%80%80',
  '/%FF',
  '/a b',
  '/a\tb',
  '/a//b',
  '/' + 'a'.repeat(5000),
  '/' + '../'.repeat(300) + 'etc/passwd',
];

const SAFE_OPERATIONS = ['app.info', 'recent.list', 'file.openDialog', 'nope.nothing', 'events', ''];
const METHODS = [
  'GET',
  'HEAD',
  'POST',
  'PUT',
  'DELETE',
  'OPTIONS',
  'TRACE',
  'PATCH',
  'CONNECT',
  'PROPFIND',
  'BREW',
  'get',
  'G\u0000T',
  '',
];

function request(
  method: string,
  path: string,
  headers: ReadonlyArray<readonly [string, string]>,
  body: Buffer | string = '',
): Buffer {
  const head = `${method} ${path} HTTP/1.1\r\n${headers.map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`;
  return Buffer.concat([Buffer.from(head, 'latin1'), typeof body === 'string' ? Buffer.from(body, 'latin1') : body]);
}

/** A correct request, the seed of the mutating cases. */
function wellFormed(r: Random, t: FuzzTarget): Buffer {
  const op = pick(r, SAFE_OPERATIONS);
  const auth: Array<[string, string]> = r() < 0.5 ? [['Authorization', `Bearer ${t.token}`]] : [];
  if (r() < 0.4)
    return request('GET', pick(r, ['/', '/index.html', '/app.js', '/missing.css']), [
      ['Host', t.host],
      ['Connection', 'close'],
      ...auth,
    ]);
  const body = JSON.stringify({ n: int(r, 1000) });
  return request(
    'POST',
    `/api/${op}`,
    [
      ['Host', t.host],
      ['Content-Type', 'application/json'],
      ['Content-Length', String(body.length)],
      ['Connection', 'close'],
      ...auth,
    ],
    body,
  );
}

function mutate(r: Random, bytes: Buffer): Buffer {
  const out = Buffer.from(bytes);
  const edits = 1 + int(r, 4);
  let result = out;
  for (let i = 0; i < edits; i++) {
    const at = int(r, result.length + 1);
    const which = int(r, 4);
    if (which === 0 && result.length > 0) result[Math.min(at, result.length - 1)] = int(r, 256);
    else if (which === 1)
      result = Buffer.concat([result.subarray(0, at), randomBytes(r, 1 + int(r, 16)), result.subarray(at)]);
    else if (which === 2)
      result = Buffer.concat([result.subarray(0, at), result.subarray(Math.min(result.length, at + 1 + int(r, 16)))]);
    else
      result = Buffer.concat([
        result.subarray(0, at),
        Buffer.from(pick(r, ['\r\n', '\n', '\r', '\u0000', ':', ' ', '%', '\r\n\r\n']), 'latin1'),
        result.subarray(at),
      ]);
  }
  return result;
}

const GENERATORS: ReadonlyArray<(r: Random, t: FuzzTarget) => FuzzCase> = [
  (r) => ({ kind: 'random bytes', bytes: randomBytes(r, 1 + int(r, 1500)), mayPass: false }),
  (r, t) => ({ kind: 'mutated request', bytes: mutate(r, wellFormed(r, t)), mayPass: true }),
  (r, t) => {
    const whole = wellFormed(r, t);
    return { kind: 'truncated request', bytes: whole.subarray(0, int(r, whole.length)), mayPass: true };
  },
  (r, t) => ({
    kind: 'hostile path',
    bytes: request(pick(r, ['GET', 'HEAD', 'POST']), pick(r, HOSTILE_PATHS), [
      ['Host', t.host],
      ['Authorization', `Bearer ${t.token}`],
      ['Connection', 'close'],
    ]),
    mayPass: false,
  }),
  (r, t) => {
    const chunked = pick(r, [
      'zz\r\nhello\r\n0\r\n\r\n',
      '5\r\nhello',
      'ffffffffffffffffff\r\n',
      '-1\r\nx\r\n',
      '5;' + 'x'.repeat(20_000) + '\r\nhello\r\n0\r\n\r\n',
      '3\r\nabcdef\r\n0\r\n\r\n',
      '0\r\nX: y\r\n',
    ]);
    const headers: Array<[string, string]> = [
      ['Host', t.host],
      ['Content-Type', 'application/json'],
      ['Transfer-Encoding', pick(r, ['chunked', 'chunked, gzip', 'gzip, chunked', 'chunked\u0000', 'identity'])],
      ['Authorization', `Bearer ${t.token}`],
    ];
    if (r() < 0.3) headers.push(['Content-Length', '5']);
    return {
      kind: 'bad chunked body',
      bytes: request('POST', `/api/${pick(r, SAFE_OPERATIONS)}`, headers, chunked),
      mayPass: false,
    };
  },
  (r, t) => {
    const length = pick(r, [
      '99999999999999999999999',
      '-1',
      'abc',
      '1e3',
      '0x10',
      ' 5',
      '5, 6',
      String(2 ** 53),
      String(200 * 1024 * 1024),
    ]);
    return {
      kind: 'bad content length',
      bytes: request(
        'POST',
        '/api/app.info',
        [
          ['Host', t.host],
          ['Content-Type', 'application/json'],
          ['Content-Length', length],
          ['Authorization', `Bearer ${t.token}`],
        ],
        '{}',
      ),
      mayPass: false,
    };
  },
  (r, t) => ({
    kind: 'pipelined garbage',
    bytes: Buffer.concat([wellFormed(r, t), randomBytes(r, 1 + int(r, 200)), wellFormed(r, t)]),
    mayPass: true,
  }),
  (r, t) => {
    const headers: Array<[string, string]> = [
      [
        'Host',
        pick(r, [
          t.host,
          '',
          'evil.example',
          '127.0.0.1',
          `localhost:${t.host.split(':')[1] ?? ''}`,
          `${t.host}\u0000`,
          `${t.host}, ${t.host}`,
        ]),
      ],
    ];
    for (let i = int(r, 6); i > 0; i--) {
      headers.push([
        pick(r, [
          'Origin',
          'Cookie',
          'Authorization',
          'Sec-Fetch-Site',
          'X-Forwarded-Host',
          'Transfer-Encoding',
          'Expect',
          'Upgrade',
          'Connection',
          'X\u0000Y',
          'Bad Name',
          '',
        ]),
        randomBytes(r, int(r, 40)).toString('latin1'),
      ]);
    }
    return {
      kind: 'hostile headers',
      bytes: request(pick(r, METHODS), pick(r, ['/', '/api/app.info', '/api/events']), headers),
      mayPass: true,
    };
  },
  (r, t) => ({
    kind: 'unknown method',
    bytes: request(
      pick(
        r,
        METHODS.filter((m) => m !== 'GET' && m !== 'HEAD' && m !== 'POST'),
      ),
      '/',
      [
        ['Host', t.host],
        ['Connection', 'close'],
      ],
    ),
    mayPass: false,
  }),
  (r, t) => {
    const body = pick(r, [
      '{oops',
      '',
      'null',
      '[]',
      '"x"',
      '{"__proto__":{"a":1}}',
      '\u0000\u0001',
      '{"a":' + '['.repeat(5000),
      randomBytes(r, 300).toString('latin1'),
    ]);
    return {
      kind: 'hostile API body',
      bytes: request(
        'POST',
        `/api/${pick(r, ['app.info', 'recent.list', 'nope.nothing'])}`,
        [
          ['Host', t.host],
          ['Content-Type', 'application/json'],
          ['Content-Length', String(Buffer.byteLength(body, 'latin1'))],
          ['Authorization', `Bearer ${t.token}`],
          ['Connection', 'close'],
        ],
        body,
      ),
      mayPass: true,
    };
  },
  (r, t) => ({
    kind: 'stolen-token forms',
    bytes: request(
      pick(r, ['GET', 'POST']),
      pick(r, [`/api/app.info?token=${t.token}`, `/api/events?token=${t.token}`, `/api/app.info#token=${t.token}`]),
      [
        ['Host', t.host],
        ['Cookie', `duto_token=${t.token}`],
        [
          'Authorization',
          pick(r, ['', `Basic ${t.token}`, `Bearer  ${t.token}`, `Bearer ${t.token}x`, `Token ${t.token}`]),
        ],
        ['Connection', 'close'],
      ],
    ),
    mayPass: false,
  }),
];

export function fuzzCases(seed: number, count: number, target: FuzzTarget): FuzzCase[] {
  const r = seeded(seed);
  return Array.from({ length: count }, () => pick(r, GENERATORS)(r, target));
}
