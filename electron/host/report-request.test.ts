import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { csvFilterParquet, freshDir } from '../engine/test-support';
import { createHost, type Host } from './host';
import { hostsClosedAfterEach } from './test-hosts';

const track = hostsClosedAfterEach();

function makeHost(): Host {
  return track(
    createHost({
      userDataDir: freshDir('duto-host-user-'),
      threads: 1,
      emit: () => undefined,
      shell: {
        'app.info': async () => ({ shell: 'web', version: '0', platform: 'test', workDir: '/', examplesDir: null }),
        'app.pendingOpens': async () => ({ paths: [] }),
        'file.openDialog': async () => ({ path: null }),
        'file.saveDialog': async () => ({ path: null }),
      },
    }),
  );
}

describe("pipeline.report through dispatch (a report node's preview)", () => {
  it('answers the page in the asked language, writing nothing; a node that is not a report has none', async () => {
    const dir = freshDir('duto-host-');
    writeFileSync(join(dir, 'in.csv'), 'id,kind,v\n1,a,10\n2,b,20\n3,a,30\n');
    const host = makeHost();
    const base = csvFilterParquet('in.csv', 'true', 'out.parquet');
    const document = {
      ...base,
      nodes: [
        ...base.nodes.map((n) =>
          n.id === 'kept'
            ? { ...n, charts: [{ type: 'bar' as const, x: 'kind', y: 'v', aggregate: 'sum' as const }] }
            : n,
        ),
        {
          id: 'page',
          type: 'sink.report',
          params: { path: 'page.html', title: 'Kinds <b>', charts: ['kept'], tables: ['kept'], tableRows: 2 },
        },
      ],
    };
    const r = await host.dispatch('pipeline.report', {
      document,
      baseDir: dir,
      nodeId: 'page',
      requestId: 'r1',
      locale: 'pt-BR',
    });
    if (!r.ok) throw new Error(JSON.stringify(r));
    const { html } = z.object({ html: z.string() }).parse(r.value);
    expect(html).toContain('<html lang="pt-BR">');
    expect(html).toContain('<title>Kinds &lt;b&gt;</title>');
    expect(html).toContain('Nenhuma execução registrada.');
    expect(html.match(/<svg /g)).toHaveLength(2);
    expect(existsSync(join(dir, 'page.html'))).toBe(false);

    const none = await host.dispatch('pipeline.report', {
      document,
      baseDir: dir,
      nodeId: 'kept',
      requestId: 'r2',
      locale: 'en',
    });
    expect(none).toMatchObject({ ok: false, error: { nodeId: 'kept' } });
    const bad = await host.dispatch('pipeline.report', {
      document,
      baseDir: dir,
      nodeId: 'page',
      requestId: 'r3',
      locale: 'fr',
    });
    expect(bad).toMatchObject({ ok: false, error: { code: 'request.invalid' } });
  });
});
