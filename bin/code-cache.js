'use strict';
// Runs the CommonJS CLI bundle with V8's code cache. Node 20 compiles every
// module of every start from source (it has no compile cache for ES modules);
// this keeps, per command, the code V8 compiled the first time, so the next
// `duto run` skips most of its compiling (issue #12, fast starts).
//
// The cache is code V8 will run, so it lives where the bundle lives (the
// same owner may write both) unless DUTO_CODE_CACHE_DIR says otherwise, and it
// is used only when its checksum holds and it was made for this very bundle
// (size and modification time in its name). Anything wrong with it — missing,
// damaged, from another build or another Node — and the CLI compiles from
// source as before, then writes a fresh one. DUTO_CODE_CACHE=off turns it off.
const { isAscii } = require('node:buffer');
const { createHash } = require('node:crypto');
const { readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const { basename, dirname, join } = require('node:path');
const { Script } = require('node:vm');

const MAGIC = Buffer.from('duto-v8-code-cache 1\n');
const DIGEST = 32;

/** The command a cache is kept for: the first word of the arguments (`run`, `validate`…), else `none`. */
function commandOf(args) {
  const word = args.find((a) => !a.startsWith('-'));
  return word !== undefined && /^[a-z][a-z-]{0,23}$/.test(word) ? word : 'none';
}

/** What names this build's caches: the bundle's name, its size and modification time (`cli.cjs.4272654-1796…`). */
function buildStamp(bundle) {
  const s = statSync(bundle);
  return `${basename(bundle)}.${String(s.size)}-${String(Math.trunc(s.mtimeMs))}`;
}

/** The cached data in a cache file, or undefined when it is missing or its checksum does not hold. */
function readCache(file) {
  let bytes;
  try {
    bytes = readFileSync(file);
  } catch {
    return undefined;
  }
  if (bytes.length <= MAGIC.length + DIGEST || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) return undefined;
  const digest = bytes.subarray(MAGIC.length, MAGIC.length + DIGEST);
  const data = bytes.subarray(MAGIC.length + DIGEST);
  return createHash('sha256').update(data).digest().equals(digest) ? data : undefined;
}

/**
 * Writes a cache file atomically (several starts may write at once), and drops what other builds of `bundle`
 * left in `dir`: their caches, and temp files of starts killed while writing.
 */
function writeCache(dir, bundle, stamp, file, data) {
  try {
    const temp = `${file}.${String(process.pid)}.tmp`;
    writeFileSync(temp, Buffer.concat([MAGIC, createHash('sha256').update(data).digest(), data]));
    renameSync(temp, file);
    for (const f of readdirSync(dir)) {
      if (!f.startsWith(`${basename(bundle)}.`)) continue;
      const path = join(dir, f);
      if (f.endsWith('.v8cache') && !f.startsWith(`${stamp}.`)) rmSync(path, { force: true });
      // A live writer renames its own within milliseconds.
      else if (f.endsWith('.tmp') && Date.now() - statSync(path).mtimeMs > 60_000) rmSync(path, { force: true });
    }
  } catch {
    // A folder we may not write (an installed app, a read-only checkout): every start compiles, as without a cache.
  }
}

/** Loads and runs the CommonJS bundle as Node would, compiled with the cache when there is a good one. */
function runWithCodeCache(bundle, args, env) {
  // The bundle is ASCII (esbuild escapes the rest): read as Latin-1 it skips UTF-8 decoding, the same text.
  const bytes = readFileSync(bundle);
  const source = bytes.toString(isAscii(bytes) ? 'latin1' : 'utf8');
  const wrapped = `(function (exports, require, module, __filename, __dirname) { ${source}\n})`;
  const dir = env.DUTO_CODE_CACHE_DIR || dirname(bundle);
  const stamp = buildStamp(bundle);
  const file = env.DUTO_CODE_CACHE === 'off' ? undefined : join(dir, `${stamp}.${commandOf(args)}.v8cache`);
  const cachedData = file === undefined ? undefined : readCache(file);
  const script = new Script(wrapped, { filename: bundle, ...(cachedData === undefined ? {} : { cachedData }) });
  if (file !== undefined && (cachedData === undefined || script.cachedDataRejected === true)) {
    // At exit, the cache holds what this start compiled — the command's whole path, not just the top level.
    process.once('exit', () => writeCache(dir, bundle, stamp, file, script.createCachedData()));
  }
  const module = { exports: {}, filename: bundle, id: bundle, loaded: false };
  script.runInThisContext()(module.exports, createRequire(bundle), module, bundle, dirname(bundle));
}

module.exports = { runWithCodeCache };
