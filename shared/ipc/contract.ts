import { z } from 'zod';
import { connectionNameSchema } from '../connections/connection';
import { isAbsolutePath } from '../paths';
import {
  listConnectionsResultSchema,
  saveConnectionRequestSchema,
  saveConnectionResultSchema,
  secretStorageSchema,
  testConnectionRequestSchema,
  testConnectionResultSchema,
} from './connection-ops';
import {
  chartResultSchema,
  chartSpecSchema,
  columnLineageSchema,
  deltaVersionsSchema,
  modelCardSchema,
  diagnosticSchema,
  previewResultSchema,
  previewViewSchema,
  profileResultSchema,
  progressEventSchema,
  runRecordSchema,
  runResultSchema,
  validateResultSchema,
} from './results';
import { functionCatalogSchema } from './function-ops';
import { schedulesStatusSchema } from './schedule-ops';
import {
  deleteSecretRequestSchema,
  listSecretsResultSchema,
  saveSecretRequestSchema,
  saveSecretResultSchema,
} from './secret-ops';

/**
 * The one API between the renderer and everything that touches files,
 * databases or DuckDB. Each operation is a namespaced verb with a request
 * and a response schema; the Electron preload, the main-process handlers,
 * the browser shell's HTTP routes and the renderer's client are all derived
 * from this table, and both ends validate what crosses.
 */

const params = z.record(z.string().max(200), z.string().max(100_000)).default({});
const id = z.string().min(1).max(100);
const path = z.string().min(1).max(4096);
/** A pipeline file named by main (a recent file, one the OS asked to open): absolute, as the host requires. */
const filePath = path.refine(isAbsolutePath, 'expected an absolute path');

/** An unsaved pipeline's own run history, until it has a file (the app makes one per new pipeline). */
const historyKey = z.string().regex(/^[a-z0-9]{6,40}$/, 'expected a history key');

/** The pipeline as the renderer has it; the host validates it as a document. */
const pipeline = z.object({
  document: z.unknown(),
  /** Folder relative paths resolve against: the file's folder, or the working folder for unsaved pipelines. */
  baseDir: path,
  params,
  /**
   * An unsaved document that came from elsewhere (imported, pasted, recovered
   * from one that was): restricted until the user trusts it. A saved one's
   * trust is the host's to decide, from the file (ARCHITECTURE.md, wall 5: trust).
   */
  imported: z.boolean().optional(),
  /** The saved pipeline file, when there is one: incremental sources keep their watermarks beside it. */
  file: path.optional(),
  /** Unsaved: where its runs are kept (pipeline.history with this key lists them). */
  historyKey: historyKey.optional(),
});

function op<Req extends z.ZodType, Res extends z.ZodType>(request: Req, response: Res) {
  return { request, response };
}

export const operations = {
  'app.info': op(
    z.object({}),
    z.object({
      shell: z.enum(['electron', 'web']),
      version: z.string(),
      platform: z.string(),
      /** Where new, unsaved pipelines resolve relative paths. */
      workDir: z.string(),
      examplesDir: z.string().nullable(),
    }),
  ),
  /**
   * Pipeline files the OS asked Duto to open (double-click, command line, a
   * second launch) before the renderer listened, taken once: the renderer
   * asks right after subscribing to `menu.command`, and later requests
   * arrive as `file.openPath` commands.
   */
  'app.pendingOpens': op(z.object({}), z.object({ paths: z.array(filePath) })),
  /**
   * Diagnostics and every node's schema, after each (debounced) edit.
   * `requestId`: a check superseded by a newer edit can be cancelled (and every check stops after a time limit).
   */
  'pipeline.check': op(pipeline.extend({ requestId: id.optional() }), validateResultSchema),
  'pipeline.preview': op(
    pipeline.extend({
      nodeId: id,
      limit: z.number().int().min(1).max(10_000),
      offset: z.number().int().min(0).default(0),
      requestId: id,
      view: previewViewSchema.optional(),
    }),
    previewResultSchema,
  ),
  /** The versions of a Delta source's table (its history), for the inspector to pick one. */
  'pipeline.deltaVersions': op(pipeline.extend({ nodeId: id }), deltaVersionsSchema),
  /** The model card of an ml.train or ml.score node: its model file's evaluation, or why there is none yet. */
  'pipeline.modelCard': op(pipeline.extend({ nodeId: id }), modelCardSchema),
  /** Statistics of every column of a node's whole output; cancellable by its requestId. */
  'pipeline.profile': op(pipeline.extend({ nodeId: id, requestId: id }), profileResultSchema),
  /** A chart of a node's whole output (the Chart view): DuckDB aggregates, bins or samples, at most 5,000 points come back; cancellable by its requestId. */
  'pipeline.chart': op(pipeline.extend({ nodeId: id, requestId: id, spec: chartSpecSchema }), chartResultSchema),
  /** The page a report node (sink.report) would write, built now in the app's language and written nowhere (its preview); cancellable by its requestId. */
  'pipeline.report': op(
    pipeline.extend({ nodeId: id, requestId: id, locale: z.enum(['en', 'pt-BR']) }),
    z.object({ html: z.string() }),
  ),
  /**
   * Runs the pipeline; progress arrives as `pipeline.progress` events with the same runId.
   * `force`: write every sink, even those whose target is up to date; `fullRefresh`: incremental sources read every row (`duto run --full-refresh`).
   */
  'pipeline.run': op(
    pipeline.extend({
      until: id.optional(),
      runId: id,
      force: z.boolean().optional(),
      fullRefresh: z.boolean().optional(),
      locale: z.enum(['en', 'pt-BR']).optional(),
    }),
    runResultSchema,
  ),
  /** Cancels a preview or a run by its id. */
  'pipeline.cancel': op(z.object({ requestId: id }), z.object({ cancelled: z.boolean() })),
  'pipeline.sql': op(pipeline, z.object({ sql: z.string() })),
  /** Column-level lineage: every node's columns' inputs and every output column's sources (what `duto lineage --columns` prints). */
  'pipeline.columnLineage': op(pipeline, columnLineageSchema),
  /** The pipeline's documentation as Markdown (what `duto docs` prints). */
  'pipeline.docs': op(pipeline, z.object({ markdown: z.string() })),
  /** The runs of a saved pipeline on record (app and CLI), newest first. */
  /** A saved pipeline's runs by its file (with its history key: the runs it had while unsaved move to the file's), an unsaved one's by its key. */
  'pipeline.history': op(
    z.object({ file: path.optional(), historyKey: historyKey.optional() }),
    z.object({ runs: z.array(runRecordSchema) }),
  ),
  /** Every pipeline's runs on record (what `duto history --all` lists), newest first: the Operations view. */
  'history.all': op(
    z.object({ limit: z.number().int().min(1).max(5000).default(1000) }),
    z.object({ runs: z.array(runRecordSchema), skipped: z.number() }),
  ),
  /** The app's scheduler: the scheduled pipelines it knows (recent files), their triggers, next and last runs. */
  'schedules.status': op(z.object({}), schedulesStatusSchema),
  /** Turns the app's scheduler on or off (kept in the user's settings; off until the user turns it on). */
  'schedules.setEnabled': op(z.object({ enabled: z.boolean() }), schedulesStatusSchema),
  /** The functions an expression can call, from the engine's own catalog (completion, signature help, the function browser). */
  'engine.functions': op(z.object({}), functionCatalogSchema),
  'file.read': op(z.object({ path }), z.object({ path, text: z.string() })),
  /** Writes atomically (temp file, fsync, rename). */
  'file.write': op(z.object({ path, text: z.string().max(50_000_000) }), z.object({ path })),
  /** A native open dialog where there is one; null when cancelled or unavailable (the renderer then asks for a path). */
  'file.openDialog': op(z.object({ title: z.string().max(200).optional() }), z.object({ path: path.nullable() })),
  'file.saveDialog': op(z.object({ suggestedName: z.string().max(255) }), z.object({ path: path.nullable() })),
  'file.list': op(
    z.object({ dir: path }),
    z.object({
      dir: path,
      parent: path.nullable(),
      entries: z.array(
        z.object({ name: z.string(), kind: z.enum(['file', 'dir']), size: z.number(), modifiedMs: z.number() }),
      ),
    }),
  ),
  'recent.list': op(z.object({}), z.object({ paths: z.array(path) })),
  'recent.add': op(z.object({ path }), z.object({ paths: z.array(path) })),
  /** Crash recovery: the open pipeline is backed up (debounced) while it has unsaved changes. */
  'backup.write': op(z.object({ key: id, path: path.nullable(), text: z.string().max(50_000_000) }), z.object({})),
  'backup.list': op(
    z.object({}),
    z.object({ backups: z.array(z.object({ key: id, path: path.nullable(), savedAt: z.number(), text: z.string() })) }),
  ),
  'backup.clear': op(z.object({ key: id }), z.object({})),
  /** Named database connections: definitions in the user's connections file, passwords in the keychain (or memory, in the browser shell). */
  'connections.list': op(z.object({}), listConnectionsResultSchema),
  /** Creates or edits (renames with `previousName`) a connection; the password only ever travels this way. */
  'connections.save': op(saveConnectionRequestSchema, saveConnectionResultSchema),
  /** Removes the definition and its stored password. */
  'connections.delete': op(z.object({ name: connectionNameSchema }), z.object({ deleted: z.boolean() })),
  /** Connects and runs `SELECT 1`. */
  'connections.test': op(testConnectionRequestSchema, testConnectionResultSchema),
  'connections.storage': op(z.object({}), secretStorageSchema),
  /**
   * Trusts a pipeline (ARCHITECTURE.md, wall 5): a saved file as it is on disk now, or
   * its whole folder. Unsaved imported documents are trusted by the renderer
   * dropping `imported`; saving a trusted document trusts the saved file.
   */
  'trust.grant': op(z.object({ file: path, scope: z.enum(['file', 'folder']) }), z.object({ trusted: z.string() })),
  /** Named secrets for `${secret:NAME}` references (HTTP headers and query values), stored like passwords. */
  'secrets.list': op(z.object({}), listSecretsResultSchema),
  /** Stores (or replaces) a secret's value; the value only ever travels this way. */
  'secrets.save': op(saveSecretRequestSchema, saveSecretResultSchema),
  'secrets.delete': op(deleteSecretRequestSchema, z.object({ deleted: z.boolean() })),
} as const;

/** What the native menus, and the OS opening a pipeline with Duto (Electron shell), ask the renderer to do. */
export const menuCommands = [
  'file.new',
  'file.open',
  'file.openRecent',
  'file.openPath',
  'file.save',
  'file.saveAs',
  'file.export',
  'file.exportDocs',
  'edit.undo',
  'edit.redo',
  'view.zoomToFit',
  'view.toggleTheme',
  'help.about',
] as const;
export type MenuCommand = (typeof menuCommands)[number];
/** The commands that name a pipeline file, and only these, carry its path. */
export const pathCommands = ['file.openRecent', 'file.openPath'] as const satisfies readonly MenuCommand[];

export const events = {
  'pipeline.progress': z.object({ runId: id, event: progressEventSchema }),
  /** The engine process died and was restarted; the renderer re-checks its pipeline. */
  'engine.restarted': z.object({ reason: z.string() }),
  /** A native menu item was chosen, or the OS asked to open a file (`file.openPath`); path commands carry their path. */
  'menu.command': z.union([
    z.object({ command: z.enum(pathCommands), path: filePath }),
    z.object({ command: z.enum(menuCommands).exclude([...pathCommands]) }),
  ]),
} as const;

export type Operations = typeof operations;
export type OperationName = keyof Operations;
export type Request<K extends OperationName> = z.input<Operations[K]['request']>;
export type Response<K extends OperationName> = z.output<Operations[K]['response']>;
/** A request after validation (defaults filled in): what handlers receive. */
export type ParsedRequest<K extends OperationName> = z.output<Operations[K]['request']>;
export type EventName = keyof typeof events;
export type EventPayload<K extends EventName> = z.output<(typeof events)[K]>;

/**
 * The same tables seen as mapped types over the names, so that
 * `operationSchemas[name]` keeps its tie to a generic name `K` (TypeScript
 * widens `operations[name]` to the union of every operation's schemas).
 * @alias (knip: the same tables on purpose, not a duplicate export)
 */
export const operationSchemas: {
  [K in OperationName]: { request: z.ZodType<ParsedRequest<K>>; response: z.ZodType<Response<K>> };
} = operations;
/** @alias (as operationSchemas) */
export const eventSchemas: { [E in EventName]: z.ZodType<EventPayload<E>> } = events;

/** Typed lists of the names, for the code that is generated from the table (preload, handlers, client). */
export const operationNames: readonly OperationName[] = keysOf(operations);
export const eventNames: readonly EventName[] = keysOf(events);

export function isOperationName(name: string): name is OperationName {
  return Object.hasOwn(operations, name);
}

export function isEventName(name: string): name is EventName {
  return Object.hasOwn(events, name);
}

function keysOf<T extends object>(o: T): Array<keyof T & string> {
  const out: Array<keyof T & string> = [];
  for (const k in o) if (Object.hasOwn(o, k)) out.push(k);
  return out;
}

/** Errors cross as data, never as stack traces. */
export const ipcErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  nodeId: z.string().optional(),
  diagnostics: z.array(diagnosticSchema).optional(),
});
export type IpcError = z.infer<typeof ipcErrorSchema>;

export type Reply<K extends OperationName> = { ok: true; value: Response<K> } | { ok: false; error: IpcError };

/** A reply's two shapes as they arrive, before the value is checked against its operation's response. */
export const failedReplySchema = z.object({ ok: z.literal(false), error: ipcErrorSchema });
export const succeededReplySchema = z.object({ ok: z.literal(true), value: z.unknown() });

/** The API the renderer sees: one method per operation, plus event subscription. */
export type DutoApi = {
  [K in OperationName]: (request: Request<K>) => Promise<Reply<K>>;
} & {
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
};
