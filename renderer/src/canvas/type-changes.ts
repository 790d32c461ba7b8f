import { useMemo } from 'react';
import type { Column } from '../../../shared/catalog/node-type';
import { upstreamNodeIds, type PipelineNode } from '../../../shared/format/document';
import { useAppStore } from '../store/store-context';

/**
 * The output columns whose type differs from the same column coming in
 * (matched by name, as DuckDB does, case-insensitively): a sum widened, a
 * cast, a union that found a common type. The node shows each one, so a
 * type never changes without a word (issue #11, point 4).
 */
export function typeChanges(
  columns: readonly Column[],
  inputs: ReadonlyArray<readonly Column[] | undefined>,
): ReadonlyMap<string, string> {
  const before = new Map<string, string>();
  for (const input of inputs) {
    for (const c of input ?? []) {
      const key = c.name.toLowerCase();
      if (!before.has(key)) before.set(key, c.type);
    }
  }
  const changed = new Map<string, string>();
  for (const c of columns) {
    const from = before.get(c.name.toLowerCase());
    if (from !== undefined && from.toUpperCase() !== c.type.toUpperCase()) changed.set(c.name, from);
  }
  return changed;
}

const NONE: ReadonlyMap<string, string> = new Map();

/** The node's type changes, recomputed only when its columns or the checked schemas change. */
export function useTypeChanges(
  node: PipelineNode,
  columns: readonly Column[] | undefined,
): ReadonlyMap<string, string> {
  const schemas = useAppStore((s) => s.check.schemas);
  return useMemo(
    () =>
      columns === undefined
        ? NONE
        : typeChanges(
            columns,
            upstreamNodeIds(node).map((id) => schemas[id]),
          ),
    [node, columns, schemas],
  );
}
