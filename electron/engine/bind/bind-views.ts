import type { DuckDBConnection } from '@duckdb/node-api';
import type { Column } from '../../../shared/catalog/node-type';
import { paramMeta } from '../../../shared/catalog/params';
import { userSqlTexts, type UserSqlText } from '../../../shared/catalog/user-sql-params';
import { compilableNodes, compileNode, failedByAnalysis, viewName } from '../../../shared/compiler/compile';
import type { Analysis, PlanStep } from '../../../shared/compiler/plan';
import { DutoError, error, hasErrors, warning, type Diagnostic } from '../../../shared/diagnostics';
import { refNode } from '../../../shared/format/document';
import { ident } from '../../../shared/sql/quote';
import { savedChartWarnings } from '../../../shared/charts/saved-chart-check';
import { describe, knownNames } from './describe-view';
import { diagnoseDuckDBError, isTooDeep, type ErrorContext } from '../duck/duckdb-errors';
import { csvLooksWrong } from '../files/file-checks';
import { adjustJsonView, jsonCheckOf, jsonFileProblems, readLastWins } from '../json-check/json-source';
import { pathParam } from './plan-access';
import type { ExternalNodes } from '../external/external-nodes';
import type { SourcePins } from './source-pins';
import { checkUserSqlAll } from '../walls/user-sql';
import { runOne } from '../walls/one-statement';
import { createRejectedTable } from '../run/rejects';
import { inactivePortReads } from './inactive-ports';
import { CUT_DEPTH, RUN_DEPTH, cutView, viewDepth, type Cut } from './deep-chains';

/**
 * Compiles the pipeline node by node in DuckDB: each node's view is created
 * and described (which binds without executing) so its columns feed the
 * compile of the nodes downstream. A node that fails gets a diagnostic;
 * nodes downstream of it are skipped, not reported again.
 */

export interface BoundPlan {
  /** Compiled steps in execution order. */
  steps: PlanStep[];
  stepById: Map<string, PlanStep>;
  /** Output columns of every node that binds (a sink: the columns it writes). */
  schemas: Map<string, Column[]>;
  /** Nodes with errors, or downstream of one. */
  failed: Set<string>;
  diagnostics: Diagnostic[];
  /** Where long chains are cut (deep-chains.ts): filled, in this order, before a read below them. */
  cuts: Cut[];
  /**
   * Sources whose DuckDB view still reads pinned (node id → view name), their
   * steps already holding the detecting SQL: detecting-views.ts puts it in place
   * before a read of them.
   */
  pinnedViews: Map<string, string>;
}

export async function bindViews(
  analysis: Analysis,
  conn: DuckDBConnection,
  /** Sniffed CSV sources, kept across the owner's sessions. */
  pins: SourcePins,
  ownerOfFile: ErrorContext['ownerOfFile'],
  externals?: ExternalNodes,
  signal?: AbortSignal,
  /** A folder DuckDB may read, for normalised copies of JSON files with repeated keys. */
  scratchDir?: string,
): Promise<BoundPlan> {
  const plan: BoundPlan = {
    steps: [],
    stepById: new Map(),
    schemas: new Map(),
    failed: failedByAnalysis(analysis),
    diagnostics: [...analysis.diagnostics],
    cuts: [],
    pinnedViews: new Map(),
  };
  // How deep each node's view nests views while binding, and once its chain's soft cuts are healed (deep-chains.ts).
  const depths = new Map<string, number>();
  const runDepths = new Map<string, number>();
  const cut = async (nodeId: string, hard: boolean, view = plan.stepById.get(nodeId)?.view): Promise<void> => {
    if (view === undefined) return;
    plan.cuts.push(await cutView(conn, nodeId, view, hard));
    depths.set(nodeId, 1);
    if (hard) runDepths.set(nodeId, 1);
  };
  // Sources bound pinned, to be given their detecting form once every view is described.
  const repin: Array<{ id: string; name: string; sql: string; step: PlanStep }> = [];
  // First wall: every node's user SQL is parsed before any view exists, all nodes reported at once.
  for (const d of await refusedUserSql(analysis, conn)) {
    plan.diagnostics.push(d);
    if (d.nodeId !== undefined) plan.failed.add(d.nodeId);
  }

  // The caller (openPipeline) turns this into a cancel or a timeout.
  const cancelled = (): DutoError => new DutoError([error('open.cancelled', {})]);
  for (const id of compilableNodes(analysis, plan.failed)) {
    if (signal?.aborted === true) throw cancelled();
    const inactive = inactivePortReads(analysis, id, plan);
    if (inactive.length > 0) {
      plan.diagnostics.push(...inactive);
      plan.failed.add(id);
      continue;
    }
    let compiled = compileNode(analysis, id, (n) => plan.schemas.get(n));
    const unpinned = compiled.step?.view;
    if (compiled.step?.pin !== undefined && unpinned !== undefined) {
      const pinned = await pins.pin(conn, compiled.step);
      if (pinned !== undefined) {
        compiled = compileNode(analysis, id, (n) => plan.schemas.get(n), pinned);
        // DuckDB's detecting read trims header names: the kept ones are put back by position.
        const sql =
          pinned.headerNames === undefined
            ? unpinned.sql
            : `SELECT * FROM (${unpinned.sql}) AS duto_header(${pinned.headerNames.map(ident).join(', ')})`;
        // Kept pinned when the detecting read would fail (bad rows) or change values (leading zeros…).
        if (compiled.step?.view !== undefined && pinned.keep !== true && compiled.step.keepPinned !== true)
          repin.push({ id, name: unpinned.name, sql, step: compiled.step });
      }
    }
    plan.diagnostics.push(...compiled.diagnostics);
    const step = compiled.step;
    if (step === null) {
      plan.failed.add(id);
      continue;
    }
    if (step.externalSource !== undefined && externals !== undefined) {
      // The connector's columns, and its (empty) table for the view to read.
      try {
        await externals.prepare(conn, id, step.externalSource);
        plan.diagnostics.push(...externals.warnings(id));
      } catch (e) {
        if (!(e instanceof DutoError)) throw e;
        plan.diagnostics.push(...e.diagnostics);
        plan.failed.add(id);
        continue;
      }
    }
    // A JSON file is checked before DuckDB reads it at all (DESCRIBE samples it).
    const jsonCheck = jsonCheckOf(step);
    const jsonProblems = jsonCheck === undefined ? [] : jsonFileProblems(step, jsonCheck);
    if (jsonCheck !== undefined && jsonProblems.length === 0 && step.view !== undefined && scratchDir !== undefined) {
      const lastWins = readLastWins(step, jsonCheck, step.view.sql, scratchDir);
      step.view = { name: step.view.name, sql: lastWins.sql };
      jsonProblems.push(...lastWins.diagnostics);
    }
    plan.diagnostics.push(...jsonProblems);
    if (hasErrors(jsonProblems)) {
      plan.failed.add(id);
      continue;
    }
    if (step.view !== undefined) {
      try {
        const created = step.view;
        const known = knownNames(
          step.upstream.map((u) => plan.schemas.get(u)),
          analysis.nodes.get(id)?.node.params,
        );
        const create = async (): Promise<Column[]> => {
          await runOne(conn, `CREATE OR REPLACE VIEW ${created.name} AS ${created.sql}`);
          return describe(conn, `SELECT * FROM ${created.name}`, known);
        };
        // Nested too deep below a cut (a node that nests more than its inputs): its inputs are cut too.
        let columns = await create().catch(async (e: unknown) => {
          const deep = step.upstream.filter((u) => (depths.get(u) ?? 0) > 1);
          if (!isTooDeep(e) || deep.length === 0) throw e;
          for (const u of deep) await cut(u, true);
          return create();
        });
        if (jsonCheck !== undefined) {
          const view = step.view;
          const rebind = async (sql: string): Promise<Column[]> => {
            step.view = { name: view.name, sql };
            await runOne(conn, `CREATE OR REPLACE VIEW ${view.name} AS ${sql}`);
            return describe(conn, `SELECT * FROM ${view.name}`);
          };
          const adjusted = await adjustJsonView(step, jsonCheck, view.sql, columns, rebind);
          columns = adjusted.columns;
          plan.diagnostics.push(...adjusted.warnings);
        }
        plan.schemas.set(id, columns);
        const node = analysis.nodes.get(id)?.node;
        if (node !== undefined) plan.diagnostics.push(...savedChartWarnings(node, columns));
        // Other output ports (a source's rejected rows): views of their own, read as `node.port`.
        if (step.rejects?.from === 'csv' && step.rejects.rejectedTable !== undefined)
          await createRejectedTable(conn, step.rejects.rejectedTable);
        for (const [port, v] of Object.entries(step.ports ?? {})) {
          await runOne(conn, `CREATE OR REPLACE VIEW ${v.name} AS ${v.sql}`);
          plan.schemas.set(`${id}.${port}`, await describe(conn, `SELECT * FROM ${v.name}`));
        }
        for (const check of step.checks) {
          if (check.kind !== 'csv-plausible') continue;
          const problem = csvLooksWrong(columns);
          if (problem !== null)
            plan.diagnostics.push(warning('source.dialect/one-column', problem, { nodeId: id, param: check.param }));
        }
        depths.set(
          id,
          viewDepth(step.upstream, (u) => depths.get(u)),
        );
        runDepths.set(
          id,
          viewDepth(step.upstream, (u) => runDepths.get(u)),
        );
        if ((depths.get(id) ?? 0) >= CUT_DEPTH) await cut(id, (runDepths.get(id) ?? 0) >= RUN_DEPTH, step.view);
      } catch (e) {
        plan.diagnostics.push(
          await attribute(
            conn,
            analysis,
            id,
            e,
            ownerOfFile,
            step.reads.filter((r) => r.kind === 'file').map((r) => r.path),
          ),
        );
        plan.failed.add(id);
        continue;
      }
    } else if (step.sink !== undefined || step.externalSink !== undefined || step.deltaSink !== undefined) {
      const input = step.upstream[0];
      const cols = input === undefined ? undefined : plan.schemas.get(input);
      if (cols !== undefined) plan.schemas.set(id, cols);
    }
    plan.steps.push(step);
    plan.stepById.set(id, step);
  }
  if (signal?.aborted === true) throw cancelled();
  // Pinned sources make binding cheap (no re-sniffing per DESCRIBE), but DuckDB
  // plans reads of a pinned file worse (measured: a join preview 3× slower, a run
  // 20% slower with twice the memory), so previews and runs read unpinned: the
  // steps say so now (fingerprints, `duto sql`), DuckDB's views when read (detecting-views.ts).
  for (const r of repin) {
    if (r.step.view === undefined || plan.stepById.get(r.id) !== r.step) continue;
    r.step.view = { name: r.name, sql: r.sql };
    plan.pinnedViews.set(r.id, r.name);
  }
  return plan;
}

/** Diagnostics for every piece of user SQL that is not what its param says (walls/user-sql.ts). */
async function refusedUserSql(analysis: Analysis, conn: DuckDBConnection): Promise<Diagnostic[]> {
  const pieces: Array<{ nodeId: string; piece: UserSqlText }> = [];
  for (const id of analysis.order) {
    const a = analysis.nodes.get(id);
    if (a?.params === null || a === undefined) continue;
    for (const piece of userSqlTexts(a.def.params, a.params)) pieces.push({ nodeId: id, piece });
  }
  const verdicts = await checkUserSqlAll(
    conn,
    pieces.map((p) => p.piece),
  );
  const out: Diagnostic[] = [];
  verdicts.forEach((verdict, i) => {
    const at = pieces[i];
    if (verdict.ok || at === undefined) return;
    // `offset`: where in the param's text the parser stopped, for the editor to underline.
    out.push(
      error(
        'sql.refused',
        { detail: verdict.message, ...(verdict.at === undefined ? {} : { offset: verdict.at }) },
        { nodeId: at.nodeId, param: at.piece.param },
      ),
    );
  });
  return out;
}

/**
 * A view that does not bind: find the param at fault by binding each
 * expression param alone over its input; sources' errors go to their path.
 */
async function attribute(
  conn: DuckDBConnection,
  analysis: Analysis,
  nodeId: string,
  e: unknown,
  ownerOfFile: ErrorContext['ownerOfFile'],
  files: readonly string[],
): Promise<Diagnostic> {
  const a = analysis.nodes.get(nodeId);
  if (a === undefined) return diagnoseDuckDBError(e, { nodeId });
  const parsed = a.params ?? {};
  for (const [name, schema] of Object.entries(a.def.params)) {
    const meta = paramMeta(schema);
    if (meta?.kind !== 'expression') continue;
    const raw = parsed[name];
    const expr = typeof raw === 'string' ? raw : undefined;
    const ref = a.inputs[meta.port]?.[0];
    if (expr === undefined || expr.trim() === '' || ref === undefined) continue;
    try {
      // On its own line, so a trailing line comment cannot swallow the parenthesis.
      await describe(conn, `SELECT (${expr}\n) FROM ${viewName(refNode(ref))}`);
    } catch (e2) {
      return diagnoseDuckDBError(e2, { nodeId, param: name });
    }
  }
  // A node with one whole-query param (custom SQL): the query is at fault.
  const queries = Object.entries(a.def.params)
    .filter(([, schema]) => paramMeta(schema)?.kind === 'sql')
    .map(([name]) => name);
  const param = a.def.category === 'source' ? pathParam(a.def, 'read') : queries.length === 1 ? queries[0] : undefined;
  // Errors naming a file belong to this node here (it is the one being bound).
  return diagnoseDuckDBError(e, {
    nodeId,
    files,
    ...(param === undefined ? {} : { param }),
    ownerOfFile: (file) => {
      const owner = ownerOfFile?.(file);
      return owner?.nodeId === nodeId ? owner : { nodeId, ...(param === undefined ? {} : { param }) };
    },
  });
}
