import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ConnectionsFile } from '../../../shared/connections/connection';
import { DutoError } from '../../../shared/diagnostics';
import { ConnectorError } from '../external/types';
import { connectionLookup, readConnectionsFile } from './lookup';
import { redact } from './resolved';

const file: ConnectionsFile = {
  format: 'duto.connections',
  version: 1,
  connections: { warehouse: { kind: 'postgres', host: 'db.internal', port: 6432, database: 'sales', user: 'etl' } },
};

describe('connections', () => {
  it('takes the definition from the file and the password from DUTO_CONN_<NAME>_PASSWORD', () => {
    const c = connectionLookup([file], { DUTO_CONN_WAREHOUSE_PASSWORD: 'hunter22' }).resolve('warehouse');
    expect(c).toMatchObject({
      kind: 'postgres',
      host: 'db.internal',
      port: 6432,
      database: 'sales',
      user: 'etl',
      password: 'hunter22',
    });
    expect(c.label).toBe('connection "warehouse" (postgres at db.internal:6432, database sales, user etl)');
    expect(c.secrets).toEqual(['hunter22']);
  });

  it('a DUTO_CONN_<NAME>_URL defines a connection no file has, or overrides one; its password is a secret too', () => {
    const env = { DUTO_CONN_SHOP_URL: 'mariadb://app:p%40ss%3Aword@10.0.0.5/shop' };
    const c = connectionLookup([], env).resolve('shop');
    expect(c).toMatchObject({
      kind: 'mysql',
      host: '10.0.0.5',
      port: undefined,
      user: 'app',
      password: 'p@ss:word',
      database: 'shop',
    });
    expect(c.label).not.toContain('p@ss');
    expect(redact(`failed for mariadb://app:p%40ss%3Aword@10.0.0.5/shop and p@ss:word`, c.secrets)).toBe(
      'failed for *** and ***',
    );
    expect(() => connectionLookup([file], { DUTO_CONN_WAREHOUSE_URL: 'mysql://x@y/z' }).resolve('warehouse')).toThrow(
      'is a postgres connection, but DUTO_CONN_WAREHOUSE_URL is a mysql URL',
    );
  });

  it('an unknown name says where connections come from', () => {
    try {
      connectionLookup([file], {}).resolve('ghost');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConnectorError);
      expect(e instanceof ConnectorError && e.param).toBe('connection');
      expect(String(e)).toContain('there is no connection "ghost": define it in your connections file');
      expect(String(e)).toContain('DUTO_CONN_GHOST_URL');
    }
  });

  it('a connections file cannot hold a password, and its problems name the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'duto-conns-'));
    const path = join(dir, 'duto.connections.json');
    writeFileSync(
      path,
      JSON.stringify({ ...file, connections: { warehouse: { kind: 'postgres', password: 'hunter22' } } }),
    );
    try {
      readConnectionsFile(path);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DutoError);
      const d = e instanceof DutoError ? e.diagnostics[0] : undefined;
      expect(d).toMatchObject({ code: 'connections.invalid', file: path });
      expect(d?.message).toContain('passwords never go in a connections file; set DUTO_CONN_WAREHOUSE_PASSWORD');
    }
    writeFileSync(path, '{"format": "duto.connections",\n "version": 1,\n "connections": {,}}');
    expect(() => readConnectionsFile(path)).toThrow(/not valid JSON/);
  });
});
