/**
 * Runs a pipeline file to completion in its own process: the kill test
 * bundles this with esbuild and SIGKILLs it in the middle of a sink write.
 * Usage: node run-child.mjs <pipeline.duto.json> [threads]
 */
import { dirname } from 'node:path';
import { loadPipelineFile, openPipeline } from '../index';

const file = process.argv[2];
if (file === undefined) {
  process.stderr.write('usage: run-child <pipeline.duto.json> [threads]\n');
  process.exit(2);
}
const doc = await loadPipelineFile(file);
const session = await openPipeline(doc, { trust: 'trusted', baseDir: dirname(file), threads: Number(process.argv[3] ?? '1') });
const result = await session.run();
session.close();
process.stdout.write(`${JSON.stringify({ ok: result.ok, outputs: result.outputs })}\n`);
