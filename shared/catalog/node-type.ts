import type { ScoringModel } from '../ml/scoring-model';
import { z } from 'zod';
import type { Diagnostic } from '../diagnostics';
import type { JsonValue } from '../format/json';
import { checkMigrations, type NodeMigration } from './node-migrations';
import type { DeltaSinkSpec, DeltaTableRead, DeltaVersionChoice } from './delta-table';

/**
 * The contract every node type fulfils. One file per node type under
 * shared/catalog/nodes/ defines one of these with {@link defineNode}.
 */

export type Category = 'source' | 'transform' | 'quality' | 'sink';

export interface PortSpec {
  name: string;
  label: string;
  /** Accepts several upstream outputs (union, custom SQL). */
  multi?: boolean;
  /** May be left unconnected. */
  optional?: boolean;
}

/** A column as DuckDB describes it. */
export interface Column {
  name: string;
  type: string;
}

/** One upstream relation feeding a port. */
export interface InputRelation {
  /** The upstream reference as written in the document (`orders`, `check.rejected`). */
  ref: string;
  nodeId: string;
  /** SQL naming the upstream relation (a quoted view name). */
  sql: string;
  /** The upstream output columns, when known. */
  schema: readonly Column[] | undefined;
}

/** A file or folder a node reads; the engine's sandbox allows exactly these. */
export interface FileRead {
  /** Absolute path of a file, or of a folder for globs and folders. */
  path: string;
  kind: 'file' | 'dir';
}

/** Checks DuckDB does not make itself, run by the engine before reading. */
export type FileCheck =
  /** DuckDB reads a truncated JSON array without error and crashes on deep nesting: the engine checks each file is RFC 8259 JSON first. */
  | {
      kind: 'json-valid';
      pattern: string;
      format: 'array' | 'newline_delimited' | 'auto';
      param: string;
      /** The read uses its files' paths (a file-name column, key=value folders): it cannot read a normalised copy. */
      pathsMatter: boolean;
    }
  /** An auto-detected CSV dialect that yields one column while the header holds delimiters is suspect. */
  | { kind: 'csv-plausible'; pattern: string; param: string };

export type SinkFormat = 'csv' | 'parquet' | 'json';

export interface SinkSpec {
  format: SinkFormat;
  /** Absolute target path: a file, or a folder for partitioned output. */
  path: string;
  /** COPY options without parentheses, e.g. `FORMAT parquet, COMPRESSION zstd`. */
  options: string;
  /** Target is a folder (Hive-partitioned output). */
  directory: boolean;
  mode: 'overwrite' | 'fail';
  /** SQL naming the relation to write. */
  input: string;
}

/**
 * A static HTML report (sink.report): written by the engine after the run's
 * other outputs, from the nodes it names (their saved charts, first rows,
 * profiles), the data checks and the run itself.
 */
export interface ReportSinkSpec {
  /** Absolute path of the HTML file. */
  path: string;
  mode: 'overwrite' | 'fail';
  title: string;
  /** Nodes whose saved charts are drawn, in this order. */
  charts: string[];
  /** Nodes whose first `tableRows` rows are shown. */
  tables: string[];
  tableRows: number;
  /** Nodes whose columns are profiled. */
  profiles: string[];
  /** Show the data checks' results. */
  checks: boolean;
  /** Show what the run did. */
  summary: boolean;
}

/**
 * Plain data configuring a connector (a table and columns to read, a target
 * table and a write mode…). The connector validates it with its own schema;
 * it never holds a secret (connections are referenced by name).
 */
export type ExternalConfig = { readonly [key: string]: JsonValue };

/** A named connection a node uses, and the param that names it (for errors). */
export interface ConnectionRef {
  name: string;
  param: string;
}

/**
 * A source DuckDB cannot read itself (a database, a workbook, an HTTP API).
 * The engine's connector of this `kind` reads it into a DuckDB table, and the
 * node's view reads that table (see electron/engine/external/README.md).
 */
export interface ExternalSourceSpec {
  /** Connector kind: `postgres`, `mysql`, `sqlite`, `excel`, `http`… */
  kind: string;
  config: ExternalConfig;
  connection?: ConnectionRef;
  /** Read only rows whose `column` is above the last successful run's maximum. */
  incremental?: { column: string; kind: 'timestamp' | 'id'; param: string };
  /** The param blamed for errors about what is read (the table, query or path). */
  param: string;
  /** What is read, for messages and `duto sql`: `warehouse: public.orders`. */
  describe: string;
  /** The address fetched over the network, when the connector fetches one (for the trust check, ARCHITECTURE.md wall 5). */
  url?: string;
  /** Where the connector writes the rows it sets aside (a table of the external catalog), and their columns. */
  rejected?: { table: string; columns: readonly Column[] };
}

/** A sink that is not a file DuckDB writes: the connector of this `kind` writes the input's rows. */
export interface ExternalSinkSpec {
  kind: string;
  config: ExternalConfig;
  connection?: ConnectionRef;
  /** SQL naming the relation to write (the first, when there are several). */
  input: string;
  /**
   * Only for a sink writing several inputs (an Excel workbook's sheets): each
   * input, in order, with the name it is written under. Absent for one input.
   */
  inputs?: Array<{ name: string; sql: string }>;
  /** The param blamed for errors about the target. */
  param: string;
  /** The target, for messages and `duto sql`: `warehouse: public.orders`. */
  describe: string;
  /** The absolute path of the file written, when the target is a file (a workbook, a SQLite database). */
  file?: string;
}

/**
 * What a source learned by sniffing its file once (columns with types, date
 * formats). Compiled again with it, the source reads without re-sniffing:
 * every later bind, preview and run of a big file skips the detection.
 */
export interface PinnedSource {
  columns: Column[];
  dateFormat: string | null;
  timestampFormat: string | null;
  /**
   * Every column's name, in order, when some quoted header name keeps spaces
   * DuckDB's reader trims (see Compiled.headerRow): views read with these.
   */
  headerNames?: string[];
  /** Read with these columns always: DuckDB's own detection failed on the file, or would change values (csv-typing.ts). */
  keep?: boolean;
}

/** How the engine reads a CSV file as text to type its columns itself (electron/engine/files/csv-typing.ts). */
export interface CsvTyping {
  file: string;
  /** read_csv's dialect arguments (delimiter, quote, header, skip, encoding…), as SQL. */
  dialectArgs: string;
  header: boolean;
  delimiter: string;
  quote: string;
  escape: string;
  /** Lines before the header, comment lines not counted. */
  skip: number;
  /** '' or the character that starts a comment line. */
  comment: string;
  encoding: 'utf-8' | 'utf-16' | 'latin-1';
  decimal: '.' | ',';
  thousands: string;
  dateFormat: string | null;
  timestampFormat: string | null;
  /** Types the user gave (columnTypes), by column name; `*` for every column (read every column as text). */
  overrides: Record<string, string>;
}

/** Where a CSV source's header row is and how to split it, for names DuckDB would trim. */
export interface HeaderRow {
  path: string;
  delimiter: string;
  quote: string;
  escape: string;
  /** Lines before the header, comment lines not counted (as DuckDB's skip counts them). */
  skip: number;
  /** '' or the character that starts a comment line (skipped wherever it is). */
  comment: string;
}

export interface NodeIssue {
  message: string;
  param?: string;
  severity?: 'error' | 'warning';
  /** The engine's own diagnostic this issue passes on (a Delta log's refusal): reported with its code and arguments, so it reads in the user's language. */
  cause?: Diagnostic;
}

/**
 * A quality node's expectations, evaluated by the engine over the node's
 * own (pass-through) view when a run reaches it, before any sink is written.
 */
export interface QualitySpec {
  checks: QualityCheck[];
  /** 0: no bound. */
  minRows: number;
  maxRows: number;
  /** What a failed row count does (each check has its own action). */
  onFailure: 'fail' | 'warn';
  /** All the rows that come in (the node's output holds only those no routed check sets aside). */
  rows: string;
}

export interface QualityCheck {
  /** The param to blame, e.g. `checks[2].values`. */
  param: string;
  /** What is expected, in words: `status is one of paid, refunded`. */
  description: string;
  /** Rows that break it: a predicate (true for a bad row), or duplicated groups of these columns. */
  test: { kind: 'rows'; predicate: string } | { kind: 'unique'; columns: string[] };
  /** SQL over the row (alias `r`) of what to show of a bad one in the message (the column, or the row); '' for none. */
  show: string;
  /** Stop the run, warn, or set the failing rows aside on the `failed` port. */
  action: 'fail' | 'warn' | 'route';
}

/** What a node compiles to: a view body, or a sink, plus what the engine must allow and check. */
export interface Compiled {
  /** The SELECT that defines the node's output view (absent for sinks). */
  sql?: string;
  sink?: SinkSpec;
  /** A source read by a connector (no `sql`: the engine makes the view over what it reads). */
  externalSource?: ExternalSourceSpec;
  /** A sink written by a connector. */
  externalSink?: ExternalSinkSpec;
  /** A Delta table written by the engine's Delta writer (a new commit in the table's log). */
  deltaSink?: DeltaSinkSpec;
  /** The Delta table and version a source reads (for lineage: the table, not its files). */
  deltaSource?: { table: string; version: number };
  /** A report written by the engine (sink.report). */
  report?: ReportSinkSpec;
  reads?: FileRead[];
  checks?: FileCheck[];
  /** Problems found while compiling; any error means no view. */
  issues?: NodeIssue[];
  /**
   * A query returning one row (Columns, DateFormat, TimestampFormat) that pins
   * this source; the engine runs it once per file version and compiles the
   * node again with `ctx.pinned`.
   */
  pin?: string;
  /** With `pin`: the header row, read by the engine for names DuckDB would trim. */
  headerRow?: HeaderRow;
  /** A quality node's expectations (its `sql` passes the rows through). */
  quality?: QualitySpec;
  /** The SELECT of each other output port (`rejected`…): downstream nodes read `node.port`. */
  ports?: Record<string, string>;
  /** Bad rows set aside by the read (see RejectsSpec). */
  rejects?: RejectsSpec;
  /** With `pin`: read with the pinned columns always (a file with bad rows cannot be detected again at each read). */
  keepPinned?: boolean;
  /** With `pin`: how the engine types the columns itself. */
  typing?: CsvTyping;
  /** Params the engine detected because they were left out (a CSV dialect), to be written into the node by the app. */
  detected?: { params: Record<string, string | number | boolean>; description: string };
}

/** A CSV file's dialect as the engine detects it from a sample of the file (electron/engine/csv-dialect/). */
export interface CsvDialectGuess {
  encoding: 'utf-8' | 'utf-16' | 'latin-1';
  delimiter: string;
  /** '' when fields are never quoted. */
  quote: string;
  escape: string;
  header: boolean;
  /** Lines before the header (or the first row): titles, notes, blank lines. */
  skipRows: number;
  decimal: '.' | ',';
  thousands: '' | '.' | ',' | ' ';
  dateFormat: string | null;
  timestampFormat: string | null;
  /** '' or the character that starts a comment line. */
  comment: string;
  /** What looks implausible about the result: a warning on the node, never silence. */
  warnings: string[];
  /** In plain words: "semicolon-separated, decimal comma, Latin-1, header on line 3". */
  description: string;
}

/** What a source does with its bad rows, and its limits (see RejectsSpec). */
interface RejectsPolicy {
  policy: 'quarantine' | 'skip';
  /** The run fails when more rows than this are rejected (0: no limit). */
  maxRows: number;
  /** … or more than this share of the rows read, in percent (0: no limit). */
  maxPercent: number;
}

/**
 * The bad rows a source sets aside, and what the engine does with them: a
 * CSV source's are kept by DuckDB (store_rejects), a connector's (Excel) are
 * written by the connector into a table of the external catalog.
 */
export type RejectsSpec = RejectsPolicy &
  (
    | {
        from: 'csv';
        /** DuckDB's temporary tables of rejected lines and of scans (per connection). */
        table: string;
        scan: string;
        /** The table the node's `rejected` port reads, filled by the engine (quarantine only). */
        rejectedTable?: string;
      }
    | {
        from: 'connector';
        /** The table (in the external catalog) the connector fills with one row per rejected row; its `rejected` port reads it. */
        table: string;
      }
  );

/** What is at a path: `other` is anything but a regular file or folder (a pipe, a device, a socket). */
export type PathKind = 'file' | 'dir' | 'missing' | 'other';

/** What a glob matches: its regular files, sorted, or why it cannot be read. */
export type GlobResult = { files: string[] } | { problem: string };

/** Port name → the relations connected to it, in document order, as the compiler hands them over. */
export type Inputs = Readonly<Record<string, readonly InputRelation[]>>;

/** The relations on one declared port: a required one has at least one (see `defineNode`). */
export type PortRelations<P extends PortSpec> = P extends { optional: true }
  ? readonly InputRelation[]
  : readonly [InputRelation, ...InputRelation[]];

/** `ctx.inputs` typed by a node's declared input ports: `ctx.inputs.in[0]` is there on a required port. */
export type InputsOf<I extends readonly PortSpec[]> = { readonly [P in I[number] as P['name']]: PortRelations<P> };

/** The inputs of a node with one required `in` port (what the sink helpers take). */
export type OneInput = InputsOf<readonly [{ name: 'in'; label: string }]>;

export interface CompileContext<P, In = Inputs> {
  nodeId: string;
  params: P;
  /** Port name → the relations connected to it, in document order. */
  inputs: In;
  /** Makes a path from the document absolute (relative to the pipeline's folder). */
  resolvePath(path: string): string;
  /** What is at an absolute path, as the engine sees it. */
  statPath(path: string): PathKind;
  /** The files an absolute glob matches, as the engine sees them (it allows a reader exactly these). */
  glob(pattern: string): GlobResult;
  /**
   * A CSV file's detected dialect, when the engine can detect one (absent in pure compiles: sources then assume RFC 4180).
   * `undefined`: not to be detected here (a file a restricted pipeline may not read: the trust check says why).
   */
  csvDialect?(path: string): CsvDialectGuess | { problem: string } | undefined;
  /** This source's pinned description, when the engine has one (see Compiled.pin). */
  pinned?: PinnedSource;
  /**
   * A model file read and checked by the engine (size-capped, parsed with SCORING_MODEL), for ml.score.
   * Absent in pure compiles; `undefined`: not to be read here (outside a restricted pipeline's folder).
   */
  readModel?(path: string): { model: ScoringModel } | { problem: string } | undefined;
  /**
   * A Delta table's version as the engine read it before compiling (delta-table.ts), for source.delta.
   * Absent in pure compiles; `undefined`: not read here (outside a restricted pipeline's folder).
   */
  readDelta?(
    table: string,
    choice: DeltaVersionChoice,
  ): { read: DeltaTableRead } | { problem: string; cause?: Diagnostic } | undefined;
}

type ParamShape = Record<string, z.ZodType>;

export interface NodeDefinition<S extends ParamShape, I extends readonly PortSpec[]> {
  type: string;
  /** Bumped when the params change meaning or name; a node saved at an older version is migrated on load. */
  version: number;
  /** One step per version, from 1 up to `version` (see node-migrations.ts). */
  migrations?: readonly NodeMigration[];
  category: Category;
  label: string;
  description: string;
  /** Words the palette search also matches. */
  keywords?: readonly string[];
  inputs: I;
  outputs: readonly PortSpec[];
  params: S;
  /** Called only when every required input is connected. */
  compile(ctx: CompileContext<z.output<z.ZodObject<S>>, InputsOf<I>>): Compiled;
}

export type ParseParamsResult =
  | {
      ok: true;
      params: Readonly<Record<string, unknown>>;
      compile: (ctx: Omit<CompileContext<unknown>, 'params'>) => Compiled;
    }
  | { ok: false; issues: Array<{ param: string; message: string }> };

/** A node type with its param types erased, as the registry and the compiler see it. */
export interface NodeType {
  type: string;
  version: number;
  migrations: readonly NodeMigration[];
  category: Category;
  label: string;
  description: string;
  keywords: readonly string[];
  inputs: readonly PortSpec[];
  outputs: readonly PortSpec[];
  /** Param name → schema (with UI metadata from paramMeta()), in form order. */
  params: Readonly<Record<string, z.ZodType>>;
  /** Validates raw params; on success returns the node's typed compile bound to them. */
  parseParams(raw: unknown): ParseParamsResult;
}

export function defineNode<S extends ParamShape, const I extends readonly PortSpec[]>(
  def: NodeDefinition<S, I>,
): NodeType {
  const schema = z.strictObject(def.params);
  const migrations = def.migrations ?? [];
  checkMigrations({ type: def.type, version: def.version, migrations });
  return {
    type: def.type,
    version: def.version,
    migrations,
    category: def.category,
    label: def.label,
    description: def.description,
    keywords: def.keywords ?? [],
    inputs: def.inputs,
    outputs: def.outputs,
    params: def.params,
    parseParams(raw) {
      // The input goes into each issue (zod leaves it out by default): a value of the wrong type is not "required".
      const parsed = schema.safeParse(raw ?? {}, { reportInput: true });
      if (!parsed.success) {
        return {
          ok: false,
          issues: parsed.error.issues.map((i) => ({ param: i.path.map(String).join('.'), message: issueMessage(i) })),
        };
      }
      const params = parsed.data;
      return {
        ok: true,
        params,
        compile: (ctx) => {
          // The compiler does not compile a node with a required input missing (analyze.ts); this check only types the ports.
          const inputs: Inputs = Object.fromEntries(def.inputs.map((port) => [port.name, ctx.inputs[port.name] ?? []]));
          if (!connected(inputs, def.inputs)) {
            return {
              issues: def.inputs
                .filter((port) => port.optional !== true && inputs[port.name]?.length === 0)
                .map((port) => ({ message: `input "${port.label}" is not connected` })),
            };
          }
          return def.compile({ ...ctx, inputs, params });
        },
      };
    },
  };
}

function connected<I extends readonly PortSpec[]>(inputs: Inputs, ports: I): inputs is Inputs & InputsOf<I> {
  return ports.every((port) => port.optional === true || (inputs[port.name]?.length ?? 0) > 0);
}

function issueMessage(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys')
    return `unknown param${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  if (issue.code === 'invalid_value' && 'values' in issue)
    return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
  if (issue.code === 'invalid_type')
    return issue.input === undefined ? 'required' : issue.message.replace(/^Invalid input: /, '');
  return issue.message;
}
