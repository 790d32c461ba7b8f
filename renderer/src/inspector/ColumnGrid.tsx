import { useMemo, useState } from 'react';
import type { ParamMeta } from '../../../shared/catalog/params';
import type { JsonValue } from '../../../shared/format/json';
import { useT } from '../i18n/i18n';
import { editRow, gridParam, gridRows, matchingRows, moveRow, setKeep, type GridRow } from './column-grid';
import { COMMON_TYPES } from './common-types';
import type { FieldContext } from './param-values';

type GridMeta = Extract<ParamMeta, { kind: 'list' }> & { grid: { port: string; others?: string } };

/**
 * Every column of the input in one table (like Alteryx's Select or KNIME's
 * Column Filter): keep, rename and type per row, a search that filters the
 * rows, and all/none for the rows shown. Any edit writes every row back, so
 * the saved list says exactly what the grid showed.
 */
export function ColumnGrid(p: {
  path: string;
  meta: GridMeta;
  value: JsonValue | undefined;
  onChange: (v: JsonValue) => void;
  ctx: FieldContext;
}) {
  const t = useT();
  const [query, setQuery] = useState('');
  const others = p.meta.grid.others === undefined ? undefined : p.ctx.paramValue(p.meta.grid.others);
  const columns = p.ctx.columnsOf(p.meta.grid.port);
  const rows = useMemo(() => gridRows(p.value, columns, others !== 'drop'), [p.value, columns, others]);
  const shown = useMemo(() => matchingRows(rows, query), [rows, query]);
  const id = `param-${p.path.replace(/\./g, '-')}`;
  const write = (next: readonly GridRow[]): void => p.onChange(gridParam(next));
  const kept = rows.filter((r) => r.keep).length;
  return (
    <div className="column-grid" data-testid={id}>
      {columns === undefined ? <p className="muted">{t('grid.noInput')}</p> : null}
      <div className="column-grid-tools">
        <input
          type="search"
          data-testid={`${id}-search`}
          value={query}
          placeholder={t('grid.search')}
          aria-label={t('grid.search')}
          onChange={(e) => setQuery(e.target.value)}
        />
        <button type="button" data-testid={`${id}-all`} onClick={() => write(setKeep(rows, shown, true))}>
          {t('grid.all')}
        </button>
        <button type="button" data-testid={`${id}-none`} onClick={() => write(setKeep(rows, shown, false))}>
          {t('grid.none')}
        </button>
        <span className="muted" data-testid={`${id}-count`}>
          {t('grid.count', { kept, total: rows.length })}
        </span>
      </div>
      <table className="column-grid-table">
        <thead>
          <tr>
            <th scope="col">{t('grid.keep')}</th>
            <th scope="col">{t('grid.column')}</th>
            <th scope="col">{t('grid.rename')}</th>
            <th scope="col">{t('grid.type')}</th>
            <th scope="col" aria-label={t('grid.order')} />
          </tr>
        </thead>
        <tbody>
          {shown.map((i) => {
            const r = rows[i];
            if (r === undefined) return null;
            const errors = ['column', 'keep', 'rename', 'type'].flatMap(
              (f) => p.ctx.messages.get(`${p.path}.${i}.${f}`) ?? [],
            );
            return (
              <tr
                key={r.column}
                data-testid={`grid-row-${r.column}`}
                className={`${r.keep ? '' : 'is-dropped'}${r.missing ? ' is-missing' : ''}${errors.length > 0 ? ' has-error' : ''}`}
              >
                <td>
                  <input
                    type="checkbox"
                    data-testid={`${id}-${i}-keep`}
                    aria-label={t('grid.keepColumn', { name: r.column })}
                    checked={r.keep}
                    onChange={(e) => write(editRow(rows, i, { keep: e.target.checked }))}
                  />
                </td>
                <td className="column-grid-name" title={errors.join('\n')}>
                  <span className="col-name">{r.column}</span>
                  {r.missing ? <span className="param-error"> {t('grid.missing')}</span> : null}
                  {errors.map((m) => (
                    <span key={m} className="param-error" role="alert" data-testid={`${id}-${i}-error`}>
                      {' '}
                      {m}
                    </span>
                  ))}
                </td>
                <td>
                  <input
                    type="text"
                    data-testid={`${id}-${i}-rename`}
                    aria-label={t('grid.renameColumn', { name: r.column })}
                    value={r.rename}
                    placeholder={r.column}
                    disabled={!r.keep}
                    onChange={(e) => write(editRow(rows, i, { rename: e.target.value }))}
                  />
                </td>
                <td>
                  <input
                    type="text"
                    list="duto-grid-types"
                    data-testid={`${id}-${i}-type`}
                    aria-label={t('grid.typeColumn', { name: r.column })}
                    value={r.type}
                    placeholder={r.inputType ?? ''}
                    disabled={!r.keep}
                    onChange={(e) => write(editRow(rows, i, { type: e.target.value.toUpperCase() }))}
                  />
                </td>
                <td className="column-grid-order">
                  <button
                    type="button"
                    disabled={i === 0 || query !== ''}
                    aria-label={t('param.moveUp')}
                    title={t('param.moveUp')}
                    onClick={() => write(moveRow(rows, i, -1))}
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    disabled={i === rows.length - 1 || query !== ''}
                    aria-label={t('param.moveDown')}
                    title={t('param.moveDown')}
                    onClick={() => write(moveRow(rows, i, 1))}
                  >
                    ↓
                  </button>
                  {r.missing ? (
                    <button
                      type="button"
                      aria-label={t('param.removeRow')}
                      title={t('param.removeRow')}
                      data-testid={`${id}-${i}-remove`}
                      onClick={() => write(rows.filter((_, j) => j !== i))}
                    >
                      ×
                    </button>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {shown.length === 0 && rows.length > 0 ? <p className="muted">{t('grid.noMatch')}</p> : null}
      <datalist id="duto-grid-types">
        {COMMON_TYPES.map((ty) => (
          <option key={ty} value={ty} />
        ))}
      </datalist>
    </div>
  );
}
