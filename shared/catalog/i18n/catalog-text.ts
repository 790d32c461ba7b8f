import type { NodeType, PortSpec } from '../node-type';
import type { ParamMeta } from '../params';
import { catalogPtBR } from './pt-BR';
import type { CatalogTranslation, NodeText, ParamText } from './types';

/**
 * The catalog's text in the user's language. English lives in the node
 * definitions (shared/catalog/nodes/*.ts) and is the source and the fallback; each
 * other locale is a separate table keyed by node type (./pt-BR.ts), checked
 * complete by catalog-text.test.ts. Nothing here changes what a node does:
 * documents, ids and values stay as they are, only what a user reads changes.
 */

export type { CatalogTranslation, NodeText, ParamText } from './types';

export type CatalogLocale = 'en' | 'pt-BR';

export const catalogTranslations: Readonly<Record<Exclude<CatalogLocale, 'en'>, CatalogTranslation>> = {
  'pt-BR': catalogPtBR,
};

function tableOf(locale: CatalogLocale): CatalogTranslation | undefined {
  return locale === 'en' ? undefined : catalogTranslations[locale];
}

/** A node type's translated text, if the locale has it. */
export function nodeTextOf(nodeType: string, locale: CatalogLocale): NodeText | undefined {
  return tableOf(locale)?.[nodeType];
}

/** `measures.0.column`, `measures[0].column` → `measures.column`: the key a translation uses for a param or a list field. */
export function paramKey(path: string): string {
  return path
    .replace(/\[\d+\]/g, '')
    .split('.')
    .filter((s) => s !== '' && !/^\d+$/.test(s))
    .join('.');
}

/** A param's (or a list field's) translated text, if the locale has it. */
export function paramTextOf(nodeType: string, path: string, locale: CatalogLocale): ParamText | undefined {
  return nodeTextOf(nodeType, locale)?.params?.[paramKey(path)];
}

/** A port's label in the locale (English when untranslated). */
export function portLabel(nodeType: string, port: PortSpec, locale: CatalogLocale): string {
  return nodeTextOf(nodeType, locale)?.ports?.[port.name] ?? port.label;
}

/** A node type's label in the locale (English when untranslated). */
export function nodeLabel(type: NodeType, locale: CatalogLocale): string {
  return nodeTextOf(type.type, locale)?.label ?? type.label;
}

/**
 * A param's UI metadata with its label, description, placeholder, enum
 * labels and list item label in the locale; what is untranslated stays English.
 */
export function localizeParamMeta(nodeType: string, path: string, meta: ParamMeta, locale: CatalogLocale): ParamMeta {
  const tr = paramTextOf(nodeType, path, locale);
  if (tr === undefined) return meta;
  const out: ParamMeta = { ...meta, label: tr.label ?? meta.label };
  if (tr.description !== undefined && meta.description !== undefined) out.description = tr.description;
  if (tr.placeholder !== undefined && meta.placeholder !== undefined) out.placeholder = tr.placeholder;
  if (out.kind === 'enum' && tr.values !== undefined) {
    const values = tr.values;
    out.options = out.options.map((o) => ({ value: o.value, label: values[o.value] ?? o.label }));
  }
  if (out.kind === 'list' && tr.itemLabel !== undefined) out.itemLabel = tr.itemLabel;
  return out;
}

/**
 * The node type as a user of the locale reads it: label, description and
 * ports translated; keywords in the locale, plus the English label and
 * keywords (so "filter" still finds Filtrar linhas). Everything else is the
 * same object's (params, parseParams).
 */
export function localizeNodeType(type: NodeType, locale: CatalogLocale): NodeType {
  const tr = nodeTextOf(type.type, locale);
  if (tr === undefined) return type;
  const port = (p: PortSpec): PortSpec => ({ ...p, label: tr.ports?.[p.name] ?? p.label });
  return {
    ...type,
    label: tr.label,
    description: tr.description,
    keywords: [...(tr.keywords ?? []), type.label.toLowerCase(), ...type.keywords],
    inputs: type.inputs.map(port),
    outputs: type.outputs.map(port),
  };
}

const cache = new Map<string, { types: readonly NodeType[]; byType: ReadonlyMap<string, NodeType> }>();

/** Every node type, localized, in palette order; and by type. Computed once per locale and type list. */
export function localizedCatalog(
  types: readonly NodeType[],
  locale: CatalogLocale,
): { types: readonly NodeType[]; byType: ReadonlyMap<string, NodeType> } {
  const key = locale;
  const hit = cache.get(key);
  if (hit !== undefined && hit.types.length === types.length && hit.types.every((t, i) => t.type === types[i]?.type))
    return hit;
  const localized = types.map((t) => localizeNodeType(t, locale));
  const made = { types: localized, byType: new Map(localized.map((t) => [t.type, t])) };
  cache.set(key, made);
  return made;
}
