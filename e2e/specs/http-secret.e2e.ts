import { writeFileSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppPage } from '../pages/app-page';
import { screenshotFailures } from '../support/failures';
import { freshDir, launchTarget, targets, type Target } from '../support/target';

/**
 * An HTTP source whose Authorization header references ${secret:API_TOKEN}:
 * the node fails, naming where to set the secret, until the user stores it
 * in the Connections dialog for the API's origin; then it previews the API's records. The
 * pipeline file never holds the token, and the page never shows it.
 */

const TOKEN = 'e2e-tok-4c7d1a9b';

for (const { kind, available } of targets()) {
  describe.skipIf(!available)(`a secret stored in the Connections dialog (${kind})`, () => {
    let target: Target;
    let app: AppPage;
    let server: Server;
    let file = '';
    let origin = '';

    beforeAll(async () => {
      server = createServer((req, res) => {
        const ok = req.headers['authorization'] === `Bearer ${TOKEN}`;
        res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify(
            ok
              ? {
                  data: [
                    { id: 1, city: 'Recife' },
                    { id: 2, city: 'Porto' },
                  ],
                }
              : { error: 'unauthorized' },
          ),
        );
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const port = (server.address() as AddressInfo).port;
      origin = `http://127.0.0.1:${String(port)}`;
      const workDir = freshDir('duto-e2e-secret-');
      file = join(workDir, 'api.duto.json');
      const doc = {
        format: 'duto.pipeline',
        version: 1,
        name: 'api',
        nodes: [
          {
            id: 'orders',
            type: 'source.http',
            params: {
              url: `http://127.0.0.1:${String(port)}/v1/orders`,
              headers: [{ name: 'Authorization', value: 'Bearer ${secret:API_TOKEN}' }],
              recordsPath: 'data',
            },
          },
        ],
      };
      writeFileSync(file, `${JSON.stringify(doc, null, 2)}\n`);
      target = await launchTarget(kind, workDir);
      app = new AppPage(target.page);
      await target.answerOpen(file, () => app.toolbar.clickOpen());
      await app.canvas.node('orders').waitFor();
      await app.settled();
    });
    screenshotFailures(() => target?.page);
    afterAll(async () => {
      await target?.close();
      if (target !== undefined) rmSync(target.workDir, { recursive: true, force: true });
      await new Promise((resolve) => server?.close(resolve));
    });

    it('names the missing secret on the node, and previews once it is stored', async () => {
      const { canvas, connections, preview } = app;
      await expect.poll(() => canvas.status('orders')).toBe('error');
      expect(await canvas.message('orders').innerText()).toMatch(
        /secret API_TOKEN.*Connections → Secrets.*DUTO_SECRET_API_TOKEN/s,
      );

      await connections.open();
      // Stored for the API's origin: it is sent there and nowhere else.
      await connections.addSecret('api_token', TOKEN, origin);
      expect(await connections.secretSource('API_TOKEN').innerText()).toMatch(/stored/i);
      expect(await connections.dialog.innerText()).not.toContain(TOKEN);
      await connections.close();

      await expect.poll(() => canvas.status('orders')).toBe('ok');
      await preview.open();
      await canvas.select('orders');
      await preview.waitForRows('orders');
      expect(await preview.rows.count()).toBe(2);
      expect(await preview.row(1)).toContain('Porto');
      expect(readFileSync(file, 'utf8')).not.toContain(TOKEN);
      expect(await target.page.content()).not.toContain(TOKEN);
      expect(target.pageErrors).toEqual([]);
    });
  });
}
