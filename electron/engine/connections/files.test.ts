import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ConnectionDefinition } from '../../../shared/connections/connection';
import { ConnectorError } from '../external/types';
import { headlessConnections } from './files';

/*
 * Which definitions a headless run trusts with the environment's secrets:
 * real files in a temporary home (XDG_CONFIG_HOME) and a pipeline folder.
 */

const MINE: ConnectionDefinition = {
  kind: 'postgres',
  host: 'db.internal',
  port: 5432,
  database: 'sales',
  user: 'etl',
};
const EVIL: ConnectionDefinition = {
  kind: 'postgres',
  host: 'collector.example',
  port: 5432,
  database: 'sales',
  user: 'etl',
};

function setup(files: { user?: Record<string, ConnectionDefinition>; beside?: Record<string, ConnectionDefinition> }) {
  const root = mkdtempSync(join(tmpdir(), 'duto-conn-files-'));
  const home = join(root, 'config');
  const project = join(root, 'project');
  mkdirSync(join(home, 'duto'), { recursive: true });
  mkdirSync(project);
  const write = (path: string, connections: Record<string, ConnectionDefinition>): void =>
    writeFileSync(path, JSON.stringify({ format: 'duto.connections', version: 1, connections }));
  const userFile = join(home, 'duto', 'connections.json');
  const besideFile = join(project, 'duto.connections.json');
  if (files.user !== undefined) write(userFile, files.user);
  if (files.beside !== undefined) write(besideFile, files.beside);
  return {
    userFile,
    besideFile,
    pipeline: join(project, 'p.duto.json'),
    env: (vars: Record<string, string> = {}) => ({ XDG_CONFIG_HOME: home, ...vars }),
  };
}

function refusal(run: () => unknown): ConnectorError {
  try {
    run();
  } catch (e) {
    if (e instanceof ConnectorError) return e;
    throw e;
  }
  throw new Error('expected a ConnectorError');
}

describe('headless connections', () => {
  it("pairs DUTO_CONN_<NAME>_PASSWORD with the user's own definition", () => {
    const t = setup({ user: { warehouse: MINE }, beside: { extra: { kind: 'mysql', host: 'localhost' } } });
    const c = headlessConnections(t.pipeline, undefined, t.env({ DUTO_CONN_WAREHOUSE_PASSWORD: 'hunter22' })).resolve(
      'warehouse',
    );
    expect(c).toMatchObject({ host: 'db.internal', password: 'hunter22' });
  });

  it("refuses a pipeline's file that redefines the user's connection, naming both files", () => {
    const t = setup({ user: { warehouse: MINE }, beside: { warehouse: EVIL } });
    const e = refusal(() =>
      headlessConnections(t.pipeline, undefined, t.env({ DUTO_CONN_WAREHOUSE_PASSWORD: 'hunter22' })).resolve(
        'warehouse',
      ),
    );
    expect(e.code).toBe('connection.redefined');
    expect(e.param).toBe('connection');
    expect(e.message).toContain(
      `connection "warehouse" is defined in your connections file ${t.userFile}, and ${t.besideFile}, which came with the pipeline, defines it differently`,
    );
    expect(e.message).not.toContain('hunter22');
  });

  it('the same definition written again beside the pipeline is no redefinition', () => {
    const t = setup({
      user: { warehouse: MINE },
      beside: { warehouse: { user: 'etl', database: 'sales', port: 5432, host: 'db.internal', kind: 'postgres' } },
    });
    expect(
      headlessConnections(t.pipeline, undefined, t.env({ DUTO_CONN_WAREHOUSE_PASSWORD: 'pw-1234' })).resolve(
        'warehouse',
      ).password,
    ).toBe('pw-1234');
  });

  it("a connection only the pipeline's file defines works without secrets, and never gets the environment's", () => {
    const t = setup({ beside: { shop: { kind: 'mysql', host: 'localhost', database: 'test', user: 'root' } } });
    expect(headlessConnections(t.pipeline, undefined, t.env()).resolve('shop')).toMatchObject({
      host: 'localhost',
      password: undefined,
      secrets: [],
    });
    for (const v of ['DUTO_CONN_SHOP_PASSWORD', 'DUTO_CONN_SHOP_URL']) {
      const e = refusal(() =>
        headlessConnections(t.pipeline, undefined, t.env({ [v]: 'mysql://root:hunter22@localhost/test' })).resolve(
          'shop',
        ),
      );
      expect(e.code).toBe('connection.not-yours');
      expect(e.message).toBe(
        `connection "shop" is defined only in ${t.besideFile}, which came with the pipeline, so ${v} is not sent to it: a pipeline's file must not choose where your password goes. Define "shop" in your connections file (${t.userFile}) or in a file given with --connections FILE`,
      );
    }
  });

  it("--connections FILE is the user's own choice: its definitions get the secrets, and the file beside the pipeline is not read", () => {
    const t = setup({ beside: { warehouse: EVIL } });
    const chosen = join(t.pipeline, '..', 'chosen.json');
    writeFileSync(chosen, JSON.stringify({ format: 'duto.connections', version: 1, connections: { warehouse: MINE } }));
    expect(
      headlessConnections(t.pipeline, chosen, t.env({ DUTO_CONN_WAREHOUSE_PASSWORD: 'hunter22' })).resolve('warehouse'),
    ).toMatchObject({ host: 'db.internal', password: 'hunter22' });
    // Given explicitly, even the file beside the pipeline is the user's.
    expect(
      headlessConnections(t.pipeline, t.besideFile, t.env({ DUTO_CONN_WAREHOUSE_PASSWORD: 'hunter22' })).resolve(
        'warehouse',
      ),
    ).toMatchObject({ host: 'collector.example', password: 'hunter22' });
  });

  it('DUTO_CONN_<NAME>_URL still defines a connection no file has; an unknown name says where to define it', () => {
    const t = setup({});
    expect(
      headlessConnections(
        t.pipeline,
        undefined,
        t.env({ DUTO_CONN_CRM_URL: 'postgres://u:pw-9876@crm:5432/c' }),
      ).resolve('crm'),
    ).toMatchObject({ host: 'crm', password: 'pw-9876' });
    const e = refusal(() => headlessConnections(t.pipeline, undefined, t.env()).resolve('ghost'));
    expect(e.message).toBe(
      `there is no connection "ghost": define it in your connections file (${t.userFile}, or one given with --connections FILE), or set DUTO_CONN_GHOST_URL`,
    );
  });
});
