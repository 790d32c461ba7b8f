import { describe, expect, it } from 'vitest';
import { discardPrestarted, prestartInstance, takeInstance } from './prestart';

/** The instance a command starts ahead of need (prestart.ts): taken once, then fresh ones; an unused one is closed. */
describe('prestarted DuckDB', () => {
  it('the next taker gets a working instance; the one after gets another', async () => {
    prestartInstance();
    const first = await takeInstance();
    const second = await takeInstance();
    try {
      expect(second).not.toBe(first);
      for (const instance of [first, second]) {
        const conn = await instance.connect();
        expect((await conn.runAndReadAll('SELECT 6 * 7')).getRowsJson()).toEqual([[42]]);
        conn.closeSync();
      }
    } finally {
      first.closeSync();
      second.closeSync();
    }
  });

  it('an instance nothing took is discarded: the next taker gets a new one', async () => {
    prestartInstance();
    await discardPrestarted();
    // Nothing left to discard.
    await discardPrestarted();
    const instance = await takeInstance();
    const conn = await instance.connect();
    expect((await conn.runAndReadAll("SELECT current_setting('lock_configuration')")).getRowsJson()).toEqual([[false]]);
    conn.closeSync();
    instance.closeSync();
  });
});
