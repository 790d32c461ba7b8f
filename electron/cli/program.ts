import { join } from 'node:path';
import { Command, Option } from 'commander';
import pkg from '../../package.json';
import { collectFilter, collectNode, collectParam, collectSort, memorySize, nonNegativeInt, positiveInt } from './args';
import type { DeltaOpts, VacuumOpts } from './commands/delta';
import type { DocsOpts } from './commands/docs';
import type { ExportOpts } from './commands/export';
import type { HistoryOpts } from './commands/history';
import type { LineageOpts } from './commands/lineage';
import type { MergeOpts } from './commands/merge';
import type { PreviewOpts } from './commands/preview';
import type { ProfileOpts } from './commands/profile';
import type { ReportOpts } from './commands/report';
import type { RunOpts } from './commands/run-outcome';
import type { SchemaOpts } from './commands/schema';
import type { ServeOpts } from './commands/serve';
import type { SniffOpts } from './commands/sniff';
import type { SqlOpts } from './commands/sql';
import type { ExplainOpts } from './commands/explain';
import type { CleanOpts } from './commands/clean';
import type { CacheOpts } from './commands/cache';
import type { EngineOpts } from './commands/engine';
import type { TrustOpts } from './commands/trust';
import type { UpgradeOpts } from './commands/upgrade';
import type { ValidateOpts } from './commands/validate';
import { localizeHelp, localizeUsageError } from './help-locale';
import type { Io } from './io';
import { cliLocale } from './locale';
import type { Redactor } from '../engine/sandbox/redactor';
import type { EngineCaches } from '../engine/session/engine-caches';
import type { Cancellation } from './signals';

/** `duto`'s commands and options; the help is in the user's language (help-locale.ts). */

function paramOption(): Option {
  return new Option('-p, --param <name=value>', 'set a pipeline parameter (repeatable)').argParser(collectParam);
}

function connectionsOption(): Option {
  return new Option(
    '-c, --connections <file>',
    "connections file to use (default: your user one, plus those duto.connections.json beside the pipeline adds); passwords come from DUTO_CONN_<NAME>_PASSWORD or DUTO_CONN_<NAME>_URL, for your own file's connections only",
  );
}

/** The engine's limits, on every command that opens the pipeline. */
function memoryLimitOption(): Option {
  return new Option(
    '--memory-limit <size>',
    "the engine's memory budget, e.g. 4GB (default: half of this machine's memory); beyond it, sorts, joins and aggregations spill to disk",
  ).argParser(memorySize);
}

function spillLimitOption(): Option {
  return new Option(
    '--spill-limit <size>',
    'the most the engine may spill to disk, e.g. 50GB (default: half of the free space in the temporary folder)',
  ).argParser(memorySize);
}

function timeoutOption(): Option {
  return new Option(
    '--timeout <seconds>',
    'how long checking (opening) the pipeline may take before it is stopped (default 300)',
  ).argParser(positiveInt);
}

function trustOption(): Option {
  return new Option(
    '--trust',
    'trust this pipeline for this command: let it read files outside its folder, connect to databases, fetch over the network, use secrets and write its outputs (default: only pipelines in folders or files you trusted with `duto trust`)',
  );
}

function threadsOption(): Option {
  return new Option('--threads <n>', 'threads DuckDB uses (default: one per core)').argParser(positiveInt);
}

const SESSION_COMMANDS: ReadonlySet<string> = new Set([
  'run',
  'report',
  'serve',
  'validate',
  'schema',
  'preview',
  'profile',
  'sql',
  'explain',
  'docs',
  'lineage',
  'clean',
]);

export function buildProgram(
  io: Io,
  redactor: Redactor,
  cancel: Cancellation,
  setCode: (code: number) => void,
  json: boolean,
): Command {
  const program = new Command('duto')
    .description('Run and inspect Duto pipelines (*.duto.json) headless.')
    .version(pkg.version, '-V, --version')
    .exitOverride()
    // With --json, commander's error line becomes the JSON error on stdout (handleError) instead.
    .configureOutput({
      writeOut: (s) => io.out(s),
      writeErr: (s) => (json ? undefined : io.err(s)),
      outputError: (s, write) => write(localizeUsageError(s, cliLocale())),
    })
    .allowExcessArguments(false);

  program
    .command('run')
    .description(
      'run the pipeline (or, with --until, what a node needs and the node); several run in turn, each only if the one before succeeded',
    )
    .argument('<files...>', 'pipeline files')
    .option('-u, --until <node>', 'run only this node and its upstream')
    .option('-f, --force', 'write every output, even those that are up to date')
    .option('--no-cache', 'neither reuse nor keep node results (the node cache: `duto cache ls`)')
    .option(
      '--cache-max <size>',
      'the node cache budget for this run, e.g. 500MB (default $DUTO_CACHE_MAX_BYTES, else 2GiB); least recently used results go first',
      memorySize,
    )
    .addOption(
      new Option(
        '--cache-keep <when>',
        'when a big node result (a parsed file, a join) is kept: the second run that computes it (default: a one-off run pays nearly nothing), or the first',
      )
        .choices(['second-run', 'first-run'])
        .default('second-run'),
    )
    .option(
      '--pin-cache <node>',
      "reuse this node's cached result although it looks volatile (a database source, now()…): its settings alone key it (repeatable)",
      collectNode,
    )
    .option(
      '--full-refresh',
      'incremental sources read every row again and their targets keep the new watermark (needed when a target holds data but no state)',
    )
    .option('--keep-going', 'with several pipelines: run the rest after one fails')
    .option(
      '--pushdown',
      'run the nodes below a PostgreSQL/MySQL/ClickHouse table in that database where it gives the same result (see duto explain); the default unless the pipeline says "pushdown": false',
    )
    .option('--no-pushdown', 'run every node in DuckDB, whatever the pipeline says')
    .option('--junit <file>', 'also write a JUnit XML report: data checks and outputs as test cases, for CI')
    .option(
      '--notify <url>',
      'POST the outcome as JSON to this webhook (Slack, Teams…); ${secret:NAME} reads it from DUTO_SECRET_NAME',
    )
    .addOption(new Option('--notify-on <when>', 'when to notify').choices(['failure', 'always']).default('failure'))
    .option(
      '--openlineage <file|url>',
      'emit OpenLineage START and COMPLETE/FAIL events: JSON lines appended to a file, or POSTed to an http(s) endpoint (default: $DUTO_OPENLINEAGE)',
    )
    .option('--json', 'print the run result as JSON')
    .addOption(
      new Option(
        '--lock-wait <seconds>',
        'how long an output waits while another run writes the same target (file, SQLite file or database table) before the run fails with sink.locked; 0: fail at once (default 600)',
      ).argParser(nonNegativeInt),
    )
    // The resident engine's idle time (engine-server.ts): not for people, so not in the help.
    .addOption(new Option('--idle-keep').hideHelp())
    .action(async (files: string[], o: RunOpts) =>
      setCode(
        await cancel.graceful(async () => (await import('./commands/run')).runCommand(files, o, io, cancel.signal)),
      ),
    );

  program
    .command('report')
    .description(
      "run the pipeline, then write one self-contained HTML report of the run to -o: the pipeline's report node (sink.report), or by default the run summary, the data checks and every node's saved charts",
    )
    .argument('<file>', 'pipeline file')
    .requiredOption('-o, --output <file>', 'the HTML file to write (.html)')
    .option('--node <id>', 'with several report nodes: the one to write')
    .action(async (file: string, o: ReportOpts) =>
      setCode(
        await cancel.graceful(async () =>
          (await import('./commands/report')).reportCommand(file, o, io, cancel.signal),
        ),
      ),
    );

  program
    .command('serve')
    .description(
      'run the pipelines that have a "schedule" (cron, folder and after-pipeline triggers) until stopped; JSON-lines logs on stdout; SIGTERM or SIGINT cancels the runs under way and exits',
    )
    .argument('[paths...]', 'pipeline files or folders holding them (default: this folder)')
    .option(
      '--lock-wait <seconds>',
      'how long an output waits for a target another run is writing (default 600)',
      nonNegativeInt,
    )
    .option('--poll <seconds>', 'seconds between scans of folder triggers (default 2)', positiveInt)
    .action(async (paths: string[], o: ServeOpts) =>
      setCode(
        await cancel.graceful(async () => (await import('./commands/serve')).serveCommand(paths, o, io, cancel.signal)),
      ),
    );

  program
    .command('validate')
    .description('check the pipeline without running it: every problem, by node and param')
    .argument('<file>', 'pipeline file')
    .option('--json', 'print the diagnostics as JSON')
    .action(async (file: string, o: ValidateOpts) =>
      setCode(await (await import('./commands/validate')).validateCommand(file, o, io)),
    );

  program
    .command('schema')
    .description("print a node's output columns and types")
    .argument('<file>', 'pipeline file')
    .argument('<node>', 'node id')
    .option('--json', 'print the columns as JSON')
    .action(async (file: string, node: string, o: SchemaOpts) =>
      setCode(await (await import('./commands/schema')).schemaCommand(file, node, o, io)),
    );

  program
    .command('preview')
    .description("print the first rows of a node's output")
    .argument('<file>', 'pipeline file')
    .argument('<node>', 'node id')
    .option('-n, --limit <n>', 'rows to show (default 20)', positiveInt)
    .option('--offset <n>', 'rows to skip first', nonNegativeInt)
    .option(
      '--sort <column[:desc]>',
      "sort the node's whole output by a column (repeatable), as clicking a preview header does",
      collectSort,
    )
    .option(
      '--filter <column=text>',
      'keep the rows whose column contains text, or compares to it: amount=>10, city==Recife, name==NULL (repeatable; the text is a value, never SQL)',
      collectFilter,
    )
    .option('--json', 'print columns and rows as JSON')
    .action(async (file: string, node: string, o: PreviewOpts) =>
      setCode(await (await import('./commands/preview')).previewCommand(file, node, o, io)),
    );

  program
    .command('profile')
    .description("statistics of every column of a node's whole output: empty values, distinct values, min, max, mean")
    .argument('<file>', 'pipeline file')
    .argument('<node>', 'node id')
    .option('--json', 'print the profile as JSON (with spread and median)')
    .action(async (file: string, node: string, o: ProfileOpts) =>
      setCode(await (await import('./commands/profile')).profileCommand(file, node, o, io)),
    );

  program
    .command('sql')
    .description('print the pipeline as one SQL script for plain DuckDB')
    .argument('<file>', 'pipeline file')
    .option(
      '--target',
      'first print, for each part that runs in its database (PostgreSQL, MySQL), the nodes it covers and the SQL it runs there; then the rest as DuckDB SQL',
    )
    .action(async (file: string, o: SqlOpts) =>
      setCode(await (await import('./commands/sql')).sqlCommand(file, o, io)),
    );

  program
    .command('explain')
    .description(
      'show which nodes run in the database (PostgreSQL, MySQL) and with what SQL, and which run in DuckDB and why',
    )
    .argument('<file>', 'pipeline file')
    .action(async (file: string, o: ExplainOpts) =>
      setCode(await (await import('./commands/explain')).explainCommand(file, o, io)),
    );

  program
    .command('docs')
    .description(
      'print Markdown documentation of the pipeline: its DAG as a Mermaid chart, parameters, and per node its settings, columns and problems',
    )
    .argument('<file>', 'pipeline file')
    .option('-o, --output <file>', 'write the Markdown to this file instead of stdout')
    .action(async (file: string, o: DocsOpts) =>
      setCode(await (await import('./commands/docs')).docsCommand(file, o, io)),
    );

  program
    .command('lineage')
    .description("which sources each output is made from, through which nodes (--json: with every dataset's columns)")
    .argument('<file>', 'pipeline file')
    .option(
      '--columns',
      'column-level lineage: for each output column, the source columns it comes from, through which nodes, and how (identity, transformation, aggregation)',
    )
    .option('--json', 'print datasets (with columns), flows and column lineage as JSON')
    .action(async (file: string, o: LineageOpts) =>
      setCode(await (await import('./commands/lineage')).lineageCommand(file, o, io)),
    );

  program
    .command('sniff')
    .description(
      "detect a CSV file's dialect (delimiter, quote, header line, decimal comma, encoding, date format) as a CSV source with no dialect params reads it",
    )
    .argument('<file>', 'CSV file')
    .option('--json', 'print the detected dialect as JSON')
    .action(async (file: string, o: SniffOpts) =>
      setCode((await import('./commands/sniff')).sniffCommand(file, o, io)),
    );

  program
    .command('export')
    .description(
      'write what an orchestrator needs to run these pipelines with `duto run`: an Airflow or Dagster DAG, a GitHub Actions workflow, a systemd service and timer, or a crontab line (target: airflow, dagster, github-actions, systemd, cron)',
    )
    .argument('<target>', 'airflow | dagster | github-actions | systemd | cron')
    .argument('<files...>', 'pipeline files')
    .addOption(paramOption())
    .option('-o, --output <dir>', 'write the files into this folder (default: print them)')
    .option('--name <name>', "the DAG / job / unit name (default: the first pipeline's folder)")
    .addOption(
      new Option(
        '--deps <how>',
        'lineage: a pipeline waits for those writing files it reads; order: each waits for the one before',
      )
        .choices(['lineage', 'order'])
        .default('lineage'),
    )
    .option('--retries <n>', 'retry a failed pipeline this many times (default 0)', nonNegativeInt)
    .option('--retry-delay <seconds>', 'first delay before a retry, doubling after each (default 60)', positiveInt)
    .option('--schedule <cron>', 'when to run, as five cron fields, e.g. "0 6 * * 1-5"')
    .option('--timezone <zone>', 'time zone of the schedule, e.g. Europe/Lisbon (default UTC)')
    .option('--workdir <dir>', 'the folder jobs run in; pipeline paths are written relative to it (default: this one)')
    .action(async (target: string, files: string[], o: ExportOpts) =>
      setCode(await (await import('./commands/export')).exportCommand(target, files, o, io)),
    );

  program
    .command('history')
    .description(
      "the pipeline's last runs (from the CLI and the app), newest first; --all: every pipeline's runs in one list",
    )
    .argument('[file]', 'pipeline file')
    .option('--all', "every pipeline's runs in one list (status, duration, rows, checks)")
    .option('-n, --limit <n>', 'runs to show (default 20)', positiveInt)
    .option('--json', 'print the runs as JSON, with every node')
    .action(async (file: string | undefined, o: HistoryOpts) =>
      setCode(await (await import('./commands/history')).historyCommand(file, o, io)),
    );

  program
    .command('merge')
    .description('three-way merge of a pipeline file (git merge driver: duto merge %O %A %B); exit 1 lists conflicts')
    .argument('<base>', 'the common ancestor (may be empty)')
    .argument('<ours>', 'our version; the result is written here unless --output is given')
    .argument('<theirs>', 'their version')
    .option('-o, --output <file>', 'write the result here instead of over <ours>')
    .action(async (base: string, ours: string, theirs: string, o: MergeOpts) =>
      setCode(await (await import('./commands/merge')).mergeCommand(base, ours, theirs, o, io)),
    );

  program
    .command('upgrade')
    .description(
      'rewrite pipeline files in the current format (migrations applied, canonical layout); --check only says which would change',
    )
    .argument('<files...>', 'pipeline files')
    .option('--check', 'write nothing; exit 1 when a file would change')
    .action(async (files: string[], o: UpgradeOpts) =>
      setCode(await (await import('./commands/upgrade')).upgradeCommand(files, o, io)),
    );

  program
    .command('trust')
    .description(
      'trust folders or pipeline files, so that they may write, read outside their folder, connect and use secrets (shared with the app); no path: list',
    )
    .argument('[paths...]', 'folders (every pipeline in them) or pipeline files (as they are now)')
    .option('-l, --list', 'list what is trusted')
    .option('--remove', 'forget these paths')
    .action(async (paths: string[], o: TrustOpts) =>
      setCode(await (await import('./commands/trust')).trustCommand(paths, o, io)),
    );

  program
    .command('clean')
    .description(
      'list what killed runs left beside the outputs (temporary files, moved-aside folders) and in database targets (MySQL staging tables; a trusted pipeline only); --remove sweeps them',
    )
    .argument('<file>', 'pipeline file')
    .option('--remove', 'remove them (a moved-aside output whose target is missing is put back)')
    .action(async (file: string, o: CleanOpts) =>
      setCode(await (await import('./commands/clean')).cleanCommand(file, o, io)),
    );

  const cache = program
    .command('cache')
    .description('the node cache: results runs keep and reuse (in the user cache folder, $DUTO_CACHE_DIR overrides)');
  cache
    .command('ls')
    .description('list the cached node results, most recently used first, and their total size')
    .option('--json', 'print the entries as JSON')
    .action(async (o: CacheOpts) => setCode(await (await import('./commands/cache')).cacheLsCommand(o, io)));
  cache
    .command('clear')
    .description('remove every cached node result (runs compute them again)')
    .action(async () => setCode(await (await import('./commands/cache')).cacheClearCommand(io)));

  const engine = program
    .command('engine')
    .description(
      'the resident engine: commands typed in a terminal (run, preview…) run in it, loaded once (DUTO_ENGINE=off|on)',
    );
  engine
    .command('status')
    .description('whether an engine runs for this duto, since when, and how many commands it served')
    .option('--json', 'print the status as JSON')
    .action(async (o: EngineOpts) =>
      setCode(await (await import('./commands/engine')).engineStatusCommand(__filename, o, io)),
    );
  engine
    .command('start')
    .description('start one now (the first command typed in a terminal starts one otherwise)')
    .action(async () =>
      setCode(await (await import('./commands/engine')).engineStartCommand(__filename, process.argv[1] ?? '', io)),
    );
  engine
    .command('stop')
    .description('stop it (it also leaves after 10 minutes without a command)')
    .action(async () => setCode(await (await import('./commands/engine')).engineStopCommand(__filename, io)));
  engine.exitOverride().allowExcessArguments(false);
  for (const c of engine.commands) c.exitOverride().allowExcessArguments(false);

  const state = program
    .command('state')
    .description("a pipeline's incremental state (the watermarks of incremental sources)");
  state
    .command('show')
    .description('print the watermarks of the incremental sources, or what is wrong with a corrupt state file')
    .argument('<file>', 'pipeline file')
    .action(async (file: string) => setCode((await import('./commands/state')).stateShowCommand(file, io)));
  state
    .command('reset')
    .description(
      'forget the watermarks of every incremental source, or of NODE: the next run reads every row (also on a corrupt state file)',
    )
    .argument('<file>', 'pipeline file')
    .argument('[node]', 'node id')
    .action(async (file: string, node: string | undefined) =>
      setCode(await (await import('./commands/state')).stateResetCommand(file, node, io)),
    );
  state.exitOverride().allowExcessArguments(false);
  for (const c of state.commands) c.exitOverride().allowExcessArguments(false);

  const delta = program
    .command('delta')
    .description('Delta Lake tables (a folder with _delta_log): versions, schema, clean-up');
  delta
    .command('history')
    .description(
      'the versions of a Delta table, newest first: operation, files and rows added and removed, when, by which engine',
    )
    .argument('<table>', 'the table folder')
    .option('--json', 'print the versions as JSON')
    .action(async (table: string, o: DeltaOpts) =>
      setCode((await import('./commands/delta')).deltaHistoryCommand(table, o, io)),
    );
  delta
    .command('describe')
    .description("a Delta table's latest version: columns, partitions, protocol, files")
    .argument('<table>', 'the table folder')
    .option('--json', 'print the description as JSON')
    .action(async (table: string, o: DeltaOpts) =>
      setCode(await (await import('./commands/delta')).deltaDescribeCommand(table, o, io)),
    );
  delta
    .command('vacuum')
    .description(
      "delete the data files the latest version no longer uses, once older than the retention (never below the table's own), only inside the table folder",
    )
    .argument('<table>', 'the table folder')
    .option('--retain-hours <hours>', 'keep unused files younger than this (default 168: 7 days)', nonNegativeInt)
    .option('--dry-run', 'list the files without deleting them')
    .option('--json', 'print the result as JSON')
    .action(async (table: string, o: VacuumOpts) =>
      setCode(await (await import('./commands/delta')).deltaVacuumCommand(table, o, io)),
    );
  delta.exitOverride().allowExcessArguments(false);
  for (const c of delta.commands) c.exitOverride().allowExcessArguments(false);

  // Every command that opens the pipeline takes its parameters, connections and engine limits,
  // and its sessions share the redactor its output goes through and the engine's caches.
  // The engine is loaded by the commands that use it, not by `--help` or `merge` (issue #12: fast starts).
  let caches: EngineCaches | undefined;
  for (const c of program.commands) {
    if (SESSION_COMMANDS.has(c.name())) {
      for (const o of [
        paramOption(),
        connectionsOption(),
        memoryLimitOption(),
        spillLimitOption(),
        threadsOption(),
        timeoutOption(),
        trustOption(),
      ])
        c.addOption(o);
      c.hook('preAction', async (command) => {
        if (caches === undefined) {
          const [{ engineCaches }, { nodeCacheDir }] = await Promise.all([
            import('../engine/session/engine-caches'),
            import('../engine/node-cache/cache-store'),
          ]);
          // Sniffed CSV descriptions are kept with the node cache, unless this run keeps nothing.
          caches = engineCaches(command.getOptionValue('cache') === false ? undefined : join(nodeCacheDir(), 'pins'));
        }
        command.setOptionValue('redactor', redactor);
        command.setOptionValue('caches', caches);
      });
    }
    c.exitOverride().allowExcessArguments(false);
  }
  localizeHelp(program, cliLocale());
  return program;
}
