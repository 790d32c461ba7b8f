import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { PreviewViewData } from '../../../shared/ipc/results';
import { useT } from '../i18n/i18n';
import type { PreviewState } from '../store/app-store';
import { useActions, useAppStore } from '../store/store-context';
import { cellText, copyText, rowsAsTsv } from './copy-rows';
import { useShowColumnPath } from '../canvas/column-path';

const ROW_HEIGHT = 26;
const COL_WIDTH = 160;
const INDEX_WIDTH = 56;
/** A filter applies once the user pauses typing. */
const FILTER_DELAY_MS = 350;

type Selected = { row: number; col?: number } | null;
type Sort = NonNullable<PreviewViewData['sort']>[number];

/** Unsorted → ascending → descending → unsorted; one column at a time. */
function nextSort(current: Sort | undefined, column: string): Sort[] {
  if (current?.column !== column) return [{ column, descending: false }];
  return current.descending ? [] : [{ column, descending: true }];
}

/**
 * The preview's rows, virtualized (only the visible ones are in the DOM).
 * Clicking a header sorts and typing in a column's filter filters the
 * node's whole output (the engine does both); a cell or a row (its number)
 * is selected by a click and copied with Ctrl/⌘+C.
 */
export function PreviewGrid({ preview, filtersOpen }: { preview: PreviewState; filtersOpen: boolean }) {
  const t = useT();
  const scroller = useRef<HTMLDivElement>(null);
  const view = useAppStore((s) => s.session.previewView);
  const { setPreviewView, toast } = useActions();
  const path = useAppStore((s) => s.session.columnPath);
  const showPath = useShowColumnPath();
  const [selected, setSelected] = useState<Selected>(null);
  const virtualizer = useVirtualizer({
    count: preview.rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
  });
  const width = INDEX_WIDTH + preview.columns.length * COL_WIDTH;
  const template = `${INDEX_WIDTH}px repeat(${preview.columns.length}, ${COL_WIDTH}px)`;
  const sort = view.sort?.[0];
  useEffect(() => setSelected(null), [preview.nodeId, view]);

  const copy = (e: KeyboardEvent<HTMLDivElement>): void => {
    if (selected === null || e.key.toLowerCase() !== 'c' || !(e.ctrlKey || e.metaKey)) return;
    const row = preview.rows[selected.row];
    if (row === undefined) return;
    const text = selected.col === undefined ? rowsAsTsv([], [row]) : cellText(row[selected.col] ?? null);
    e.preventDefault();
    copyText(text, (key, ok) => toast(key, undefined, ok ? 'info' : 'error'));
  };

  return (
    <div
      className="grid-scroll"
      ref={scroller}
      data-testid="preview-grid"
      role="grid"
      tabIndex={0}
      onKeyDown={copy}
      aria-rowcount={preview.rows.length + 1}
      aria-colcount={preview.columns.length}
    >
      <div className="grid-sticky" style={{ width }}>
        <div className="grid-head" style={{ width, gridTemplateColumns: template }} role="row">
          <div className="grid-index" role="columnheader">
            #
          </div>
          {preview.columns.map((c) => {
            const sorted = sort?.column === c.name ? (sort.descending ? 'descending' : 'ascending') : 'none';
            return (
              <div
                key={c.name}
                className="grid-col"
                role="columnheader"
                aria-sort={sorted}
                title={`${c.name} ${c.type}`}
                data-testid={`preview-col-${c.name}`}
              >
                <button
                  type="button"
                  className="col-sort"
                  onClick={() => setPreviewView({ ...view, sort: nextSort(sort, c.name) })}
                  title={t('preview.sortHint')}
                  data-testid={`preview-sort-${c.name}`}
                >
                  <span className="col-name">{c.name}</span>
                  {sorted === 'none' ? null : <span aria-hidden="true">{sorted === 'ascending' ? ' ▲' : ' ▼'}</span>}
                </button>
                <span className="col-type">{c.type}</span>
                {preview.nodeId === null ? null : (
                  <button
                    type="button"
                    className={`col-lineage${path?.node === preview.nodeId && path.column === c.name ? ' is-shown' : ''}`}
                    onClick={() => showPath(preview.nodeId ?? '', c.name)}
                    title={t('preview.columnPath')}
                    aria-label={t('preview.columnPath')}
                    data-testid={`preview-lineage-${c.name}`}
                  >
                    ⇄
                  </button>
                )}
              </div>
            );
          })}
        </div>
        {filtersOpen ? (
          <FilterRow
            key={preview.nodeId ?? ''}
            preview={preview}
            view={view}
            template={template}
            width={width}
            onChange={setPreviewView}
          />
        ) : null}
      </div>
      <div style={{ height: virtualizer.getTotalSize(), width, position: 'relative' }}>
        {virtualizer.getVirtualItems().map((vr) => {
          const row = preview.rows[vr.index] ?? [];
          const rowSelected = selected?.row === vr.index && selected.col === undefined;
          return (
            <div
              key={vr.key}
              className={`grid-row${rowSelected ? ' is-selected' : ''}`}
              role="row"
              aria-selected={rowSelected}
              style={{ transform: `translateY(${vr.start}px)`, height: ROW_HEIGHT, gridTemplateColumns: template }}
            >
              <div
                className="grid-index"
                onClick={() => setSelected({ row: vr.index })}
                data-testid={`preview-row-${vr.index + 1}`}
              >
                {vr.index + 1}
              </div>
              {row.map((v, i) => {
                const cellSelected = selected?.row === vr.index && selected.col === i;
                return (
                  <div
                    key={i}
                    className={`grid-cell${v === null ? ' is-null' : typeof v === 'number' ? ' is-num' : ''}${cellSelected ? ' is-selected' : ''}`}
                    role="gridcell"
                    aria-selected={cellSelected}
                    title={cellText(v)}
                    onClick={() => setSelected({ row: vr.index, col: i })}
                  >
                    {cellText(v)}
                  </div>
                );
              })}
            </div>
          );
        })}
      </div>
    </div>
  );
}

/** One filter per column, under its header; typed text applies after a pause. */
function FilterRow({
  preview,
  view,
  template,
  width,
  onChange,
}: {
  preview: PreviewState;
  view: PreviewViewData;
  template: string;
  width: number;
  onChange: (v: PreviewViewData) => void;
}) {
  const t = useT();
  const applied = new Map((view.filters ?? []).map((f) => [f.column, f.text]));
  const [draft, setDraft] = useState<ReadonlyMap<string, string>>(applied);
  const latest = useRef(view);
  latest.current = view;
  useEffect(() => {
    const timer = setTimeout(() => {
      const filters = [...draft].filter(([, text]) => text.trim() !== '').map(([column, text]) => ({ column, text }));
      const before = JSON.stringify(latest.current.filters ?? []);
      if (JSON.stringify(filters) !== before) onChange({ ...latest.current, filters });
    }, FILTER_DELAY_MS);
    return () => clearTimeout(timer);
  }, [draft, onChange]);
  return (
    <div className="grid-filters" style={{ width, gridTemplateColumns: template }} role="row">
      <div className="grid-index" role="columnheader" aria-label={t('preview.filters')}>
        ⌕
      </div>
      {preview.columns.map((c) => (
        <div key={c.name} className="grid-filter" role="columnheader">
          <input
            type="search"
            value={draft.get(c.name) ?? ''}
            placeholder={t('preview.filterPlaceholder')}
            aria-label={t('preview.filterColumn', { column: c.name })}
            onChange={(e) => setDraft(new Map(draft).set(c.name, e.target.value))}
            data-testid={`preview-filter-${c.name}`}
          />
        </div>
      ))}
    </div>
  );
}
