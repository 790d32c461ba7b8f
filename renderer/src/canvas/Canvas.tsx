import {
  Background,
  Controls,
  ReactFlow,
  useReactFlow,
  useStoreApi as useFlowStoreApi,
  type InternalNode,
  type Connection,
  type EdgeChange,
  type FinalConnectionState,
  type NodeChange,
  type OnConnectEnd,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useCallback, useEffect, useRef, useState, type DragEvent, type MouseEvent as ReactMouseEvent } from 'react';
import { catalog } from '../../../shared/catalog/index';
import type { Position } from '../../../shared/format/document';
import { useT } from '../i18n/i18n';
import type { Link } from '../store/doc-ops';
import { checkReplacing } from '../store/wire-ops';
import { createFlowSelectors, type FlowEdge, type FlowNode } from '../store/flow-selectors';
import { useActions, useAppStore, useStoreApi } from '../store/store-context';
import './canvas.css';
import { EmptyState } from './EmptyState';
import { FarDrag } from './far-drag';
import { FarEdges } from './FarEdges';
import { RowsEdge } from './RowsEdge';
import { FarProvider, useFarZoom } from './level-of-detail';
import { Minimap } from './Minimap';
import { MINIMAP_SIZE, useFitView } from './fit-view';
import { useKeepSelectionInView } from './keep-in-view';
import { useLiveDrag } from './live-drag';
import { NoteNode } from './NoteNode';
import { PipelineNode } from './PipelineNode';
import { QuickAdd } from './QuickAdd';
import { ColumnPathBar } from './column-path';
import { refusalKey } from './refusal-key';
import { useCanvasShortcuts } from './use-canvas-shortcuts';
import { markDropWire } from './drop-wire-mark';
import { wireAt, wireSegments } from './wire-hit';

/** Defined once, at module level, as React Flow asks. */
const nodeTypes = { pipeline: PipelineNode, note: NoteNode };
/** Every wire is React Flow's default one plus its row count after a run. */
const edgeTypes = { default: RowsEdge };

/** Where a new (empty) pipeline starts: React Flow's own default. */
const DEFAULT_VIEWPORT = { x: 0, y: 0, zoom: 1 };

/** Zoomed out, React Flow gets no edges: FarEdges draws them (one array, so React Flow sees no change). */
const NO_EDGES: FlowEdge[] = [];

/**
 * From this many nodes the canvas renders only what is in view: with
 * hundreds of nodes, every frame of a drag otherwise re-runs React Flow's
 * per-node and per-edge work for nodes nobody sees.
 */
const LARGE_PIPELINE = 100;

/** Minimap nodes coloured by category, as on the canvas. */
function minimapClass(n: InternalNode): string {
  if (n.type === 'note') return 'is-note';
  const node = n.data['node'];
  const type =
    typeof node === 'object' && node !== null && 'type' in node && typeof node.type === 'string' ? node.type : '';
  return `cat-${catalog.get(type)?.category ?? 'unknown'}`;
}

export const DRAG_MIME = 'application/duto-node-type';

function toLink(c: Connection): Link {
  return {
    source: c.source,
    sourcePort: c.sourceHandle ?? 'out',
    target: c.target,
    targetPort: c.targetHandle ?? 'in',
  };
}

function clientPoint(e: MouseEvent | TouchEvent): Position {
  if ('changedTouches' in e) {
    const touch = e.changedTouches[0];
    return { x: touch?.clientX ?? 0, y: touch?.clientY ?? 0 };
  }
  return { x: e.clientX, y: e.clientY };
}

function isPane(target: EventTarget | null): boolean {
  return target instanceof Element && target.classList.contains('react-flow__pane');
}

export function Canvas({ colorMode }: { colorMode: 'light' | 'dark' }) {
  const t = useT();
  const store = useStoreApi();
  const actions = useActions();
  const [selectors] = useState(createFlowSelectors);
  const far = useFarZoom();
  const [farDrag] = useState(() => new FarDrag());
  const { nodes, applyDrag, commitDrag } = useLiveDrag(useAppStore(selectors.nodes), far, farDrag);
  const edges = useAppStore(selectors.edges);
  const generation = useAppStore((s) => s.doc.generation);
  const empty = useAppStore((s) => s.doc.document.nodes.length === 0 && (s.doc.document.notes ?? []).length === 0);
  const large = useAppStore((s) => s.doc.document.nodes.length >= LARGE_PIPELINE);
  const { screenToFlowPosition, setViewport } = useReactFlow();
  const fitView = useFitView();
  const flowStore = useFlowStoreApi<FlowNode>();
  const pointer = useRef<Position | null>(null);
  const wrapper = useRef<HTMLDivElement>(null);

  useCanvasShortcuts(pointer, wrapper);
  useKeepSelectionInView();

  // Fit a loaded pipeline. An empty one starts from the default view, not
  // the last pipeline's (never a fit: React Flow queues a fit until nodes
  // exist, so the first node dropped would jump the view).
  useEffect(() => {
    if (store.getState().doc.document.nodes.length === 0) {
      void setViewport(DEFAULT_VIEWPORT);
      return;
    }
    const id = requestAnimationFrame(fitView);
    return () => cancelAnimationFrame(id);
  }, [generation, fitView, setViewport, store]);

  const onNodesChange = useCallback(
    (changes: NodeChange<FlowNode>[]) => {
      applyDrag(changes);
      const sizes: Record<string, { width: number; height: number }> = {};
      const s = store.getState().session;
      const selection = new Set(s.selection);
      let selectionChanged = false;
      for (const c of changes) {
        if (c.type === 'dimensions' && c.dimensions !== undefined) sizes[c.id] = c.dimensions;
        else if (c.type === 'select') {
          selectionChanged = true;
          if (c.selected) selection.add(c.id);
          else selection.delete(c.id);
        }
      }
      if (Object.keys(sizes).length > 0) actions.setMeasured(sizes);
      if (selectionChanged) actions.select([...selection], s.selectedEdges);
    },
    [store, actions, applyDrag],
  );

  const onEdgesChange = useCallback(
    (changes: EdgeChange[]) => {
      const s = store.getState().session;
      const selected = new Set(s.selectedEdges);
      let changed = false;
      for (const c of changes) {
        if (c.type !== 'select') continue;
        changed = true;
        if (c.selected) selected.add(c.id);
        else selected.delete(c.id);
      }
      if (changed) actions.select(s.selection, [...selected]);
    },
    [store, actions],
  );

  const isValidConnection = useCallback(
    (
      c: Connection | { source: string; target: string; sourceHandle?: string | null; targetHandle?: string | null },
    ) => {
      // A taken single input accepts the wire: it replaces the old one (onConnect).
      return checkReplacing(
        store.getState().doc.document,
        toLink({
          source: c.source,
          target: c.target,
          sourceHandle: c.sourceHandle ?? null,
          targetHandle: c.targetHandle ?? null,
        }),
      ).ok;
    },
    [store],
  );

  const onConnect = useCallback(
    (c: Connection) => {
      const r = actions.connectReplacing(toLink(c));
      if (!r.ok) actions.toast(refusalKey[r.reason], undefined, 'error');
    },
    [actions],
  );

  const onConnectEnd: OnConnectEnd = useCallback(
    (event: MouseEvent | TouchEvent, state: FinalConnectionState) => {
      if (state.isValid === true || state.fromNode === null || state.fromHandle === null) return;
      const from = {
        nodeId: state.fromNode.id,
        port: state.fromHandle.id ?? (state.fromHandle.type === 'source' ? 'out' : 'in'),
        side: state.fromHandle.type,
      };
      if (state.toNode !== null && state.toHandle !== null) {
        // Dropped on a handle that refused: say why.
        const link: Link =
          from.side === 'source'
            ? {
                source: from.nodeId,
                sourcePort: from.port,
                target: state.toNode.id,
                targetPort: state.toHandle.id ?? 'in',
              }
            : {
                source: state.toNode.id,
                sourcePort: state.toHandle.id ?? 'out',
                target: from.nodeId,
                targetPort: from.port,
              };
        const r = checkReplacing(store.getState().doc.document, link);
        if (!r.ok) actions.toast(refusalKey[r.reason], undefined, 'error');
        return;
      }
      if (!isPane(event.target)) return;
      const screen = clientPoint(event);
      actions.openQuickAdd({ screen, flow: screenToFlowPosition(screen), from });
    },
    [store, actions, screenToFlowPosition],
  );

  const wireUnder = useCallback(
    (at: Position): string | null => {
      const rf = flowStore.getState();
      return wireAt(at, wireSegments(rf.edges, rf.nodeLookup), null);
    },
    [flowStore],
  );

  const onDrop = useCallback(
    (e: DragEvent) => {
      const type = e.dataTransfer.getData(DRAG_MIME);
      if (type === '') return;
      e.preventDefault();
      const at = screenToFlowPosition({ x: e.clientX, y: e.clientY });
      const wire = wireUnder(at);
      markDropWire(null);
      // Dropped on a wire: the node goes into it, centred on the drop (a new node is about 200×60).
      if (wire === null) actions.addNode(type, at);
      else actions.addNode(type, { x: at.x - 100, y: at.y - 30 }, undefined, wire);
    },
    [actions, screenToFlowPosition, wireUnder],
  );

  const onDoubleClick = useCallback(
    (e: ReactMouseEvent) => {
      if (!isPane(e.target)) return;
      const screen = { x: e.clientX, y: e.clientY };
      actions.openQuickAdd({ screen, flow: screenToFlowPosition(screen) });
    },
    [actions, screenToFlowPosition],
  );

  return (
    <div
      className="canvas"
      ref={wrapper}
      data-testid="canvas"
      onDragOver={(e) => {
        if (e.dataTransfer.types.includes(DRAG_MIME)) {
          e.preventDefault();
          e.dataTransfer.dropEffect = 'copy';
          markDropWire(wireUnder(screenToFlowPosition({ x: e.clientX, y: e.clientY })));
        }
      }}
      onDragLeave={() => markDropWire(null)}
      onDrop={onDrop}
      onDoubleClick={onDoubleClick}
      onMouseMove={(e) => {
        pointer.current = { x: e.clientX, y: e.clientY };
      }}
      onMouseLeave={() => {
        pointer.current = null;
      }}
    >
      <FarProvider far={far}>
        <ReactFlow<FlowNode>
          nodes={nodes}
          edges={far ? NO_EDGES : edges}
          nodeTypes={nodeTypes}
          edgeTypes={edgeTypes}
          onNodesChange={onNodesChange}
          onEdgesChange={onEdgesChange}
          onNodeDragStop={commitDrag}
          onSelectionDragStop={commitDrag}
          onConnect={onConnect}
          onConnectEnd={onConnectEnd}
          isValidConnection={isValidConnection}
          onPaneClick={() => actions.openQuickAdd(null)}
          deleteKeyCode={null}
          zoomOnDoubleClick={false}
          colorMode={colorMode}
          onlyRenderVisibleElements={large}
          minZoom={0.1}
          maxZoom={2}
          proOptions={{ hideAttribution: true }}
          aria-label={t('canvas.label')}
        >
          {far ? <FarEdges edges={edges} drag={farDrag} /> : null}
          <Background gap={20} />
          <Controls />
          {empty ? null : <Minimap classOf={minimapClass} size={MINIMAP_SIZE} drag={farDrag} />}
        </ReactFlow>
      </FarProvider>
      {empty ? <EmptyState /> : null}
      <ColumnPathBar />
      <QuickAdd />
    </div>
  );
}
