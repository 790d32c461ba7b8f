import { useCallback } from 'react';
import { localizeParamMeta } from '../../../shared/catalog/i18n/catalog-text';
import { catalog } from '../../../shared/catalog/index';
import type { NodeType } from '../../../shared/catalog/node-type';
import { paramMeta } from '../../../shared/catalog/params';
import { diagnosticText, type DiagnosticData } from '../../../shared/diagnostics';
import { useAppStore } from '../store/store-context';
import { translator, useLocale, type Locale } from './i18n';

type Shown = DiagnosticData & { param?: string | undefined; nodeId?: string | undefined };

/**
 * Where a param path points, as a user reads it: `casts.0.column` →
 * "Casts, row 1, Column" (labels from the catalog, in the locale; rows
 * counted from 1). A path the node type does not describe is left out
 * rather than shown raw.
 */
export function paramPlace(type: NodeType | undefined, param: string, locale: Locale): string | undefined {
  if (type === undefined) return undefined;
  const t = translator(locale);
  const parts = param
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter((s) => s !== '');
  const [first, ...rest] = parts;
  const schema = first === undefined ? undefined : type.params[first];
  const meta = schema === undefined ? undefined : paramMeta(schema);
  if (first === undefined || meta === undefined) return undefined;
  const out = [localizeParamMeta(type.type, first, meta, locale).label];
  let fields = meta.kind === 'list' ? meta.fields : undefined;
  let path = first;
  for (const part of rest) {
    if (/^\d+$/.test(part)) {
      out.push(t('diagnostic.row', { n: Number(part) + 1 }));
      continue;
    }
    const field = fields?.[part];
    const fieldMeta = field === undefined ? undefined : paramMeta(field);
    if (fieldMeta === undefined) break;
    path = `${path}.${part}`;
    out.push(localizeParamMeta(type.type, path, fieldMeta, locale).label);
    fields = fieldMeta.kind === 'list' ? fieldMeta.fields : undefined;
  }
  return out.join(', ');
}

/** A diagnostic's message in the locale; with `place`, led by the param it blames ("Casts, row 1, Column: …"). */
export function localizedDiagnostic(d: Shown, type: NodeType | undefined, locale: Locale, place: boolean): string {
  const message = diagnosticText(d, locale);
  const where = place && d.param !== undefined ? paramPlace(type, d.param, locale) : undefined;
  return where === undefined ? message : translator(locale)('diagnostic.place', { place: where, message });
}

/**
 * The function that shows diagnostics in the user's language. A node's type
 * is read from the open document (the param labels are its type's).
 */
export function useDiagnosticText(): (d: Shown, opts?: { place?: boolean }) => string {
  const locale = useLocale();
  const nodes = useAppStore((s) => s.doc.document.nodes);
  return useCallback(
    (d, opts) => {
      const nodeType = d.nodeId === undefined ? undefined : nodes.find((n) => n.id === d.nodeId)?.type;
      return localizedDiagnostic(
        d,
        nodeType === undefined ? undefined : catalog.get(nodeType),
        locale,
        opts?.place ?? true,
      );
    },
    [locale, nodes],
  );
}

/** An operation's error as the user reads it: its diagnostics in the locale when it carries them, else its English message. */
export function ipcErrorText(
  e: { message: string; diagnostics?: readonly DiagnosticData[] | undefined },
  locale: Locale,
): string {
  const ds = e.diagnostics ?? [];
  return ds.length === 0 ? e.message : ds.map((d) => diagnosticText(d, locale)).join('\n');
}
