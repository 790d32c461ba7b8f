import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, from dist/bench/run.js or bench/*.ts alike. */
export const ROOT = fileURLToPath(new URL(import.meta.url.includes('/dist/') ? '../../' : '../', import.meta.url));
export const BIN = join(ROOT, 'bin', 'duto.js');
export const BUNDLE = join(ROOT, 'dist', 'bench', 'run.js');
export const CANONICAL = join(ROOT, 'bench', 'canonical.duto.json');
export const GEN_DATA = join(ROOT, '..', 'shared', 'bench', 'gen-data.mjs');
export const DATA_ROOT = join(ROOT, 'bench', 'data');
