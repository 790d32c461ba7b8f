/** What a user reads of one param (or one field of a list param, keyed `list.field`), in one locale. */
export interface ParamText {
  label: string;
  description?: string;
  placeholder?: string;
  /** Enum value → its label. */
  values?: Readonly<Record<string, string>>;
  /** A list param's item, as in "Add a {item}". */
  itemLabel?: string;
}

/** What a user reads of one node type, in one locale. */
export interface NodeText {
  label: string;
  description: string;
  /** Words the palette search also matches in this locale (the English ones still match). */
  keywords?: readonly string[];
  /** Port name → label (inputs and outputs: no node uses a name on both sides). */
  ports?: Readonly<Record<string, string>>;
  /** `param` or `list.field` → its text. */
  params?: Readonly<Record<string, ParamText>>;
}

/** Node type → its text. */
export type CatalogTranslation = Readonly<Record<string, NodeText>>;
