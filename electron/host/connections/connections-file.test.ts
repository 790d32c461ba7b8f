import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diagnosticText, DutoError } from '../../../shared/diagnostics';
import type { ConnectionsFile } from '../../../shared/connections/connection';
import { renderMessage } from '../../../shared/messages/diagnostic-messages';
import { freshDir } from '../../engine/test-support';
import { ConnectorError } from '../../engine/external/types';
import { HostError } from '../host-error';
import { ConnectionsFileError, createConnectionsFileStore } from './connections-file';
import { appConnectionLookup } from './session-lookup';

/*
 * A connections file the user broke by hand, and a connection that cannot
 * be saved, as the app shows them: every problem in the user's language,
 * with the file, its line and what to do.
 */

function thrown(work: () => unknown): unknown {
  try {
    work();
  } catch (e) {
    return e;
  }
  throw new Error('expected a failure');
}

describe('the connections file', () => {
  it('a broken file reads in Portuguese: its problem, where, and to fix or remove it', () => {
    const path = join(freshDir('duto-conn-file-'), 'connections.json');
    writeFileSync(path, '{\n  "format": "duto.connections",\n  oops\n}\n');
    const e = thrown(() => createConnectionsFileStore(path).read());
    expect(e).toBeInstanceOf(ConnectionsFileError);
    if (!(e instanceof ConnectionsFileError)) return;
    expect(e.error.code).toBe('connections.file-invalid');
    expect(e.error.message).toMatch(new RegExp(`^${path} is not valid JSON: .+ \\(fix or remove ${path}\\)$`));
    expect(e.diagnostics[0]).toMatchObject({ code: 'connections.syntax', file: path, line: 3 });
    const text = e.diagnostics.map((d) => diagnosticText(d, 'pt-BR'));
    expect(text[0]).toMatch(new RegExp(`^${path} não é JSON válido: `));
    expect(text[1]).toBe(`corrija ou remova ${path}`);

    // A node that names a connection gets the same, on its connection param.
    const lookup = appConnectionLookup(
      { path, read: () => createConnectionsFileStore(path).read() },
      {},
      { passwords: new Map(), unreadable: [] },
    );
    const failed = thrown(() => lookup.resolve('warehouse'));
    expect(failed).toBeInstanceOf(DutoError);
    if (!(failed instanceof DutoError)) return;
    expect(failed.diagnostics.map((d) => [d.code, d.param, d.file])).toEqual([
      ['connections.syntax', 'connection', path],
      ['connections.file-invalid', 'connection', path],
    ]);
  });

  it('refuses to save a connection that is not valid, saying why in both languages', async () => {
    const path = join(freshDir('duto-conn-file-'), 'connections.json');
    const store = createConnectionsFileStore(path);
    const invalid = (f: ConnectionsFile): ConnectionsFile => ({
      ...f,
      connections: { warehouse: { kind: 'postgres', port: -1 } as never },
    });
    const e = await store.update(invalid).then(
      () => undefined,
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(HostError);
    if (!(e instanceof HostError)) return;
    expect(e.error.code).toBe('connections.invalid');
    expect(e.error.message).toMatch(/^the connection is not valid: connections\.warehouse/);
    const [d] = e.error.diagnostics ?? [];
    expect(d && diagnosticText(d, 'pt-BR')).toMatch(/^a conexão não é válida: connections\.warehouse/);
  });

  it("a stored password that cannot be read: the keychain's reason when it gave one, else the likely one", () => {
    const path = join(freshDir('duto-conn-file-'), 'connections.json');
    const file = { path, read: () => createConnectionsFileStore(path).read() };
    const said = (reason?: string) => {
      const lookup = appConnectionLookup(
        file,
        {},
        { passwords: new Map(), unreadable: ['shop'], ...(reason === undefined ? {} : { reason }) },
      );
      const e = thrown(() => lookup.resolve('shop'));
      if (!(e instanceof ConnectorError)) throw e;
      return { en: e.message, pt: renderMessage(e.said.key, e.said.args, 'pt-BR') };
    };
    expect(said()).toEqual({
      en: 'the stored password of connection "shop" cannot be read: it cannot be decrypted (did the keychain change?): enter it again under Connections',
      pt: 'a senha armazenada da conexão "shop" não pode ser lida: não é possível descriptografá-la (o chaveiro mudou?): digite-a de novo em Conexões',
    });
    expect(said('vault damaged')).toEqual({
      en: 'the stored password of connection "shop" cannot be read: vault damaged',
      pt: 'a senha armazenada da conexão "shop" não pode ser lida: vault damaged',
    });
  });
});
