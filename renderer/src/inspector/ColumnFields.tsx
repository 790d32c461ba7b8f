import type { Column } from '../../../shared/catalog/node-type';
import { useT } from '../i18n/i18n';

/** One column of the upstream schema; a plain text box while the schema is unknown. */
export function ColumnPicker(p: {
  id: string;
  value: string;
  columns: Column[] | undefined;
  optional: boolean;
  onChange: (v: string) => void;
  invalid: boolean;
}) {
  const t = useT();
  if (p.columns === undefined) {
    return (
      <input
        id={p.id}
        data-testid={p.id}
        type="text"
        value={p.value}
        placeholder={t('param.columnUnknown')}
        aria-invalid={p.invalid}
        onChange={(e) => p.onChange(e.target.value)}
      />
    );
  }
  const missing = p.value !== '' && !p.columns.some((c) => c.name === p.value);
  return (
    <select
      id={p.id}
      data-testid={p.id}
      value={p.value}
      aria-invalid={p.invalid || missing}
      onChange={(e) => p.onChange(e.target.value)}
    >
      <option value="">{p.optional ? t('param.columnNone') : t('param.columnPick')}</option>
      {missing ? <option value={p.value}>{t('param.columnMissing', { name: p.value })}</option> : null}
      {p.columns.map((c) => (
        <option key={c.name} value={c.name}>
          {c.name} · {c.type}
        </option>
      ))}
    </select>
  );
}

/** An ordered list of upstream columns: chips to remove, a picker to add, "all" to take every column. */
export function ColumnsPicker(p: {
  id: string;
  value: string[];
  columns: Column[] | undefined;
  onChange: (v: string[]) => void;
}) {
  const t = useT();
  const known = new Set((p.columns ?? []).map((c) => c.name));
  const remaining = (p.columns ?? []).filter((c) => !p.value.includes(c.name));
  return (
    <div className="columns-picker" data-testid={p.id}>
      <ul className="chips">
        {p.value.map((name, i) => (
          <li key={name} className={`chip${p.columns !== undefined && !known.has(name) ? ' is-missing' : ''}`}>
            <span>{name}</span>
            <button
              type="button"
              aria-label={t('param.remove', { name })}
              onClick={() => p.onChange(p.value.filter((_, j) => j !== i))}
              data-testid={`${p.id}-remove-${name}`}
            >
              ×
            </button>
          </li>
        ))}
        {p.value.length === 0 ? <li className="muted">{t('param.noColumns')}</li> : null}
      </ul>
      {p.columns === undefined ? (
        <input
          type="text"
          id={p.id}
          placeholder={t('param.columnTypeEnter')}
          onKeyDown={(e) => {
            const v = e.currentTarget.value.trim();
            if (e.key === 'Enter' && v !== '' && !p.value.includes(v)) {
              p.onChange([...p.value, v]);
              e.currentTarget.value = '';
            }
          }}
        />
      ) : (
        <div className="columns-add">
          <select
            id={p.id}
            value=""
            data-testid={`${p.id}-add`}
            aria-label={t('param.addColumn')}
            onChange={(e) => {
              if (e.target.value !== '') p.onChange([...p.value, e.target.value]);
            }}
          >
            <option value="">{t('param.addColumn')}</option>
            {remaining.map((c) => (
              <option key={c.name} value={c.name}>
                {c.name} · {c.type}
              </option>
            ))}
          </select>
          <button
            type="button"
            disabled={remaining.length === 0}
            onClick={() => p.onChange([...p.value, ...remaining.map((c) => c.name)])}
          >
            {t('param.allColumns')}
          </button>
        </div>
      )}
    </div>
  );
}
