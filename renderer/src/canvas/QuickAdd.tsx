import { useEffect, useMemo, useRef, useState } from 'react';
import { useNodeTypes } from '../i18n/catalog';
import { useT } from '../i18n/i18n';
import { searchNodeTypes } from '../palette/search';
import { useActions, useAppStore } from '../store/store-context';
import { refusalKey } from './refusal-key';

/** Type-to-add popup where the pointer is; connects to a dropped wire when there is one. */
export function QuickAdd() {
  const t = useT();
  const q = useAppStore((s) => s.session.quickAdd);
  const actions = useActions();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const side = q?.from?.side;
  const nodeTypes = useNodeTypes();
  const candidates = useMemo(() => {
    const usable = nodeTypes.filter((nt) =>
      side === 'source' ? nt.inputs.length > 0 : side === 'target' ? nt.outputs.length > 0 : true,
    );
    return searchNodeTypes(query, usable);
  }, [query, side, nodeTypes]);

  useEffect(() => {
    setQuery('');
    setActive(0);
    if (q !== null) input.current?.focus();
  }, [q]);

  if (q === null) return null;
  const choose = (type: string): void => {
    actions.openQuickAdd(null);
    const r = actions.addNode(type, q.flow, q.from);
    if (r.refusal !== undefined && !r.refusal.ok) actions.toast(refusalKey[r.refusal.reason], undefined, 'error');
  };
  const left = Math.min(q.screen.x, window.innerWidth - 320);
  const top = Math.min(q.screen.y, window.innerHeight - 360);
  return (
    <div
      className="quick-add"
      style={{ left, top }}
      data-testid="quick-add"
      role="dialog"
      aria-label={t('quickAdd.title')}
    >
      <input
        ref={input}
        value={query}
        placeholder={t('quickAdd.placeholder')}
        aria-label={t('quickAdd.placeholder')}
        data-testid="quick-add-input"
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Escape') actions.openQuickAdd(null);
          else if (e.key === 'ArrowDown') setActive((a) => Math.min(a + 1, candidates.length - 1));
          else if (e.key === 'ArrowUp') setActive((a) => Math.max(a - 1, 0));
          else if (e.key === 'Enter') {
            const c = candidates[active];
            if (c !== undefined) choose(c.type);
          } else return;
          e.preventDefault();
        }}
        onBlur={(e) => {
          if (!(e.relatedTarget instanceof Node && e.currentTarget.parentElement?.contains(e.relatedTarget)))
            actions.openQuickAdd(null);
        }}
      />
      <ul role="listbox">
        {candidates.length === 0 ? <li className="quick-add-none">{t('quickAdd.none')}</li> : null}
        {candidates.map((c, i) => (
          <li key={c.type} role="option" aria-selected={i === active}>
            <button
              type="button"
              className={i === active ? 'is-active' : ''}
              data-testid={`quick-add-item-${c.type}`}
              onMouseDown={(e) => e.preventDefault()}
              onMouseEnter={() => setActive(i)}
              onClick={() => choose(c.type)}
            >
              <span className={`cat-dot cat-${c.category}`} />
              <span className="qa-label">{c.label}</span>
              <span className="qa-type">{c.type}</span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
