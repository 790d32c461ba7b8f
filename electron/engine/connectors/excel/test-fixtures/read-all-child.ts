/**
 * Reads every row of an .xlsx file through ExcelSource in a process of its
 * own, so its resident memory can be measured without the test runner's
 * other threads: prints {rows, baseRss, peakRss} as JSON.
 * Usage: node read-all-child.mjs <file.xlsx>
 */
import { ExcelSource } from '../excel-source';

const file = process.argv[2];
if (file === undefined) {
  process.stderr.write('usage: read-all-child <file.xlsx>\n');
  process.exit(2);
}
const signal = new AbortController().signal;
const baseRss = process.memoryUsage.rss();
let peakRss = baseRss;
let rows = 0;
const source = new ExcelSource({ path: file });
for await (const batch of source.rows({ signal })) {
  rows += batch.length;
  peakRss = Math.max(peakRss, process.memoryUsage.rss());
}
await source.close();
process.stdout.write(`${JSON.stringify({ rows, baseRss, peakRss })}\n`);
