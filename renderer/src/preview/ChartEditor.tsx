import type { Column } from '../../../shared/catalog/node-type';
import { CHART_AGGREGATES, CHART_TYPES, type ChartAggregate, type ChartType } from '../../../shared/charts/chart-spec';
import { useT } from '../i18n/i18n';
import { usesField, withAggregate, withField, withType, type ChartDraft, type DraftField } from './chart-draft';

function isChartType(v: string): v is ChartType {
  return CHART_TYPES.some((t) => t === v);
}

function isAggregate(v: string): v is ChartAggregate {
  return CHART_AGGREGATES.some((a) => a === v);
}

/** The chart's type and encodings, picked from the node's live columns. */
export function ChartEditor({
  draft,
  columns,
  onChange,
}: {
  draft: ChartDraft;
  columns: readonly Column[];
  onChange: (d: ChartDraft) => void;
}) {
  const t = useT();
  const column = (field: Exclude<DraftField, 'title'>, label: string, optional: boolean) => (
    <label className="chart-field">
      <span>{label}</span>
      <select
        value={draft[field] ?? ''}
        onChange={(e) => onChange(withField(draft, field, e.target.value))}
        data-testid={`chart-${field}`}
      >
        <option value="">{optional ? t('chart.none') : t('chart.pick')}</option>
        {columns.map((c) => (
          <option key={c.name} value={c.name}>
            {c.name}
          </option>
        ))}
      </select>
    </label>
  );
  const yOptional = draft.type === 'bar' || draft.type === 'line' || draft.type === 'area';
  return (
    <div className="chart-editor" data-testid="chart-editor">
      <label className="chart-field">
        <span>{t('chart.type')}</span>
        <select
          value={draft.type}
          onChange={(e) => {
            if (isChartType(e.target.value)) onChange(withType(draft, e.target.value));
          }}
          data-testid="chart-type"
        >
          {CHART_TYPES.map((type) => (
            <option key={type} value={type}>
              {t(`chart.type.${type}`)}
            </option>
          ))}
        </select>
      </label>
      {column('x', t('chart.x'), false)}
      {usesField(draft.type, 'y') ? column('y', t('chart.y'), yOptional) : null}
      {usesField(draft.type, 'aggregate') ? (
        <label className="chart-field">
          <span>{t('chart.aggregate')}</span>
          <select
            value={draft.aggregate ?? 'count'}
            onChange={(e) => {
              if (isAggregate(e.target.value)) onChange(withAggregate(draft, e.target.value));
            }}
            data-testid="chart-aggregate"
          >
            {CHART_AGGREGATES.map((a) => (
              <option key={a} value={a}>
                {t(`chart.agg.${a}`)}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {usesField(draft.type, 'value') ? column('value', t('chart.value'), true) : null}
      {usesField(draft.type, 'color') ? column('color', t('chart.color'), true) : null}
      <label className="chart-field chart-title-field">
        <span>{t('chart.chartTitle')}</span>
        <input
          type="text"
          value={draft.title ?? ''}
          maxLength={200}
          onChange={(e) => onChange(withField(draft, 'title', e.target.value))}
          data-testid="chart-title"
        />
      </label>
    </div>
  );
}
