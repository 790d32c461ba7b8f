import { useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { functionKinds, type FunctionEntry, type FunctionKind } from '../../../../shared/ipc/function-ops';
import { useT } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages.en';
import { byName, signatureText } from './signatures';

const KIND_LABEL: Readonly<Record<FunctionKind, MessageKey>> = {
  scalar: 'functions.kind.scalar',
  aggregate: 'functions.kind.aggregate',
  window: 'functions.kind.window',
  macro: 'functions.kind.macro',
};

/** Rows shown at once: the search narrows the rest. */
const SHOWN = 200;

interface Row {
  name: string;
  kind: FunctionKind;
  signature: string;
  overloads: number;
  description: string | null;
}

/** One row per name and kind, filtered by a search over names and descriptions. */
export function browserRows(fns: readonly FunctionEntry[], query: string, kind: FunctionKind | ''): Row[] {
  const q = query.trim().toLowerCase();
  const rows: Row[] = [];
  for (const [name, overloads] of byName(fns)) {
    const fitting = overloads.filter((f) => kind === '' || f.kind === kind);
    const first = fitting[0];
    if (first === undefined) continue;
    if (q !== '' && !name.includes(q) && !(first.description ?? '').toLowerCase().includes(q)) continue;
    rows.push({
      name,
      kind: first.kind,
      signature: signatureText(first),
      overloads: fitting.length,
      description: first.description,
    });
  }
  // Names that start with the search come first.
  return q === '' ? rows : [...rows.filter((r) => r.name.startsWith(q)), ...rows.filter((r) => !r.name.startsWith(q))];
}

/** The "ƒ" button and its searchable list of the engine's functions; choosing one inserts `name(`. */
export function FunctionBrowser({
  functions,
  onInsert,
  testId,
}: {
  functions: readonly FunctionEntry[];
  onInsert: (text: string) => void;
  testId: string;
}) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState('');
  const [kind, setKind] = useState<FunctionKind | ''>('');
  const button = useRef<HTMLButtonElement>(null);
  const listId = useId();
  const rows = useMemo(() => (open ? browserRows(functions, query, kind) : []), [open, functions, query, kind]);

  const close = (): void => {
    setOpen(false);
    button.current?.focus();
  };
  const choose = (name: string): void => {
    setOpen(false);
    onInsert(`${name}(`);
  };
  const onKeyDown = (e: KeyboardEvent): void => {
    if (e.key === 'Escape') {
      e.stopPropagation();
      close();
    }
  };

  return (
    <div className="function-browser">
      <button
        ref={button}
        type="button"
        className="function-browser-toggle"
        aria-label={t('functions.open')}
        title={t('functions.open')}
        aria-expanded={open}
        data-testid={`${testId}-functions`}
        onClick={() => {
          if (open) return close();
          setQuery('');
          setOpen(true);
        }}
      >
        ƒ
      </button>
      {open ? (
        <div
          className="function-browser-panel"
          role="dialog"
          aria-label={t('functions.title')}
          data-testid="function-browser"
          onKeyDown={onKeyDown}
        >
          <div className="function-browser-filters">
            <input
              type="search"
              autoFocus
              value={query}
              placeholder={t('functions.search')}
              aria-label={t('functions.search')}
              aria-controls={listId}
              data-testid="function-browser-search"
              onChange={(e) => setQuery(e.target.value)}
              onKeyDown={(e) => {
                const first = rows[0];
                if (e.key === 'Enter' && first !== undefined) {
                  e.preventDefault();
                  choose(first.name);
                }
              }}
            />
            <select
              aria-label={t('functions.kind')}
              value={kind}
              data-testid="function-browser-kind"
              onChange={(e) => setKind(functionKinds.find((k) => k === e.target.value) ?? '')}
            >
              <option value="">{t('functions.kind.all')}</option>
              {functionKinds.map((k) => (
                <option key={k} value={k}>
                  {t(KIND_LABEL[k])}
                </option>
              ))}
            </select>
          </div>
          <p className="function-browser-count" aria-live="polite">
            {t('functions.count', { count: rows.length })}
          </p>
          <ul id={listId} className="function-browser-list">
            {rows.slice(0, SHOWN).map((r) => (
              <li key={`${r.name}:${r.kind}`}>
                <button
                  type="button"
                  data-testid={`function-${r.name}`}
                  title={r.description ?? undefined}
                  onClick={() => choose(r.name)}
                >
                  <code>{r.signature}</code>
                  <span className="function-kind">{t(KIND_LABEL[r.kind])}</span>
                  {r.overloads > 1 ? (
                    <span className="function-overloads">{t('functions.overloads', { count: r.overloads - 1 })}</span>
                  ) : null}
                  {r.description === null ? null : <span className="function-doc">{r.description}</span>}
                </button>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}

/** A kind's label key, for the completion's info line. */
export function kindLabelKey(kind: FunctionKind): MessageKey {
  return KIND_LABEL[kind];
}
