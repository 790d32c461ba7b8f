import { describe, expect, it } from 'vitest';
import { NODE_ID_PATTERN } from './document';
import { newNodeId } from './ids';

describe('node ids', () => {
  it.each([
    ['Paid orders', 'paid_orders'],
    ['transform.filter', 'filter'],
    ['Preço médio (R$)', 'preco_medio_r'],
    ['2024 sales', 'node_2024_sales'],
    ['!!!', 'node'],
  ])('%s → %s', (base, id) => {
    expect(newNodeId(base, new Set())).toBe(id);
    expect(id).toMatch(NODE_ID_PATTERN);
  });

  it('stays unique without renumbering others', () => {
    expect(newNodeId('filter', new Set(['filter', 'filter_2']))).toBe('filter_3');
  });
});
