import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { catalog } from '../../../shared/catalog/index';
import { useLocale, useT } from '../i18n/i18n';
import type { PipelineFlowNode } from '../store/flow-selectors';
import { useAppStore } from '../store/store-context';
import { badgeKind, formatElapsed, nodeDiagnostic, selectNodeRun } from './node-status';

const SHOWN_COLUMNS = 4;

function PipelineNodeView({ id, data, selected }: NodeProps<PipelineFlowNode>) {
  const t = useT();
  const locale = useLocale();
  const type = catalog.get(data.node.type);
  const diag = useAppStore((s) => nodeDiagnostic(s.check.diagnostics, id));
  const columns = useAppStore((s) => s.check.schemas[id]);
  const run = useAppStore(selectNodeRun(id));
  const kind = badgeKind(run, diag, columns !== undefined);
  const inputs = type?.inputs ?? [];
  const outputs = type?.outputs ?? [];
  const num = new Intl.NumberFormat(locale);
  let badge = '';
  if (kind === 'running') badge = t('node.status.running');
  else if (kind === 'done') badge = run?.rows === undefined ? t('node.status.done') : t('node.status.rows', { rows: num.format(run.rows) });
  else if (kind === 'failed') badge = t('node.status.failed');
  else if (kind === 'cancelled') badge = t('node.status.cancelled');
  else if (kind === 'error') badge = t('node.status.error');
  else if (kind === 'warning') badge = t('node.status.warning');
  const message = run?.status === 'failed' && run.message !== undefined ? run.message : diag?.message;
  return (
    <div className={`pnode pnode-${type?.category ?? 'unknown'} pnode-${kind}${selected ? ' is-selected' : ''}${data.node.disabled === true ? ' is-disabled' : ''}`}>
      {inputs.map((p, i) => (
        <Handle key={p.name} id={p.name} type="target" position={Position.Left} style={{ top: `${((i + 1) * 100) / (inputs.length + 1)}%` }} title={p.label} data-testid={`handle-${id}-in-${p.name}`}>
          {inputs.length > 1 ? <span className="pnode-port-label">{p.label}</span> : null}
        </Handle>
      ))}
      <div className="pnode-head">
        <span className="pnode-label">{data.node.label ?? type?.label ?? data.node.type}</span>
        {badge !== '' ? (
          <span className={`pnode-badge badge-${kind}`} data-testid={`node-status-${id}`} data-status={kind} title={message}>
            {badge}
            {run !== undefined && kind !== 'running' ? ` · ${formatElapsed(run.elapsedMs)}` : ''}
          </span>
        ) : (
          <span className={`pnode-dot badge-${kind}`} data-testid={`node-status-${id}`} data-status={kind} />
        )}
      </div>
      <div className="pnode-id">{id}</div>
      {message !== undefined && (kind === 'error' || kind === 'warning' || kind === 'failed') ? (
        <div className={`pnode-message pnode-message-${kind === 'warning' ? 'warning' : 'error'}`} title={message}>
          {message}
        </div>
      ) : null}
      {/* A warning does not hide the schema: the node still says what it outputs. */}
      {kind !== 'error' && kind !== 'failed' && columns !== undefined && columns.length > 0 ? (
        <ul className="pnode-columns" aria-label={t('node.columns')}>
          {columns.slice(0, SHOWN_COLUMNS).map((c) => (
            <li key={c.name}>
              <span className="col-name">{c.name}</span> <span className="col-type">{c.type}</span>
            </li>
          ))}
          {columns.length > SHOWN_COLUMNS ? <li className="pnode-more">{t('node.moreColumns', { count: columns.length - SHOWN_COLUMNS, total: columns.length })}</li> : null}
        </ul>
      ) : null}
      {outputs.map((p, i) => (
        <Handle key={p.name} id={p.name} type="source" position={Position.Right} style={{ top: `${((i + 1) * 100) / (outputs.length + 1)}%` }} title={p.label} data-testid={`handle-${id}-out-${p.name}`} />
      ))}
    </div>
  );
}

export const PipelineNode = memo(PipelineNodeView);
