import { describe, expect, it } from 'vitest';
import { errorsOf, runOk, tmpDir } from '../../../test/catalog-kit';
import { pipeline } from '../../../test/pipeline-builder';
import type { JsonValue } from '../../format/json';

const dir = tmpDir({ 'sales.csv': 'region,y2023,y2024,note\nnorth,10,20,a\nsouth,5,,b\n' });
const unpivoted = (params: Record<string, JsonValue>) =>
  pipeline()
    .node('sales', 'source.csv', { path: 'sales.csv' })
    .node('t', 'transform.unpivot', params, { in: 'sales' })
    .build();

describe('transform.unpivot', () => {
  it('turns columns into rows of a name and a value, leaving empty values out unless asked', async () => {
    const r = await runOk(unpivoted({ columns: ['y2023', 'y2024'], nameColumn: 'year', valueColumn: 'amount' }), dir);
    expect(await r.query('SELECT region, year, amount FROM t ORDER BY ALL')).toEqual([
      { region: 'north', year: 'y2023', amount: 10 },
      { region: 'north', year: 'y2024', amount: 20 },
      { region: 'south', year: 'y2023', amount: 5 },
    ]);
    r.close();
    const withNulls = await runOk(unpivoted({ columns: ['y2023', 'y2024'], includeNulls: true }), dir);
    expect(await withNulls.query("SELECT value FROM t WHERE region = 'south' ORDER BY name")).toEqual([
      { value: 5 },
      { value: null },
    ]);
    withNulls.close();
  });

  it('columns of different types need converting to text, which it then does', async () => {
    expect(await errorsOf(unpivoted({ columns: ['y2023', 'note'] }), dir)).toEqual([
      't asText: the columns have different types (BIGINT, VARCHAR): convert the values to text',
    ]);
    const r = await runOk(unpivoted({ columns: ['y2023', 'note'], asText: true }), dir);
    expect(await r.query("SELECT name, value FROM t WHERE region = 'north' ORDER BY name")).toEqual([
      { name: 'note', value: 'a' },
      { name: 'y2023', value: '10' },
    ]);
    r.close();
  });

  it('names the name and value columns given the same name, and unknown columns', async () => {
    expect(await errorsOf(unpivoted({ columns: ['y2023'], nameColumn: 'x', valueColumn: 'X' }), dir)).toEqual([
      't valueColumn: "X" is given twice',
    ]);
    expect(await errorsOf(unpivoted({ columns: ['y2025'] }), dir)).toEqual([
      expect.stringContaining('t columns: unknown column "y2025"'),
    ]);
  });
});
