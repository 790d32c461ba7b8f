import type { ConnectionsFile } from '../../../../shared/connections/connection';
import { connectionLookup } from '../../connections/lookup';
import type { ConnectionLookup } from '../../connections/resolved';
import { randomName } from '../test-databases';

/**
 * The two-shard ClickHouse cluster the connector's tests use
 * (scripts/clickhouse-cluster.sh: shards on HTTP 8123 and 8124, cluster
 * `duto_2shards`). Each test file makes a database with a random name on
 * both shards and drops it afterwards. Without the cluster the tests skip,
 * and say why.
 */

export const SHARDS = [8123, 8124] as const;
/** A port nothing listens on: a server that is down. */
export const DOWN_PORT = 8129;

/** ClickHouse 18 types LowCardinality as experimental: tables with it need this setting. */
const SETTINGS = { allow_experimental_low_cardinality_type: '1' };

/** One statement on one shard over HTTP (`body`: the data of an INSERT); its TSV answer, or the server's error. */
export async function chQuery(sql: string, port: number = SHARDS[0], body?: string): Promise<string> {
  const url = new URL(`http://127.0.0.1:${String(port)}/`);
  for (const [k, v] of Object.entries(SETTINGS)) url.searchParams.set(k, v);
  if (body !== undefined) url.searchParams.set('query', sql);
  const response = await fetch(url, { method: 'POST', body: body ?? sql, signal: AbortSignal.timeout(30_000) });
  const text = await response.text();
  if (!response.ok) throw new Error(text);
  return text;
}

/** Whether both shards answer and know the cluster. */
export async function clusterUp(): Promise<boolean> {
  try {
    for (const port of SHARDS) {
      const n = await chQuery("SELECT count() FROM system.clusters WHERE cluster = 'duto_2shards'", port);
      if (n.trim() === '0') return false;
    }
    return true;
  } catch {
    return false;
  }
}

export const SKIP_MESSAGE =
  'ClickHouse tests skipped: no two-shard cluster on 127.0.0.1:8123/8124 (start it with scripts/clickhouse-cluster.sh start)';

/** A database of that name on both shards. */
export async function chDatabase(): Promise<{ name: string; drop: () => Promise<void> }> {
  const name = randomName('duto_t');
  for (const port of SHARDS) await chQuery(`CREATE DATABASE ${name}`, port);
  return {
    name,
    drop: async () => {
      for (const port of SHARDS) await chQuery(`DROP DATABASE IF EXISTS ${name}`, port);
    },
  };
}

export function chConnections(database: string): ConnectionLookup {
  const file: ConnectionsFile = {
    format: 'duto.connections',
    version: 1,
    connections: {
      ch: { kind: 'clickhouse', host: '127.0.0.1', port: SHARDS[0], database },
      ch2: { kind: 'clickhouse', host: '127.0.0.1', port: SHARDS[1], database },
      chdown: {
        kind: 'clickhouse',
        host: '127.0.0.1',
        port: DOWN_PORT,
        database,
        options: { connectTimeoutSeconds: 2, idleTimeoutSeconds: 5 },
      },
    },
  };
  return connectionLookup([file], {});
}
