import { useReactFlow } from '@xyflow/react';
import { useMemo, useState, type ReactNode } from 'react';
import type { Category } from '../../../shared/catalog/node-type';
import { DRAG_MIME } from '../canvas/Canvas';
import { useNodeTypes } from '../i18n/catalog';
import { useT } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages.en';
import { useActions } from '../store/store-context';
import './palette.css';
import { searchNodeTypes } from './search';

const CATEGORIES: ReadonlyArray<{ id: Category; label: MessageKey }> = [
  { id: 'source', label: 'category.source' },
  { id: 'transform', label: 'category.transform' },
  { id: 'quality', label: 'category.quality' },
  { id: 'sink', label: 'category.sink' },
];

/** Node types by category, searchable; drag one onto the canvas, or click to add it in the middle. */
export function Palette({ toggle }: { toggle?: ReactNode }) {
  const t = useT();
  const actions = useActions();
  const { screenToFlowPosition } = useReactFlow();
  const [query, setQuery] = useState('');
  const nodeTypes = useNodeTypes();
  const found = useMemo(() => searchNodeTypes(query, nodeTypes), [query, nodeTypes]);
  const searching = query.trim() !== '';
  const addAtCenter = (type: string): void => {
    const r = document.querySelector('.canvas')?.getBoundingClientRect();
    const jitter = Math.round(Math.random() * 40);
    const center =
      r === undefined
        ? { x: 400, y: 300 }
        : { x: r.left + r.width / 2 - 110 + jitter, y: r.top + r.height / 2 - 45 + jitter };
    actions.addNode(type, screenToFlowPosition(center));
  };
  return (
    <aside className="palette" aria-label={t('palette.title')} data-testid="palette">
      <div className="palette-head">
        <input
          type="search"
          className="palette-search"
          placeholder={t('palette.search')}
          aria-label={t('palette.search')}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          data-testid="palette-search"
        />
        {toggle}
      </div>
      <div className="palette-groups">
        {CATEGORIES.map((c) => {
          const items = found.filter((nt) => nt.category === c.id);
          if (items.length === 0) return null;
          return (
            <section key={c.id}>
              <h3>{t(c.label)}</h3>
              <ul>
                {items.map((nt) => (
                  <li key={nt.type}>
                    <button
                      type="button"
                      className={`palette-item cat-${nt.category}`}
                      draggable
                      title={nt.description}
                      data-testid={`palette-item-${nt.type}`}
                      onDragStart={(e) => {
                        e.dataTransfer.setData(DRAG_MIME, nt.type);
                        e.dataTransfer.effectAllowed = 'copy';
                      }}
                      onClick={() => addAtCenter(nt.type)}
                    >
                      <span className="palette-label">{nt.label}</span>
                      <span className="palette-desc">{nt.description}</span>
                    </button>
                  </li>
                ))}
              </ul>
            </section>
          );
        })}
        {searching && found.length === 0 ? <p className="muted">{t('palette.none')}</p> : null}
      </div>
    </aside>
  );
}
