import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SKIP_MESSAGE, chConnections, chDatabase, clusterUp } from '../../engine/connectors/clickhouse/ch-test-cluster';
import { probeConnection } from './probe-connection';

/* The Test button on a ClickHouse connection, against the real cluster (skipped, and said, without it). */

const up = await clusterUp();
if (!up) console.warn(SKIP_MESSAGE);
let db: { name: string; drop: () => Promise<void> };
beforeAll(async () => {
  if (up) db = await chDatabase();
});
afterAll(async () => {
  if (up) await db.drop();
});

describe.skipIf(!up)('ClickHouse connection test', () => {
  it('the Test button connects, and says why not when the server is down', async () => {
    const lookup = chConnections(db.name);
    expect(await probeConnection(lookup.resolve('ch'))).toMatchObject({ ok: true, code: 'connection.ok' });
    const down = await probeConnection(lookup.resolve('chdown'));
    expect(down).toMatchObject({ ok: false, code: 'connection.failed' });
    expect(down.message).toContain('the server refused the connection');
  });
});
