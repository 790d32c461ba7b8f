import { memo, useMemo } from 'react';
import { BaseEdge, EdgeLabelRenderer, getBezierPath, type EdgeProps } from '@xyflow/react';
import { useLocale, useT } from '../i18n/i18n';
import { useAppStore } from '../store/store-context';
import { selectEdgeRows } from './node-status';
import { numberFormat } from './use-node-status';

/** React Flow's own wire, with the rows it carried in the last run at its midpoint (like a record count on a connection). */
function RowsEdgeView(props: EdgeProps) {
  const { source, target, sourceHandleId, sourceX, sourceY, sourcePosition, targetX, targetY, targetPosition, markerEnd, style, interactionWidth } = props;
  const [path, labelX, labelY] = getBezierPath({ sourceX, sourceY, sourcePosition, targetX, targetY, targetPosition });
  const port = sourceHandleId ?? 'out';
  const select = useMemo(() => selectEdgeRows(source, port), [source, port]);
  const rows = useAppStore(select);
  const locale = useLocale();
  const t = useT();
  return (
    <>
      <BaseEdge id={props.id} path={path} {...(markerEnd === undefined ? {} : { markerEnd })} {...(style === undefined ? {} : { style })} {...(interactionWidth === undefined ? {} : { interactionWidth })} />
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
