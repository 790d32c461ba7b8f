import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { catalog } from '../shared/catalog/index';
import type { Column, Compiled, InputRelation, NodeType } from '../shared/catalog/node-type';
import { compilePipeline } from '../shared/compiler/compile';
import type { Plan } from '../shared/compiler/plan';
import type { PipelineDocument, PipelineNode } from '../shared/format/document';

/**
 * Compiles catalog nodes without a database, for the nodes whose rows a
 * connector reads or writes (databases, workbooks, HTTP): their tests check
 * the spec the connector is given (the connectors' own tests read and write
 * for real).
 */

/** A folder holding `book.xlsx` and `shop.sqlite` (not read at compile time). */
export const compileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'duto-catalog-ext-'));
fs.writeFileSync(path.join(compileDir, 'book.xlsx'), 'not read at compile time');
fs.writeFileSync(path.join(compileDir, 'shop.sqlite'), 'not read at compile time');

const opts = {
  catalog,
  resolvePath: (p: string) => path.resolve(compileDir, p),
  statPath: (p: string) =>
    fs.existsSync(p) ? (fs.statSync(p).isDirectory() ? ('dir' as const) : ('file' as const)) : ('missing' as const),
  glob: () => ({ problem: 'no globs in this test' }),
};

export const docOf = (...nodes: PipelineNode[]): PipelineDocument => ({ format: 'duto.pipeline', version: 2, nodes });

const ID_COLUMN: Column[] = [{ name: 'id', type: 'BIGINT' }];

/** The whole document compiled, every input having one BIGINT column `id`. */
export function planOf(doc: PipelineDocument): Plan {
  return compilePipeline(doc, opts, () => ID_COLUMN);
}

/** The errors of a document, as `node.param: message`. */
export function compileErrors(doc: PipelineDocument): string[] {
  return planOf(doc)
    .diagnostics.filter((x) => x.severity === 'error')
    .map((x) => `${x.nodeId ?? '-'}.${x.param ?? ''}: ${x.message}`);
}

/** One node type compiled alone with raw params: what it compiles to, or its param issues. */
export function compileType(
  node: NodeType,
  raw: unknown,
  inputs: Record<string, InputRelation[]> = {},
): Compiled | Array<{ param: string; message: string }> {
  const parsed = node.parseParams(raw);
  if (!parsed.ok) return parsed.issues;
  return parsed.compile({ nodeId: 'n', inputs, ...opts });
}

/** A relation named `orders`, of unknown columns. */
export const ordersInput: InputRelation = { ref: 'orders', nodeId: 'orders', sql: '"orders"', schema: undefined };
