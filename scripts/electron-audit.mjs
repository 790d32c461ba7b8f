// `npm run audit:electron` (CI runs it): @doyensec/electronegativity over
// electron/, failing on any HIGH finding that the allowlist beside this file
// does not explain. The tool itself exits 0 whatever it finds, and its CLI
// breaks on a newer hoisted `commander`, so it is called through its API and
// its findings are read here. Offline it spends ~10 s failing to fetch
// translations and Electron's release list; that is harmless.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const require = createRequire(import.meta.url);
const root = resolve(import.meta.dirname, '..');
const input = join(root, 'electron');
const allowlist = JSON.parse(readFileSync(join(import.meta.dirname, 'electronegativity-allowlist.json'), 'utf8'));
const electronVersion = JSON.parse(
  readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8'),
).version;

const run = require('@doyensec/electronegativity');
const result = await run(
  {
    input,
    output: undefined,
    isSarif: false,
    customScan: [],
    excludeFromScan: [],
    severitySet: undefined,
    confidenceSet: undefined,
    isRelative: true,
    isVerbose: false,
    electronUpgrade: undefined,
    // Without it the tool assumes Electron 0.1 and judges every default by that.
    electronVersionOverride: electronVersion,
    parserPlugins: [],
  },
  false,
);

// An entry holds only while its evidence (a pattern in the file it names) is still there.
const stale = allowlist.filter(
  (a) => a.evidence !== undefined && !new RegExp(a.evidence).test(readFileSync(join(input, a.file), 'utf8')),
);
const allowed = (issue) => allowlist.find((a) => a.id === issue.id && a.file === issue.file && !stale.includes(a));
const rank = { CRITICAL: 4, HIGH: 3, MEDIUM: 2, LOW: 1, INFORMATIONAL: 0 };
const issues = [...result.issues].sort(
  (a, b) => rank[b.severity.name] - rank[a.severity.name] || a.id.localeCompare(b.id),
);

console.log(
  `electronegativity over electron/ (Electron ${electronVersion}): ${result.atomicChecks + result.globalChecks} checks, ${issues.length} findings`,
);
for (const issue of issues) {
  const where = issue.file === 'N/A' ? 'whole app' : `${issue.file}:${issue.location.line}`;
  const entry = allowed(issue);
  const verdict = entry !== undefined ? `allowed: ${entry.why}` : issue.severity.value >= 3 ? 'NOT ALLOWED' : 'noted';
  console.log(
    `  ${issue.severity.name.padEnd(8)} ${issue.id} at ${where}: ${issue.description}\n           ${verdict}`,
  );
}

const failures = [];
for (const a of stale)
  failures.push(`the allowlist entry ${a.id} for ${a.file} no longer holds: /${a.evidence}/ is not in that file`);
const blocking = issues.filter((i) => rank[i.severity.name] >= rank.HIGH && allowed(i) === undefined);
if (blocking.length > 0)
  failures.push(`${blocking.length} HIGH or CRITICAL finding(s) not in scripts/electronegativity-allowlist.json`);
// A file it could not parse is a file it did not check.
const unparsed = result.errors.filter((e) => !e.tolerable);
for (const e of unparsed) console.log(`  could not parse ${e.file}: ${e.message}`);
if (unparsed.length > 0) failures.push(`${unparsed.length} file(s) could not be parsed, so were not checked`);
for (const a of allowlist) {
  if (!issues.some((i) => i.id === a.id && i.file === a.file))
    console.log(`  note: allowlist entry ${a.id} for ${a.file} matches nothing any more: remove it`);
}

if (failures.length > 0) {
  console.error(`audit:electron failed: ${failures.join('; ')}`);
  process.exit(1);
}
console.log('audit:electron: no unexplained HIGH findings');
