import { Panel, useReactFlow, useStore, type InternalNode, type ReactFlowState } from '@xyflow/react';
import { useCallback, useEffect, useRef, useState, useSyncExternalStore, type PointerEvent } from 'react';
import type { FarDrag } from './far-drag';
import { minimapCache, minimapFrame, minimapModel, sameModel, type Rect } from './minimap-model';

interface View extends Rect {
  zoom: number;
}

function selectView(s: ReactFlowState): View {
  const [tx, ty, zoom] = s.transform;
  return { x: -tx / zoom, y: -ty / zoom, width: s.width / zoom, height: s.height / zoom, zoom };
}

const sameView = (a: View, b: View): boolean =>
  a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height && a.zoom === b.zoom;
const selectLabel = (s: ReactFlowState): string => s.ariaLabelConfig['minimap.ariaLabel'];

/**
 * The canvas overview, drawn and driven as React Flow's <MiniMap pannable
 * zoomable> (same classes, view box, mask; drag to pan, wheel to zoom), but
 * with its nodes as a few paths (minimap-model.ts): on a drag frame it
 * redraws the dragged node only, not a subscribed rectangle per node.
 */
export function Minimap({
  classOf,
  size,
  drag,
}: {
  classOf: (n: InternalNode) => string;
  size: { width: number; height: number };
  drag: FarDrag;
}) {
  const [cache] = useState(minimapCache);
  // A zoomed-out drag frame changes no store of React Flow's (far-drag.ts): it is a dependency of its own.
  const dragFrame = useSyncExternalStore(drag.subscribe, drag.snapshot);
  const model = useStore(
    useCallback(
      (s: ReactFlowState) => minimapModel(drag.overlay(s.nodeLookup), classOf, cache),
      // `dragFrame` is not read: it re-makes the selector on each drag frame.
      [classOf, cache, drag, dragFrame],
    ),
    sameModel,
  );
  const view = useStore(selectView, sameView);
  const label = useStore(selectLabel);
  const { getViewport, setViewport, zoomTo } = useReactFlow();
  const frame = minimapFrame(model.bounds, view, size);
  const svg = useRef<SVGSVGElement>(null);
  const scale = useRef(frame.viewScale);
  scale.current = frame.viewScale;
  const panFrom = useRef<{ x: number; y: number } | null>(null);

  // A wheel listener that may preventDefault (React's is passive): the wheel zooms the canvas, not the page.
  useEffect(() => {
    const el = svg.current;
    if (el === null) return;
    const onWheel = (e: WheelEvent): void => {
      e.preventDefault();
      const delta = -e.deltaY * (e.deltaMode === 1 ? 0.05 : e.deltaMode === 0 ? 0.002 : 1);
      void zoomTo(getViewport().zoom * 2 ** delta);
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, [getViewport, zoomTo]);

  const onPointerDown = (e: PointerEvent<SVGSVGElement>): void => {
    if (e.button !== 0) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    panFrom.current = { x: e.clientX, y: e.clientY };
  };
  // Dragging the view rectangle moves the canvas under it, as React Flow's minimap does.
  const onPointerMove = (e: PointerEvent<SVGSVGElement>): void => {
    const from = panFrom.current;
    if (from === null) return;
    panFrom.current = { x: e.clientX, y: e.clientY };
    const v = getViewport();
    const k = scale.current * v.zoom;
    void setViewport({ x: v.x - (e.clientX - from.x) * k, y: v.y - (e.clientY - from.y) * k, zoom: v.zoom });
  };
  const onPointerEnd = (): void => {
    panFrom.current = null;
  };

  const { x, y, width, height, offset } = frame;
  return (
    <Panel position="bottom-right" className="react-flow__minimap nopan nowheel" style={size} data-testid="rf__minimap">
      <svg
        ref={svg}
        width={size.width}
        height={size.height}
        viewBox={`${x} ${y} ${width} ${height}`}
        className="react-flow__minimap-svg"
        role="img"
        aria-label={label}
        style={{ touchAction: 'none' }}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerEnd}
        onPointerCancel={onPointerEnd}
      >
        {model.still.map((g) => (
          <path
            key={`still-${g.cls}`}
            className={`react-flow__minimap-node ${g.cls}`}
            d={g.d}
            shapeRendering="crispEdges"
          />
        ))}
        {model.moving.map((g) => (
          <path
            key={`moving-${g.cls}`}
            className={`react-flow__minimap-node ${g.cls}`}
            d={g.d}
            shapeRendering="crispEdges"
          />
        ))}
        <path
          className="react-flow__minimap-mask"
          d={`M${x - offset},${y - offset}h${width + offset * 2}v${height + offset * 2}h${-width - offset * 2}z M${view.x},${view.y}h${view.width}v${view.height}h${-view.width}z`}
          fillRule="evenodd"
          pointerEvents="none"
        />
      </svg>
    </Panel>
  );
}
