import { withDuck } from '../delta/delta-history';
import { writeDelta } from '../delta/delta-write';

/**
 * A second process for delta-processes.test.ts: `node child TABLE FIRST COUNT`
 * appends COUNT writes of ten ids each (v = 'a'); with `merge` after COUNT,
 * it merges COUNT times on id the ten ids from FIRST (v = 'm<i>') plus one
 * new id FIRST + 100 + i. Prints its commit attempts.
 */
const [table, first, count, mode] = process.argv.slice(2);
if (table === undefined) throw new Error('usage: delta-append-child TABLE FIRST COUNT [merge]');
const start = Number(first);
const attempts = await withDuck(table, async (conn) => {
  let total = 0;
  for (let i = 0; i < Number(count); i++) {
    const from = start + i * 10;
    const r =
      mode === 'merge'
        ? await writeDelta(
            conn,
            table,
            `SELECT range AS id, 'm${i}' AS v FROM range(${start}, ${start + 10}) UNION ALL SELECT ${start + 100 + i}, 'm${i}'`,
            'merge',
            { keys: ['id'] },
          )
        : await writeDelta(conn, table, `SELECT range AS id, 'a' AS v FROM range(${from}, ${from + 10})`, 'append');
    total += r.attempts;
  }
  return total;
});
process.stdout.write(JSON.stringify({ attempts }));
