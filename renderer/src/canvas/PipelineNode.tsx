import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { catalog } from '../../../shared/catalog/index';
import type { NodeType, PortSpec } from '../../../shared/catalog/node-type';
import type { PipelineNode as DocNode } from '../../../shared/format/document';
import { useCatalog } from '../i18n/catalog';
import { useT } from '../i18n/i18n';
import type { PipelineFlowNode } from '../store/flow-selectors';
import { useFar } from './level-of-detail';
import { useTypeChanges } from './type-changes';
import { useNodeStatus, type NodeStatus } from './use-node-status';
import { nodeOnPath, useShowColumnPath } from './column-path';
import { useAppStore } from '../store/store-context';
import { RunsInBadge } from './RunsInBadge';

const SHOWN_COLUMNS = 4;

interface ViewProps {
  id: string;
  node: DocNode;
  selected: boolean;
  status: NodeStatus;
}

/** The node's handles on one side; port labels only where they can be read. */
function Ports({
  id,
  side,
  ports,
  labels,
}: {
  id: string;
  side: 'in' | 'out';
  ports: readonly PortSpec[];
  labels: boolean;
}) {
  return ports.map((p, i) => (
    <Handle
      key={p.name}
      id={p.name}
      type={side === 'in' ? 'target' : 'source'}
      position={side === 'in' ? Position.Left : Position.Right}
      style={{ top: `${((i + 1) * 100) / (ports.length + 1)}%` }}
      title={p.label}
      data-testid={`handle-${id}-${side}-${p.name}`}
    >
      {labels && ports.length > 1 ? (
        <span className={side === 'in' ? 'pnode-port-label' : 'pnode-port-label pnode-port-label-out'}>{p.label}</span>
      ) : null}
    </Handle>
  ));
}

function nodeClass(node: DocNode, kind: string, selected: boolean, lineage: '' | 'on' | 'off'): string {
  const category = catalog.get(node.type)?.category ?? 'unknown';
  return `pnode pnode-${category} pnode-${kind}${selected ? ' is-selected' : ''}${node.disabled === true ? ' is-disabled' : ''}${lineage === '' ? '' : ` is-lineage-${lineage}`}`;
}

/** Whether the node carries the column whose path is shown ('' when none is). */
function useOnPath(id: string): '' | 'on' | 'off' {
  return useAppStore((s) => nodeOnPath(s.session.columnPath, id));
}

/** The node's own label, else its type's in the user's locale. */
function labelOf(node: DocNode, type: NodeType | undefined): string {
  return node.label ?? type?.label ?? node.type;
}

/** Zoomed out: the label and the status colour, no columns, no badge text (unreadable there). */
function FarNode({ id, node, selected, status }: ViewProps) {
  const type = useCatalog().get(node.type);
  const label = labelOf(node, type);
  const { kind, badge, message } = status;
  const lineage = useOnPath(id);
  return (
    <div
      className={`${nodeClass(node, kind, selected, lineage)} pnode-far`}
      data-lineage={lineage}
      role="group"
      aria-label={badge === '' ? label : `${label}: ${badge}`}
    >
      {/* Handles in flow, not absolutely placed: hundreds fewer layers for the browser to composite each frame. */}
      <div className="pnode-far-ports">
        <Ports id={id} side="in" ports={type?.inputs ?? []} labels={false} />
      </div>
      <div className="pnode-head">
        <span className="pnode-label">{label}</span>
        <span
          className={`pnode-dot badge-${kind}`}
          data-testid={`node-status-${id}`}
          data-status={kind}
          title={message}
        />
      </div>
      <div className="pnode-far-ports">
        <Ports id={id} side="out" ports={type?.outputs ?? []} labels={false} />
      </div>
    </div>
  );
}

function FullNode({ id, node, selected, status }: ViewProps) {
  const t = useT();
  const type = useCatalog().get(node.type);
  const { kind, badge, elapsed, message, columns, fromCache } = status;
  const changed = useTypeChanges(node, columns);
  const lineage = useOnPath(id);
  const showPath = useShowColumnPath();
  const shownColumn = useAppStore((s) => (s.session.columnPath?.node === id ? s.session.columnPath.column : null));
  return (
    <div className={nodeClass(node, kind, selected, lineage)} data-testid={`pnode-${id}`} data-lineage={lineage}>
      <Ports id={id} side="in" ports={type?.inputs ?? []} labels />
      <div className="pnode-head">
        <span className="pnode-label">{labelOf(node, type)}</span>
        {badge !== '' ? (
          <span
            className={`pnode-badge badge-${kind}`}
            data-testid={`node-status-${id}`}
            data-status={kind}
            title={message}
          >
            {badge}
            {elapsed !== '' ? ` · ${elapsed}` : ''}
          </span>
        ) : (
          <span className={`pnode-dot badge-${kind}`} data-testid={`node-status-${id}`} data-status={kind} />
        )}
      </div>
      <div className="pnode-id">
        {id}
        {fromCache ? (
          <span className="pnode-origin" data-testid={`node-origin-${id}`} title={t('node.status.fromCacheHint')}>
            {t('node.status.fromCache')}
          </span>
        ) : null}
        <RunsInBadge id={id} node={node} />
      </div>
      {message !== undefined && (kind === 'error' || kind === 'warning' || kind === 'failed') ? (
        <div className={`pnode-message pnode-message-${kind === 'warning' ? 'warning' : 'error'}`} title={message}>
          {message}
        </div>
      ) : null}
      {/* A warning does not hide the schema: the node still says what it outputs. */}
      {kind !== 'error' && kind !== 'failed' && columns !== undefined && columns.length > 0 ? (
        <ul className="pnode-columns" aria-label={t('node.columns')}>
          {columns.slice(0, SHOWN_COLUMNS).map((c) => {
            const from = changed.get(c.name);
            return (
              <li key={c.name}>
                <button
                  type="button"
                  className={`col-name col-path${shownColumn === c.name ? ' is-shown' : ''}`}
                  onClick={() => showPath(id, c.name)}
                  title={t('node.columnPath', { column: c.name })}
                  aria-pressed={shownColumn === c.name}
                  data-testid={`node-col-${id}-${c.name}`}
                >
                  {c.name}
                </button>{' '}
                {from === undefined ? (
                  <span className="col-type">{c.type}</span>
                ) : (
                  <span
                    className="col-type col-type-changed"
                    data-testid={`type-change-${id}-${c.name}`}
                    title={t('node.typeChanged', { from, to: c.type })}
                  >
                    {from} → {c.type}
                  </span>
                )}
              </li>
            );
          })}
          {columns.length > SHOWN_COLUMNS ? (
            <li className="pnode-more">
              {t('node.moreColumns', { count: columns.length - SHOWN_COLUMNS, total: columns.length })}
            </li>
          ) : null}
        </ul>
      ) : null}
      <Ports id={id} side="out" ports={type?.outputs ?? []} labels />
    </div>
  );
}

function PipelineNodeView({ id, data, selected }: NodeProps<PipelineFlowNode>) {
  const status = useNodeStatus(id);
  const far = useFar();
  const View = far ? FarNode : FullNode;
  return <View id={id} node={data.node} selected={selected} status={status} />;
}

export const PipelineNode = memo(PipelineNodeView);
