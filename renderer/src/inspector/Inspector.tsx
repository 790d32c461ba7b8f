import { useMemo, type ReactNode } from 'react';
import type { Column, NodeType } from '../../../shared/catalog/node-type';
import { paramMeta } from '../../../shared/catalog/params';
import { refNode, type PipelineNode } from '../../../shared/format/document';
import type { JsonValue } from '../../../shared/format/json';
import { baseDirOf } from '../../../shared/paths';
import { useCatalog } from '../i18n/catalog';
import { useDiagnosticText } from '../i18n/diagnostic-text';
import { ScheduleEditor } from '../operations/ScheduleEditor';
import { useT } from '../i18n/i18n';
import type { Diagnostic } from '../store/app-store';
import { findNode } from '../store/doc-ops';
import { useActions, useAppStore } from '../store/store-context';
import './inspector.css';
import { defaultOf, isShown, normalizeParamPath, type FieldContext } from './param-values';
import { CsvDialectSummary } from './CsvDialectSummary';
import { DeltaVersions } from './DeltaVersions';
import { ModelCard } from './ModelCard';
import { ParamField } from './ParamField';
import { NodePushdownSwitch, PipelinePushdownSwitch } from './PushdownSwitch';

const NO_DIAGNOSTICS: readonly Diagnostic[] = [];

/** Builds what the fields of one node need: upstream columns per port, SQL tables, messages by param. */
export function fieldContext(
  node: PipelineNode,
  schemas: Readonly<Record<string, Column[]>>,
  diagnostics: readonly Diagnostic[],
  baseDir: string,
  text: (d: Diagnostic) => string = (d) => d.message,
): FieldContext {
  const refsOf = (port: string): string[] => {
    const v = node.inputs?.[port];
    return v === undefined ? [] : typeof v === 'string' ? [v] : v;
  };
  const messages = new Map<string, string[]>();
  const errorMarks = new Map<string, { offset: number; message: string }>();
  for (const d of diagnostics) {
    if (d.nodeId !== node.id || d.param === undefined) continue;
    const key = normalizeParamPath(d.param);
    messages.set(key, [...(messages.get(key) ?? []), text(d)]);
    const offset = d.args?.['offset'];
    if (typeof offset === 'number' && !errorMarks.has(key)) errorMarks.set(key, { offset, message: text(d) });
  }
  const tables: Record<string, string[]> = {};
  for (const v of Object.values(node.inputs ?? {})) {
    for (const ref of typeof v === 'string' ? [v] : v)
      tables[refNode(ref)] = (schemas[refNode(ref)] ?? []).map((c) => c.name);
  }
  return {
    nodeId: node.id,
    nodeType: node.type,
    baseDir,
    tables,
    paramValue: (name) => node.params?.[name],
    messages,
    errorMarks,
    columnsOf(port) {
      const refs = refsOf(port);
      if (refs.length === 0) return undefined;
      const out: Column[] = [];
      for (const ref of refs) {
        const cols = schemas[refNode(ref)];
        if (cols === undefined) return undefined;
        for (const c of cols) if (!out.some((o) => o.name === c.name)) out.push(c);
      }
      return out;
    },
  };
}

/** The form of one node, generated from its type's params. */
export function ParamsForm({ node, type, ctx }: { node: PipelineNode; type: NodeType; ctx: FieldContext }) {
  const t = useT();
  const { setParam } = useActions();
  const raw = node.params ?? {};
  const valueOf = (name: string): JsonValue | undefined => {
    const s = type.params[name];
    return raw[name] ?? (s === undefined ? undefined : defaultOf(s));
  };
  const entries = Object.entries(type.params).filter(([, s]) => isShown(paramMeta(s)?.showIf, valueOf));
  const render = ([name, schema]: [string, (typeof entries)[number][1]]) => (
    <ParamField
      key={`${node.id}:${name}`}
      path={name}
      schema={schema}
      value={raw[name]}
      ctx={ctx}
      valueOf={valueOf}
      onChange={(v) => setParam(node.id, name, v)}
    />
  );
  const basic = entries.filter(([, s]) => paramMeta(s)?.advanced !== true);
  const advanced = entries.filter(([, s]) => paramMeta(s)?.advanced === true);
  const advancedHasError = advanced.some(([n]) =>
    [...ctx.messages.keys()].some((k) => k === n || k.startsWith(`${n}.`)),
  );
  return (
    <div className="params-form" data-testid="params-form">
      {basic.map(render)}
      {advanced.length > 0 ? (
        <details className="advanced" open={advancedHasError}>
          <summary>{t('inspector.advanced', { count: advanced.length })}</summary>
          {advanced.map(render)}
        </details>
      ) : null}
    </div>
  );
}

/** `toggle`: the button that collapses it, on its top right. */
export function Inspector({ toggle }: { toggle?: ReactNode }) {
  const t = useT();
  const text = useDiagnosticText();
  const actions = useActions();
  const catalog = useCatalog();
  const selection = useAppStore((s) => s.session.selection);
  const selectedId = selection.length === 1 ? selection[0] : undefined;
  const node = useAppStore((s) => (selectedId === undefined ? undefined : findNode(s.doc.document, selectedId)));
  const schemas = useAppStore((s) => s.check.schemas);
  const diagnostics = useAppStore((s) => s.check.diagnostics);
  const path = useAppStore((s) => s.doc.path);
  const workDir = useAppStore((s) => s.session.appInfo?.workDir);
  const baseDir = baseDirOf(path, workDir);
  // Beside its field a message needs no place; the field is the place.
  const ctx = useMemo(
    () =>
      node === undefined ? null : fieldContext(node, schemas, diagnostics, baseDir, (d) => text(d, { place: false })),
    [node, schemas, diagnostics, baseDir, text],
  );
  const own = useMemo(
    () => (node === undefined ? NO_DIAGNOSTICS : diagnostics.filter((d) => d.nodeId === node.id)),
    [node, diagnostics],
  );

  if (node === undefined || ctx === null) {
    return (
      <aside className="inspector" aria-label={t('inspector.title')} data-testid="inspector">
        <div className="inspector-toggle">{toggle}</div>
        <p className="muted inspector-empty">
          {selection.length > 1 ? t('inspector.many', { count: selection.length }) : t('inspector.none')}
        </p>
        {selection.length === 0 ? (
          <>
            <PipelinePushdownSwitch />
            <ScheduleEditor />
          </>
        ) : null}
      </aside>
    );
  }
  const type = catalog.get(node.type);
  const paramNames = new Set(Object.keys(type?.params ?? {}));
  const general = own.filter(
    (d) => d.param === undefined || !paramNames.has(normalizeParamPath(d.param).split('.')[0] ?? ''),
  );
  const columns = schemas[node.id];
  return (
    <aside className="inspector" aria-label={t('inspector.title')} data-testid="inspector">
      <div className="inspector-toggle">{toggle}</div>
      <header className="inspector-head">
        <div className={`inspector-type cat-${type?.category ?? 'unknown'}`}>{type?.label ?? node.type}</div>
        <label className="param-label" htmlFor="node-label">
          {t('inspector.label')}
        </label>
        <input
          id="node-label"
          data-testid="node-label"
          type="text"
          value={node.label ?? ''}
          placeholder={type?.label ?? node.type}
          onChange={(e) => actions.setLabel(node.id, e.target.value)}
        />
        <div className="inspector-id">
          <span className="param-label">{t('inspector.id')}</span> <code data-testid="node-id">{node.id}</code>
        </div>
        {type !== undefined ? <p className="param-help">{type.description}</p> : null}
      </header>
      {general.length > 0 ? (
        <ul className="inspector-diagnostics" data-testid="inspector-diagnostics">
          {general.map((d, i) => (
            <li key={i} className={`diag diag-${d.severity}`}>
              {text(d)}
            </li>
          ))}
        </ul>
      ) : null}
      {node.type === 'source.csv' ? <CsvDialectSummary node={node} /> : null}
      {node.type === 'source.delta' ? <DeltaVersions node={node} /> : null}
      {type === undefined ? (
        <p className="error-text">{t('inspector.unknownType', { type: node.type })}</p>
      ) : (
        <ParamsForm node={node} type={type} ctx={ctx} />
      )}
      <NodePushdownSwitch node={node} />
      {node.type === 'ml.train' || node.type === 'ml.score' ? <ModelCard node={node} /> : null}
      {columns !== undefined ? (
        <details className="inspector-schema">
          <summary>{t('inspector.output', { count: columns.length })}</summary>
          <ul>
            {columns.map((c) => (
              <li key={c.name}>
                <span className="col-name">{c.name}</span> <span className="col-type">{c.type}</span>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </aside>
  );
}
