import { paramMeta, type ParamMeta } from '../../../shared/catalog/params';
import type { ComponentType } from 'react';
import type { JsonValue } from '../../../shared/format/json';
import { useT } from '../i18n/i18n';
import { asRows, defaultOf, isShown, type FieldContext, type ParamFieldProps } from './param-values';

type ListMeta = Extract<ParamMeta, { kind: 'list' }>;

function move<T>(xs: readonly T[], from: number, to: number): T[] {
  const out = [...xs];
  const [x] = out.splice(from, 1);
  if (x !== undefined) out.splice(to, 0, x);
  return out;
}

/**
 * Rows of fields (measures, sort keys, join keys): add, remove, reorder. Each
 * field is drawn by `Field` (ParamField, passed in: it draws lists with this).
 */
export function ListEditor(p: {
  path: string;
  meta: ListMeta;
  value: JsonValue | undefined;
  onChange: (v: JsonValue) => void;
  ctx: FieldContext;
  Field: ComponentType<ParamFieldProps>;
}) {
  const t = useT();
  const rows = asRows(p.value);
  const fields = Object.entries(p.meta.fields);
  const newRow = (): Record<string, JsonValue> => {
    const row: Record<string, JsonValue> = {};
    for (const [name, schema] of fields) row[name] = defaultOf(schema) ?? '';
    return row;
  };
  const id = `param-${p.path.replace(/\./g, '-')}`;
  return (
    <div className="list-editor" data-testid={id}>
      {rows.length === 0 ? <p className="muted">{t('param.listEmpty', { item: p.meta.itemLabel })}</p> : null}
      <ol className="list-rows">
        {rows.map((row, i) => (
          <li key={i} className="list-row" data-testid={`${id}-row`}>
            <div className="list-row-fields">
              {fields.map(([name, schema]) => {
                const showIf = paramMeta(schema)?.showIf;
                const valueOf = (n: string): JsonValue | undefined => {
                  const s = p.meta.fields[n];
                  return row[n] ?? (s === undefined ? undefined : defaultOf(s));
                };
                if (!isShown(showIf, valueOf)) return null;
                return (
                  <p.Field
                    key={name}
                    path={`${p.path}.${i}.${name}`}
                    schema={schema}
                    value={row[name]}
                    ctx={p.ctx}
                    valueOf={valueOf}
                    onChange={(v) => {
                      const next = rows.map((r, j) => {
                        if (j !== i) return r;
                        const copy: Record<string, JsonValue> = { ...r };
                        if (v === undefined) copy[name] = defaultOf(schema) ?? '';
                        else copy[name] = v;
                        return copy;
                      });
                      p.onChange(next);
                    }}
                  />
                );
              })}
            </div>
            <div className="list-row-actions">
              <button
                type="button"
                disabled={i === 0}
                aria-label={t('param.moveUp')}
                title={t('param.moveUp')}
                onClick={() => p.onChange(move(rows, i, i - 1))}
              >
                ↑
              </button>
              <button
                type="button"
                disabled={i === rows.length - 1}
                aria-label={t('param.moveDown')}
                title={t('param.moveDown')}
                onClick={() => p.onChange(move(rows, i, i + 1))}
              >
                ↓
              </button>
              <button
                type="button"
                aria-label={t('param.removeRow')}
                title={t('param.removeRow')}
                data-testid={`${id}-remove-${i}`}
                onClick={() => p.onChange(rows.filter((_, j) => j !== i))}
              >
                ×
              </button>
            </div>
          </li>
        ))}
      </ol>
      <button
        type="button"
        className="list-add"
        data-testid={`${id}-add`}
        onClick={() => p.onChange([...rows, newRow()])}
      >
        {t('param.addItem', { item: p.meta.itemLabel })}
      </button>
    </div>
  );
}

/** A list of plain strings (values read as NULL, …). */
export function StringsEditor(p: { id: string; value: string[]; onChange: (v: string[]) => void }) {
  const t = useT();
  return (
    <div className="strings-editor" data-testid={p.id}>
      {p.value.map((s, i) => (
        <div key={i} className="strings-row">
          <input
            type="text"
            value={s}
            aria-label={t('param.value', { n: i + 1 })}
            onChange={(e) => p.onChange(p.value.map((x, j) => (j === i ? e.target.value : x)))}
          />
          <button
            type="button"
            aria-label={t('param.removeRow')}
            onClick={() => p.onChange(p.value.filter((_, j) => j !== i))}
          >
            ×
          </button>
        </div>
      ))}
      <button
        type="button"
        className="list-add"
        onClick={() => p.onChange([...p.value, ''])}
        data-testid={`${p.id}-add`}
      >
        {t('param.addValue')}
      </button>
    </div>
  );
}
