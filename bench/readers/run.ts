import { Command, InvalidArgumentError } from 'commander';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { corpusFiles, scoreCorpus } from './pollock';

/**
 * `npm run bench:readers -- DIR`: Pollock's cell F1 of Duto's CSV reading.
 * DIR is Pollock's `polluted_files` folder (csv/ and clean/), or
 * $DUTO_POLLOCK_DIR; bench/readers/README.md says how to get it.
 */

function whole(v: string): number {
  const n = Number(v);
  if (!Number.isSafeInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number ≥ 1');
  return n;
}

async function main(): Promise<void> {
  const program = new Command('bench:readers')
    .description("Pollock's cell F1 of Duto's CSV reading, at a new CSV source's default settings")
    .argument('[dir]', "Pollock's polluted_files folder (default: $DUTO_POLLOCK_DIR)")
    .option('--every <n>', 'score every n-th file only (a quick look)', whole, 1)
    .option('--match <text>', 'only files whose name contains this')
    .option('--worst <n>', 'list the n files scored worst', whole, 15)
    .allowExcessArguments(false);
  program.parse(process.argv);
  const opts = program.opts<{ every: number; match?: string; worst: number }>();
  const dir = resolve(program.args[0] ?? process.env['DUTO_POLLOCK_DIR'] ?? '');
  if (!existsSync(join(dir, 'csv')) || !existsSync(join(dir, 'clean'))) {
    console.error(
      `bench:readers: ${dir} is not Pollock's polluted_files folder (csv/ and clean/): see bench/readers/README.md`,
    );
    process.exit(2);
  }
  const files = corpusFiles(dir).filter(
    (f, i) => i % opts.every === 0 && (opts.match === undefined || f.includes(opts.match)),
  );
  const started = Date.now();
  let done = 0;
  const result = await scoreCorpus(dir, files, () => {
    done++;
    if (done % 100 === 0) console.error(`${String(done)}/${String(files.length)}…`);
  });
  const worst = [...result.files].sort((a, b) => a.f1 - b.f1).slice(0, opts.worst);
  console.log(
    `Pollock cell F1 of Duto's CSV source (defaults), ${String(files.length)} files from ${dir}, ${((Date.now() - started) / 1000).toFixed(0)} s`,
  );
  console.log(`  mean cell F1   ${result.meanF1.toFixed(4)}`);
  console.log(`  accepted       ${String(result.accepted)}`);
  console.log(`  refused        ${String(result.refused)}`);
  console.log(`  rows set aside ${String(result.rejectedRows)}`);
  console.log('  worst files:');
  for (const r of worst)
    console.log(`    ${r.f1.toFixed(3)}  ${r.file}${r.accepted ? '' : `  refused: ${r.problem ?? ''}`}`);
}

await main();
