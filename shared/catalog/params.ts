import { z } from 'zod';
import { CONNECTION_NAME_PATTERN } from '../connections/connection';

/**
 * Typed node parameters. Each param is a zod schema (so a node reads its
 * params fully typed, without casts) registered with UI metadata (so the
 * inspector builds its form by switching on `kind`, never on the node type).
 */

export interface ShowIf {
  /** Show this param only when `param` has one of these values. */
  param: string;
  equals: ReadonlyArray<string | number | boolean>;
}

interface MetaBase {
  label: string;
  description?: string;
  /** Show the description only when this holds (a hint about one choice of a sibling param). */
  descriptionIf?: ShowIf;
  showIf?: ShowIf;
  /** Shown under "more options" in the inspector. */
  advanced?: boolean;
  required?: boolean;
  placeholder?: string;
  /** The value may be absent, and then the engine works it out (a CSV's delimiter is detected). */
  detected?: boolean;
}

export type ParamMeta =
  /** `connection`: the value names a connection of one of these kinds (a picker of defined connections fits). */
  | (MetaBase & { kind: 'string'; connection?: { kinds: readonly string[] } })
  | (MetaBase & { kind: 'text' })
  | (MetaBase & { kind: 'number'; min?: number; max?: number; integer: boolean })
  | (MetaBase & { kind: 'boolean' })
  | (MetaBase & { kind: 'enum'; options: ReadonlyArray<{ value: string; label: string }> })
  | (MetaBase & {
      kind: 'path';
      access: 'read' | 'write';
      accepts: 'file' | 'file-or-glob' | 'dir';
      extensions: readonly string[];
    })
  /** One column of the input on `port`. */
  | (MetaBase & { kind: 'column'; port: string })
  | (MetaBase & { kind: 'columns'; port: string })
  /** A SQL expression evaluated over the input on `port`. */
  | (MetaBase & { kind: 'expression'; port: string })
  /** A whole SQL query over the node's inputs. */
  | (MetaBase & { kind: 'sql' })
  | (MetaBase & { kind: 'type' })
  | (MetaBase & { kind: 'strings' })
  /** A list of rows, each with the given fields. */
  /**
   * A list of rows, each with the given fields. `grid`: the rows are the columns
   * of the input on `port`, one row per column (its `column` field names it).
   */
  | (MetaBase & {
      kind: 'list';
      fields: Readonly<Record<string, z.ZodType>>;
      itemLabel: string;
      grid?: { port: string; others?: string };
    });

export type ParamKind = ParamMeta['kind'];

/** Schema → UI metadata. A WeakMap rather than a zod registry, whose metadata types cannot hold schemas. */
const registry = new WeakMap<z.ZodType, ParamMeta>();

export function paramMeta(schema: z.ZodType): ParamMeta | undefined {
  return registry.get(schema);
}

type Common = Omit<MetaBase, 'required'>;

/** The length of `s` in UTF-8, as a file system counts a name (shared code has neither Buffer nor TextEncoder). */
function utf8Bytes(s: string): number {
  let n = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return n;
}

/** Text that may be written as one string or, in a saved file, as an array of lines (readable diffs). */
function multilineText(missing: string) {
  return z
    .union([z.string(), z.array(z.string())], {
      error: (issue) => (issue.input === undefined ? missing : 'expected text, or an array of lines'),
    })
    .transform((v) => (Array.isArray(v) ? v.join('\n') : v));
}
const multiline = multilineText('required');

function reg<T extends z.ZodType>(schema: T, meta: ParamMeta): T {
  registry.set(schema, meta);
  return schema;
}

export const p = {
  string(o: Common & { default?: string; pattern?: RegExp; patternMessage?: string; maxLength?: number }) {
    let s = z.string();
    if (o.pattern !== undefined) s = s.regex(o.pattern, o.patternMessage ?? 'invalid value');
    if (o.maxLength !== undefined) s = s.max(o.maxLength, `at most ${o.maxLength} characters`);
    return reg(s.default(o.default ?? ''), { ...o, kind: 'string' });
  },
  requiredString(o: Common) {
    return reg(z.string().min(1, 'required'), { ...o, kind: 'string', required: true });
  },
  /** A single character, such as a CSV delimiter. */
  char(o: Common & { default: string; allowEmpty?: boolean }) {
    const s =
      o.allowEmpty === true
        ? z.string().max(1, 'expected at most one character')
        : z.string().length(1, 'expected one character');
    return reg(s.default(o.default), { ...o, kind: 'string' });
  },
  /** A single character the engine detects when it is absent. */
  detectedChar(o: Common & { allowEmpty?: boolean }) {
    const s =
      o.allowEmpty === true
        ? z.string().max(1, 'expected at most one character')
        : z.string().length(1, 'expected one character');
    return reg(s.optional(), { ...o, kind: 'string', detected: true });
  },
  /** A yes/no the engine detects when it is absent. */
  detectedBoolean(o: Common) {
    return reg(z.boolean().optional(), { ...o, kind: 'boolean', detected: true });
  },
  /** A whole number the engine detects when it is absent. */
  detectedNumber(o: Common & { min?: number; max?: number }) {
    let s = z.number().int('expected a whole number');
    if (o.min !== undefined) s = s.min(o.min, `must be at least ${o.min}`);
    if (o.max !== undefined) s = s.max(o.max, `must be at most ${o.max}`);
    return reg(s.optional(), { ...o, kind: 'number', integer: true, detected: true });
  },
  /** One of some values, detected by the engine when absent. */
  detectedEnum<const V extends readonly [string, ...string[]]>(
    o: Common & { values: V; labels?: Readonly<Record<string, string>> },
  ) {
    const options = o.values.map((value) => ({ value, label: o.labels?.[value] ?? value }));
    return reg(z.enum(o.values).optional(), { ...o, kind: 'enum', options, detected: true });
  },
  /** Text the engine detects when absent (a date format). */
  detectedString(o: Common & { maxLength?: number }) {
    let s = z.string();
    if (o.maxLength !== undefined) s = s.max(o.maxLength, `at most ${o.maxLength} characters`);
    return reg(s.optional(), { ...o, kind: 'string', detected: true });
  },
  text(o: Common & { default?: string }) {
    return reg(multiline.default(o.default ?? ''), { ...o, kind: 'text' });
  },
  number(o: Common & { default: number; min?: number; max?: number; integer?: boolean }) {
    let s = o.integer === true ? z.number().int('expected a whole number') : z.number();
    if (o.min !== undefined) s = s.min(o.min, `must be at least ${o.min}`);
    if (o.max !== undefined) s = s.max(o.max, `must be at most ${o.max}`);
    return reg(s.default(o.default), { ...o, kind: 'number', integer: o.integer === true });
  },
  boolean(o: Common & { default: boolean }) {
    return reg(z.boolean().default(o.default), { ...o, kind: 'boolean' });
  },
  enum<const V extends readonly [string, ...string[]]>(
    o: Common & { values: V; labels?: Readonly<Record<string, string>>; default: V[number] },
  ) {
    const options = o.values.map((value) => ({ value, label: o.labels?.[value] ?? value }));
    return reg(z.enum(o.values).default(o.default), { ...o, kind: 'enum', options });
  },
  path(
    o: Common & { access: 'read' | 'write'; accepts: 'file' | 'file-or-glob' | 'dir'; extensions: readonly string[] },
  ) {
    // No file system takes a NUL or a name over 255 bytes; a written file also needs room for its temporary
    // name beside it (`.duto-tmp-<pid>-<token>-new-<name>`), so there the limit is 200 bytes.
    const longest = o.access === 'write' ? 200 : 255;
    const path = z
      .string()
      .min(1, 'a path is required')
      .refine((v) => !v.includes('\0'), 'a path cannot contain a NUL character')
      .refine(
        (v) => v.split(/[\\/]/).every((name) => utf8Bytes(name) <= longest),
        o.access === 'write'
          ? 'a file name Duto writes may be at most 200 bytes long'
          : 'a name in this path is longer than 255 bytes, more than file systems allow',
      );
    return reg(path, { ...o, kind: 'path', required: true });
  },
  column(o: Common & { port?: string; optional?: boolean }) {
    const s = o.optional === true ? z.string().default('') : z.string().min(1, 'pick a column');
    return reg(s, { ...o, kind: 'column', port: o.port ?? 'in', required: o.optional !== true });
  },
  columns(o: Common & { port?: string; min?: number }) {
    const min = o.min ?? 0;
    const s = z
      .array(z.string().min(1, 'empty column name'))
      .min(min, min === 1 ? 'pick at least one column' : `pick at least ${min} columns`);
    return reg(min > 0 ? s : s.default([]), { ...o, kind: 'columns', port: o.port ?? 'in', required: min > 0 });
  },
  expression(o: Common & { port?: string; optional?: boolean }) {
    const s =
      o.optional === true
        ? multiline.default('')
        : multilineText('an expression is required').pipe(z.string().trim().min(1, 'an expression is required'));
    return reg(s, { ...o, kind: 'expression', port: o.port ?? 'in', required: o.optional !== true });
  },
  sql(o: Common) {
    return reg(multilineText('a query is required').pipe(z.string().trim().min(1, 'a query is required')), {
      ...o,
      kind: 'sql',
      required: true,
    });
  },
  type(o: Common & { default?: string }) {
    const s = z.string().min(1, 'pick a type');
    return reg(o.default === undefined ? s : s.default(o.default), {
      ...o,
      kind: 'type',
      required: o.default === undefined,
    });
  },
  strings(o: Common & { default?: string[] }) {
    return reg(z.array(z.string()).default(o.default ?? []), { ...o, kind: 'strings' });
  },
  /** The name of a connection defined outside the pipeline; never a URL or a password. */
  connection(o: Common & { kinds: readonly string[] }) {
    const s = z
      .string()
      .min(1, 'pick a connection')
      .regex(
        CONNECTION_NAME_PATTERN,
        'expected the name of a connection (lowercase letters, digits and _), never a URL or a password',
      );
    return reg(s, { ...o, kind: 'string', required: true, connection: { kinds: o.kinds } });
  },
  list<const F extends Record<string, z.ZodType>>(
    o: Common & { fields: F; itemLabel: string; min?: number; grid?: { port: string; others?: string } },
  ) {
    const min = o.min ?? 0;
    const s = z
      .array(z.strictObject(o.fields))
      .min(min, min === 1 ? `add at least one ${o.itemLabel}` : `add at least ${min} ${o.itemLabel}s`);
    return reg(min > 0 ? s : s.default([]), { ...o, kind: 'list', fields: o.fields, required: min > 0 });
  },
};
