import { memo, useMemo } from 'react';
import { BaseEdge, EdgeLabelRenderer, useInternalNode, type EdgeProps } from '@xyflow/react';
import { useLocale, useT } from '../i18n/i18n';
import { useAppStore } from '../store/store-context';
import { selectEdgeRows } from './node-status';
import { numberFormat } from './use-node-status';
import { boxOf, wireRoute } from './wire-route';
import { wireOnPath } from './column-path';

/** A wire (forward: React Flow's bezier; backward: around the nodes, see wire-route.ts), with the rows it carried in the last run at its midpoint (like a record count on a connection). */
function RowsEdgeView(props: EdgeProps) {
  const { source, target, sourceHandleId, sourceX, sourceY, targetX, targetY, markerEnd, style, interactionWidth } =
    props;
  const sourceBox = boxOf(useInternalNode(source));
  const targetBox = boxOf(useInternalNode(target));
  const route = wireRoute(
    { x: sourceX, y: sourceY },
    { x: targetX, y: targetY },
    sourceBox === null || targetBox === null ? null : { source: sourceBox, target: targetBox },
  );
  const path = route.d;
  const labelX = route.label.x;
  const labelY = route.label.y;
  const port = sourceHandleId ?? 'out';
  const select = useMemo(() => selectEdgeRows(source, port), [source, port]);
  const rows = useAppStore(select);
  const lineage = useAppStore((s) => wireOnPath(s.session.columnPath, source, target));
  const shown =
    lineage === ''
      ? style
      : { ...style, ...(lineage === 'on' ? { stroke: 'var(--accent)', strokeWidth: 3 } : { opacity: 0.2 }) };
  const locale = useLocale();
  const t = useT();
  return (
    <>
      <BaseEdge
        id={props.id}
        path={path}
        {...(markerEnd === undefined ? {} : { markerEnd })}
        {...(shown === undefined ? {} : { style: shown })}
        {...(interactionWidth === undefined ? {} : { interactionWidth })}
      />
      {rows === undefined ? null : (
        <EdgeLabelRenderer>
          <div
            className="edge-rows"
            data-testid={`edge-rows-${source}-${target}`}
            title={t('node.status.rows', { rows: numberFormat(locale).format(rows) })}
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
          >
            {numberFormat(locale).format(rows)}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
}

export const RowsEdge = memo(RowsEdgeView);
