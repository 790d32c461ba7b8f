import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { catalog, nodeTypes } from '../index';
import type { NodeType } from '../node-type';
import { paramMeta } from '../params';
import {
  catalogTranslations,
  localizeNodeType,
  localizeParamMeta,
  nodeLabel,
  paramKey,
  portLabel,
  type CatalogTranslation,
  type ParamText,
} from './catalog-text';

/** Entries translated ahead of a param or port not yet in the catalog: none are tolerated today. */
const PENDING: Readonly<Record<string, { ports: readonly string[]; params: readonly string[] }>> = {};

/** Every param and list field of a node type, by translation key (`param`, `list.field`). */
function paramsOf(t: NodeType): Array<[string, z.ZodType]> {
  const out: Array<[string, z.ZodType]> = [];
  const walk = (prefix: string, fields: Readonly<Record<string, z.ZodType>>): void => {
    for (const [name, schema] of Object.entries(fields)) {
      const key = prefix === '' ? name : `${prefix}.${name}`;
      out.push([key, schema]);
      const meta = paramMeta(schema);
      if (meta?.kind === 'list') walk(key, meta.fields);
    }
  };
  walk('', t.params);
  return out;
}

/** What is missing from, or stale in, one locale's table: one line per problem. */
function problems(locale: string, table: CatalogTranslation): string[] {
  const out: string[] = [];
  const blank = (s: string | undefined): boolean => s === undefined || s.trim() === '';
  for (const t of nodeTypes) {
    const at = `${locale} ${t.type}`;
    const tr = table[t.type];
    if (tr === undefined) {
      out.push(`${at}: no entry (label "${t.label}")`);
      continue;
    }
    if (blank(tr.label)) out.push(`${at}: label missing (en: "${t.label}")`);
    if (blank(tr.description)) out.push(`${at}: description missing (en: "${t.description}")`);
    const pending = PENDING[t.type];
    const ports = [...t.inputs, ...t.outputs];
    for (const port of ports)
      if (blank(tr.ports?.[port.name])) out.push(`${at}: port ${port.name} missing (en: "${port.label}")`);
    for (const name of Object.keys(tr.ports ?? {})) {
      if (!ports.some((p) => p.name === name) && pending?.ports.includes(name) !== true)
        out.push(`${at}: port ${name} is not a port of the node`);
    }
    const params = paramsOf(t);
    for (const [key, schema] of params) {
      const meta = paramMeta(schema);
      if (meta === undefined) continue;
      const p: ParamText | undefined = tr.params?.[key];
      const where = `${at}: param ${key}`;
      if (p === undefined || blank(p.label)) {
        out.push(`${where} label missing (en: "${meta.label}")`);
        if (p === undefined) continue;
      }
      if (meta.description !== undefined && blank(p.description))
        out.push(`${where} description missing (en: "${meta.description}")`);
      if (meta.description === undefined && p.description !== undefined)
        out.push(`${where} description given, but the param has none in English`);
      if (meta.placeholder !== undefined && blank(p.placeholder))
        out.push(`${where} placeholder missing (en: "${meta.placeholder}")`);
      if (meta.placeholder === undefined && p.placeholder !== undefined)
        out.push(`${where} placeholder given, but the param has none in English`);
      if (meta.kind === 'enum') {
        for (const o of meta.options)
          if (blank(p.values?.[o.value])) out.push(`${where} value "${o.value}" missing (en: "${o.label}")`);
        for (const v of Object.keys(p.values ?? {}))
          if (!meta.options.some((o) => o.value === v)) out.push(`${where} value "${v}" is not a value of the param`);
      } else if (p.values !== undefined) out.push(`${where} values given, but the param is not a choice`);
      if (meta.kind === 'list') {
        if (blank(p.itemLabel)) out.push(`${where} itemLabel missing (en: "${meta.itemLabel}")`);
      } else if (p.itemLabel !== undefined) out.push(`${where} itemLabel given, but the param is not a list`);
    }
    for (const key of Object.keys(tr.params ?? {})) {
      if (!params.some(([k]) => k === key) && pending?.params.includes(key) !== true)
        out.push(`${at}: param ${key} is not a param of the node`);
    }
  }
  for (const type of Object.keys(table))
    if (!catalog.has(type)) out.push(`${locale} ${type}: not a node type of the catalog`);
  return out;
}

describe('the catalog in every locale', () => {
  it.each(Object.entries(catalogTranslations))(
    '%s translates every node, port and param, and nothing else',
    (locale, table) => {
      expect(problems(locale, table)).toEqual([]);
    },
  );

  it('names exactly what is missing or stale', () => {
    const filter = catalogTranslations['pt-BR']['transform.filter'];
    if (filter === undefined) throw new Error('no filter');
    const broken: CatalogTranslation = {
      ...catalogTranslations['pt-BR'],
      'transform.filter': {
        ...filter,
        ports: { in: 'Linhas' },
        params: { condition: { label: 'Condição' }, gone: { label: 'x' } },
      },
      'transform.nope': { label: 'x', description: 'y' },
    };
    expect(problems('pt-BR', broken)).toEqual([
      'pt-BR transform.filter: port out missing (en: "Kept rows")',
      'pt-BR transform.filter: param condition placeholder missing (en: "status = \'paid\'")',
      'pt-BR transform.filter: param gone is not a param of the node',
      'pt-BR transform.nope: not a node type of the catalog',
    ]);
  });
});

describe('catalog text lookup', () => {
  const checks = catalog.get('quality.checks');
  if (checks === undefined) throw new Error('no quality.checks');

  it('gives the locale text, English for en', () => {
    expect(nodeLabel(checks, 'pt-BR')).toBe('Verificações de dados');
    expect(nodeLabel(checks, 'en')).toBe('Data checks');
    const out = checks.outputs[0];
    if (out === undefined) throw new Error('no output');
    expect(portLabel('quality.checks', out, 'pt-BR')).toBe('As mesmas linhas');
    expect(portLabel('quality.checks', out, 'en')).toBe('The same rows');
  });

  it('translates a param by its path, list rows included, and keeps values and the rest of the metadata', () => {
    expect(paramKey('checks.2.rule')).toBe('checks.rule');
    expect(paramKey('checks[2].rule')).toBe('checks.rule');
    const list = paramMeta(checks.params['checks'] as z.ZodType);
    if (list?.kind !== 'list') throw new Error('checks is a list');
    const rule = paramMeta(list.fields['rule'] as z.ZodType);
    if (rule === undefined) throw new Error('no rule');
    const pt = localizeParamMeta('quality.checks', 'checks.0.rule', rule, 'pt-BR');
    expect(pt.label).toBe('Regra');
    expect(pt.kind === 'enum' ? pt.options.find((o) => o.value === 'not_null') : undefined).toEqual({
      value: 'not_null',
      label: 'Nunca vazio',
    });
    expect(localizeParamMeta('quality.checks', 'checks', list, 'pt-BR')).toMatchObject({
      kind: 'list',
      label: 'Verificações',
      itemLabel: 'verificação',
      fields: list.fields,
    });
    expect(localizeParamMeta('quality.checks', 'checks.0.rule', rule, 'en')).toBe(rule);
  });

  it('finds nodes by Portuguese words, and still by English ones', () => {
    const pt = nodeTypes.map((t) => localizeNodeType(t, 'pt-BR'));
    const find = (w: string): string[] =>
      pt.filter((t) => [t.label, ...t.keywords].join(' ').toLowerCase().includes(w)).map((t) => t.type);
    expect(find('filtrar')).toContain('transform.filter');
    expect(find('juntar')).toContain('transform.join');
    expect(find('agrupar')).toContain('transform.aggregate');
    expect(find('filter')).toContain('transform.filter');
    expect(pt.find((t) => t.type === 'transform.filter')?.parseParams).toBe(
      catalog.get('transform.filter')?.parseParams,
    );
  });
});
