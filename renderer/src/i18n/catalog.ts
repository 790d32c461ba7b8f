import { nodeTypes } from '../../../shared/catalog/index';
import { localizedCatalog } from '../../../shared/catalog/i18n/catalog-text';
import type { NodeType } from '../../../shared/catalog/node-type';
import { useLocale } from './i18n';

/**
 * The node catalog as the user reads it: labels, descriptions, search
 * keywords and port labels in the user's locale (shared/catalog/i18n),
 * English where untranslated. Same objects for the same locale, so they can
 * be memo dependencies. Param texts: localizeParamMeta (inspector/ParamField).
 */
export function useNodeTypes(): readonly NodeType[] {
  return localizedCatalog(nodeTypes, useLocale()).types;
}

/** Node type name → the localized node type. */
export function useCatalog(): ReadonlyMap<string, NodeType> {
  return localizedCatalog(nodeTypes, useLocale()).byType;
}
