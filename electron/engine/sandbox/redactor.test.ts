import { describe, expect, it } from 'vitest';
import { DutoError, error } from '../../../shared/diagnostics';
import { Redactor, redactValues } from './redactor';

const TOKEN = 'tok-9f8e7d6c5b4a/+x';

function redactor(...values: string[]): Redactor {
  const r = new Redactor();
  r.add(...values);
  return r;
}

describe('Redactor', () => {
  it('replaces a value and the forms a server echoes it in', () => {
    const r = redactor(TOKEN);
    expect(r.text(`plain ${TOKEN} end`)).toBe('plain *** end');
    expect(r.text(`url ?t=${encodeURIComponent(TOKEN)}&x=1`)).toBe('url ?t=***&x=1');
    expect(r.text(`lower ${encodeURIComponent(TOKEN).replace('%2F', '%2f')}`)).not.toContain('9f8e7d6c5b4a');
    const spaced = redactor("it's a (secret)!");
    expect(spaced.text(`form ${new URLSearchParams({ t: "it's a (secret)!" }).toString()}`)).toBe('form t=***');
    expect(spaced.text(`uri ${encodeURIComponent("it's a (secret)!")}`)).toBe('uri ***');
    expect(r.text(`json {"t":${JSON.stringify(TOKEN)}}`)).toBe('json {"t":"***"}');
    // Base64 of the token alone, and inside Basic auth's user:token at whatever alignment it lands.
    expect(r.text(Buffer.from(TOKEN).toString('base64'))).not.toContain(
      Buffer.from(TOKEN).toString('base64').slice(2, 20),
    );
    for (const user of ['u', 'us', 'usr', 'user']) {
      const basic = Buffer.from(`${user}:${TOKEN}`).toString('base64');
      const out = r.text(`Authorization: Basic ${basic}`);
      expect(out).toContain('***');
      // At most the two characters on each side that mix the token's bits with its neighbours' remain.
      expect(out.replace('Authorization: Basic ', '').replace('***', '').length).toBeLessThanOrEqual(
        Buffer.from(`${user}:`).toString('base64').length + 4,
      );
      expect(r.text(Buffer.from(`${user}:${TOKEN}`).toString('base64url'))).toContain('***');
    }
  });

  it('a base64 value (stored Basic credentials) is hidden decoded too', () => {
    const basic = Buffer.from('etl-user:s3cret-pass').toString('base64');
    expect(redactor(basic).text('the server says: etl-user:s3cret-pass is wrong')).toBe(
      'the server says: *** is wrong',
    );
  });

  it('hides a URL whole before the password inside it', () => {
    const r = redactor('mysql://app:p%40ss%3Aword@10.0.0.5/shop', 'p@ss:word');
    expect(r.text('failed for mysql://app:p%40ss%3Aword@10.0.0.5/shop and p@ss:word')).toBe('failed for *** and ***');
  });

  it('short values: 2 or 3 characters only as a whole word, 1 character never', () => {
    const r = redactor('pw', 'a');
    expect(r.text('password pw, a pwned pw')).toBe('password ***, a pwned ***');
    expect(redactor('xyz').text('xyzzy xyz')).toBe('xyzzy ***');
    expect(redactor('a').text('a cat')).toBe('a cat');
  });

  it('copies results with every string redacted, leaving the original alone', () => {
    const r = redactor(TOKEN);
    const result = {
      ok: false,
      rows: [[1, `x ${TOKEN}`, null]],
      diagnostics: [error('http.status/detail', { where: 'page 1', status: 401, detail: TOKEN }, { nodeId: 'api' })],
      at: new Date(0),
    };
    const out = r.deep(result);
    expect(out).toEqual({
      ok: false,
      rows: [[1, 'x ***', null]],
      diagnostics: [error('http.status/detail', { where: 'page 1', status: 401, detail: '***' }, { nodeId: 'api' })],
      at: new Date(0),
    });
    expect(result.rows[0]?.[1]).toBe(`x ${TOKEN}`);
    expect(JSON.stringify(r.deep({ nested: { deeper: [{ t: TOKEN }] } }))).not.toContain(TOKEN);
  });

  it('redacts errors as they leave: diagnostics of a DutoError, the message of another', () => {
    const r = redactor(TOKEN);
    const e = r.error(
      new DutoError([error('cli.failed', { detail: `bad ${TOKEN}` }, { nodeId: 'n', param: 'headers' })]),
    );
    expect(e).toBeInstanceOf(DutoError);
    expect(e instanceof DutoError && e.diagnostics).toEqual([
      error('cli.failed', { detail: 'bad ***' }, { nodeId: 'n', param: 'headers' }),
    ]);
    const plain = r.error(new TypeError(`oops ${TOKEN}`));
    expect(plain instanceof Error && [plain.name, plain.message]).toEqual(['TypeError', 'oops ***']);
  });

  it('does nothing, cheaply, when nothing was resolved', () => {
    const r = new Redactor();
    const value = { a: 'text' };
    expect(r.deep(value)).toBe(value);
    expect(r.empty).toBe(true);
    expect(redactValues('keep me', [])).toBe('keep me');
  });
});
