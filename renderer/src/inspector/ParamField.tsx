import { localizeParamMeta } from '../../../shared/catalog/i18n/catalog-text';
import { paramMeta, type ParamMeta } from '../../../shared/catalog/params';
import type { Column } from '../../../shared/catalog/node-type';
import type { JsonValue } from '../../../shared/format/json';
import { useLocale, useT } from '../i18n/i18n';
import { CodeEditor } from './CodeEditor';
import { ColumnGrid } from './ColumnGrid';
import { COMMON_TYPES } from './common-types';
import { ColumnPicker, ColumnsPicker } from './ColumnFields';
import { ListEditor, StringsEditor } from './ListFields';
import { asStrings, asText, defaultOf, effective, isShown, testIdOf, type ParamFieldProps } from './param-values';
import { PathField } from './PathField';
import { useActions } from '../store/store-context';
import { useFunctions } from './expression-help/use-functions';

const NO_COLUMNS: readonly Column[] = [];

/** One param's label, control and messages. The control is chosen by the param's kind, never by the node type. */
export function ParamField(props: ParamFieldProps) {
  const locale = useLocale();
  const english = paramMeta(props.schema);
  if (english === undefined) return null;
  // Label, help, placeholder, choices and list items in the user's locale; values stay as they are.
  const meta = localizeParamMeta(props.ctx.nodeType, props.path, english, locale);
  const id = testIdOf(props.path);
  const messages = props.ctx.messages.get(props.path) ?? [];
  const inline = meta.kind === 'boolean';
  return (
    <div className={`param param-kind-${meta.kind}${messages.length > 0 ? ' has-error' : ''}`}>
      {inline ? null : (
        <label className="param-label" htmlFor={id}>
          {meta.label}
          {meta.required === true ? (
            <span className="required" aria-hidden="true">
              {' '}
              *
            </span>
          ) : null}
        </label>
      )}
      <Control {...props} meta={meta} id={id} invalid={messages.length > 0} />
      {meta.description !== undefined &&
      !inline &&
      (props.valueOf === undefined || isShown(meta.descriptionIf, props.valueOf)) ? (
        <p className="param-help">{meta.description}</p>
      ) : null}
      {messages.map((m) => (
        <p key={m} className="param-error" role="alert" data-testid={`${id}-error`}>
          {m}
        </p>
      ))}
    </div>
  );
}

function Control(p: ParamFieldProps & { meta: ParamMeta; id: string; invalid: boolean }) {
  const t = useT();
  const actions = useActions();
  const { meta, id, schema, onChange, ctx } = p;
  const value = effective(schema, p.value);
  const placeholder = meta.placeholder;
  const functions = useFunctions();
  const errorMark = ctx.errorMarks.get(p.path);
  /** Stores undefined when the value is the default: the file keeps only what differs. */
  const set = (v: JsonValue | undefined): void => {
    const d = defaultOf(schema);
    onChange(v !== undefined && d !== undefined && JSON.stringify(v) === JSON.stringify(d) ? undefined : v);
  };
  switch (meta.kind) {
    case 'string':
      // Left empty, a detected param is detected again (the engine works it out); one detected as none says so.
      return (
        <input
          id={id}
          data-testid={id}
          type="text"
          value={asText(value)}
          placeholder={
            meta.detected === true
              ? p.value === ''
                ? t('param.none')
                : (placeholder ?? t('param.detected'))
              : placeholder
          }
          aria-invalid={p.invalid}
          onChange={(e) => set(meta.detected === true && e.target.value === '' ? undefined : e.target.value)}
        />
      );
    case 'text':
      return (
        <textarea
          id={id}
          data-testid={id}
          rows={3}
          value={asText(value)}
          placeholder={placeholder}
          aria-invalid={p.invalid}
          onChange={(e) => set(e.target.value)}
        />
      );
    case 'number':
      return (
        <input
          id={id}
          data-testid={id}
          type="number"
          value={typeof value === 'number' ? value : ''}
          min={meta.min}
          max={meta.max}
          step={meta.integer ? 1 : 'any'}
          aria-invalid={p.invalid}
          onChange={(e) => set(e.target.value === '' ? undefined : Number(e.target.value))}
        />
      );
    case 'boolean':
      if (meta.detected === true) {
        return (
          <>
            <label className="param-label" htmlFor={id}>
              {meta.label}
            </label>
            <select
              id={id}
              data-testid={id}
              value={value === true ? 'yes' : value === false ? 'no' : ''}
              aria-invalid={p.invalid}
              onChange={(e) => set(e.target.value === '' ? undefined : e.target.value === 'yes')}
            >
              <option value="">{t('param.detected')}</option>
              <option value="yes">{t('param.yes')}</option>
              <option value="no">{t('param.no')}</option>
            </select>
          </>
        );
      }
      return (
        <label className="switch" title={meta.description}>
          <input
            id={id}
            data-testid={id}
            type="checkbox"
            role="switch"
            checked={value === true}
            onChange={(e) => set(e.target.checked)}
          />
          <span className="switch-track" aria-hidden="true" />
          <span>{meta.label}</span>
        </label>
      );
    case 'enum':
      return (
        <select
          id={id}
          data-testid={id}
          value={asText(value)}
          aria-invalid={p.invalid}
          onChange={(e) =>
            set(
              meta.detected === true && e.target.value === '' && !meta.options.some((o) => o.value === '')
                ? undefined
                : e.target.value,
            )
          }
        >
          {meta.detected === true && value === undefined ? <option value="">{t('param.detected')}</option> : null}
          {meta.options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      );
    case 'path':
      // A file chosen to read names a node that has no label yet (and a new node's id follows).
      return (
        <PathField
          id={id}
          meta={meta}
          value={asText(value)}
          onChange={(v) => set(v === '' ? undefined : v)}
          {...(meta.access === 'read' ? { onSettled: (v: string) => actions.nameAfterFile(ctx.nodeId, v) } : {})}
          baseDir={ctx.baseDir}
          invalid={p.invalid}
        />
      );
    case 'column':
      return (
        <ColumnPicker
          id={id}
          value={asText(value)}
          columns={ctx.columnsOf(meta.port)}
          optional={meta.required !== true}
          onChange={set}
          invalid={p.invalid}
        />
      );
    case 'columns':
      return <ColumnsPicker id={id} value={asStrings(value)} columns={ctx.columnsOf(meta.port)} onChange={set} />;
    case 'expression':
      return (
        <CodeEditor
          mode="expression"
          testId={id}
          ariaLabel={meta.label}
          value={asText(value)}
          columns={ctx.columnsOf(meta.port) ?? NO_COLUMNS}
          functions={functions}
          onChange={(v) => set(v)}
          invalid={p.invalid}
          {...(errorMark === undefined ? {} : { errorMark })}
          {...(placeholder === undefined ? {} : { placeholder })}
        />
      );
    case 'sql':
      return (
        <CodeEditor
          mode="sql"
          testId={id}
          ariaLabel={meta.label}
          value={asText(value)}
          tables={ctx.tables}
          functions={functions}
          onChange={(v) => set(v)}
          invalid={p.invalid}
          {...(errorMark === undefined ? {} : { errorMark })}
          {...(placeholder === undefined ? {} : { placeholder })}
        />
      );
    case 'type':
      return (
        <>
          <input
            id={id}
            data-testid={id}
            type="text"
            list="duto-types"
            value={asText(value)}
            placeholder={t('param.typePlaceholder')}
            aria-invalid={p.invalid}
            onChange={(e) => set(e.target.value.toUpperCase())}
          />
          <datalist id="duto-types">
            {COMMON_TYPES.map((ty) => (
              <option key={ty} value={ty} />
            ))}
          </datalist>
        </>
      );
    case 'strings':
      return <StringsEditor id={id} value={asStrings(value)} onChange={set} />;
    case 'list':
      if (meta.grid !== undefined)
        return <ColumnGrid path={p.path} meta={{ ...meta, grid: meta.grid }} value={value} onChange={set} ctx={ctx} />;
      return <ListEditor path={p.path} meta={meta} value={value} onChange={set} ctx={ctx} Field={ParamField} />;
  }
}
