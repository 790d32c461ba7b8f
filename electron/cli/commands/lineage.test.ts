import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Io } from '../io';
import { lineageCommand } from './lineage';

const EXAMPLES = join(import.meta.dirname, '..', '..', '..', 'examples');

function capture(): { io: Io; text: () => string } {
  let out = '';
  return { io: { out: (s) => (out += s), err: () => undefined, tty: false, columns: 120 }, text: () => out };
}

describe('duto lineage --columns', () => {
  it('prints each output column with its source columns, path and kind; --json includes them', async () => {
    const file = join(EXAMPLES, 'orders-report', 'orders-report.duto.json');
    const text = capture();
    expect(await lineageCommand(file, { columns: true }, text.io)).toBe(0);
    expect(text.text()).toContain(
      'report.revenue ← orders.quantity, orders.unit_price, orders.discount via paid_orders, with_revenue, with_customer, by_month, sorted (aggregation)\n',
    );
    expect(text.text()).toContain(
      'report.country ← customers.country via with_customer, by_month, sorted (identity)\n',
    );
    expect(text.text()).toContain('report.orders ← no source column (a constant or a count) via by_month, sorted\n');
    const json = capture();
    expect(await lineageCommand(file, { json: true }, json.io)).toBe(0);
    const parsed: unknown = JSON.parse(json.text());
    expect(parsed).toMatchObject({
      flows: expect.any(Array),
      columns: {
        nodes: expect.any(Array),
        outputs: expect.arrayContaining([expect.objectContaining({ node: 'report', column: 'month' })]),
      },
    });
  });
});
