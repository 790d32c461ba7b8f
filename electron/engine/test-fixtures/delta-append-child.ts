import { withDuck } from '../delta/delta-history';
import { writeDelta } from '../delta/delta-write';

/** A second process for delta-processes.test.ts: `node child TABLE FIRST COUNT` appends COUNT writes of ten ids each, then prints its attempts. */
const [table, first, count] = process.argv.slice(2);
if (table === undefined) throw new Error('usage: delta-append-child TABLE FIRST COUNT');
const start = Number(first);
const attempts = await withDuck(table, async (conn) => {
  let total = 0;
  for (let i = 0; i < Number(count); i++) {
    const from = start + i * 10;
    total += (await writeDelta(conn, table, `SELECT range AS id FROM range(${from}, ${from + 10})`, 'append')).attempts;
  }
  return total;
});
process.stdout.write(JSON.stringify({ attempts }));
