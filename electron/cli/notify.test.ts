import { describe, expect, it } from 'vitest';
import { Redactor } from '../engine/sandbox/redactor';
import { CliExit, EXIT } from './exit';
import { sendJson, startApi } from '../engine/connectors/http/test-api-server';
import { notifyTarget, sendNotification } from './notify';

const HOOK = 'https://hooks.example.com/services/T000/B000/XXXXSECRET';

function refusal(run: () => unknown): CliExit {
  try {
    run();
  } catch (e) {
    if (e instanceof CliExit) return e;
    throw e;
  }
  throw new Error('expected a CliExit');
}

describe('--notify target', () => {
  it('resolves ${secret:NAME} and teaches the redactor the URL and its path', () => {
    const redactor = new Redactor();
    expect(notifyTarget('${secret:HOOK}', { DUTO_SECRET_HOOK: HOOK }, redactor).href).toBe(HOOK);
    expect(redactor.text(`posting to ${HOOK} failed; path /services/T000/B000/XXXXSECRET`)).toBe(
      'posting to *** failed; path ***',
    );
    // A literal URL is a secret too.
    const literal = new Redactor();
    notifyTarget(HOOK, {}, literal);
    expect(literal.text(HOOK)).toBe('***');
  });

  it('goes only to the origins DUTO_SECRET_<NAME>_ORIGINS allows', () => {
    expect(
      notifyTarget('${secret:HOOK}', {
        DUTO_SECRET_HOOK: HOOK,
        DUTO_SECRET_HOOK_ORIGINS: 'https://HOOKS.example.com:443',
      }).origin,
    ).toBe('https://hooks.example.com');
    const e = refusal(() =>
      notifyTarget('${secret:HOOK}', {
        DUTO_SECRET_HOOK: 'https://collector.example/x',
        DUTO_SECRET_HOOK_ORIGINS: 'https://hooks.example.com',
      }),
    );
    expect(e.code).toBe(EXIT.usage);
    expect(e.message).toBe(
      '--notify uses the secret HOOK, which may be sent only to https://hooks.example.com, not to https://collector.example: if that server is meant to get it, add https://collector.example to its origins in DUTO_SECRET_HOOK_ORIGINS',
    );
  });
});

describe('sending a notification', () => {
  it('does not follow a redirect: the run is not posted to another server', async () => {
    const elsewhere = await startApi((_req, res) => sendJson(res, {}));
    const hook = await startApi((_req, res) => {
      res.writeHead(307, { location: `${elsewhere.base}/collect` });
      res.end();
    });
    try {
      expect(await sendNotification(new URL(`${hook.base}/hooks/T0K3N`), { text: 'p.duto.json failed' })).toBe(
        'the webhook answered HTTP 307 (a redirect, which is not followed)',
      );
      expect(hook.requests).toHaveLength(1);
      expect(elsewhere.requests).toHaveLength(0);
    } finally {
      await Promise.all([hook.close(), elsewhere.close()]);
    }
  });
});
