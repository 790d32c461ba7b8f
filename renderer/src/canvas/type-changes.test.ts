import { describe, expect, it } from 'vitest';
import { typeChanges } from './type-changes';

describe('typeChanges', () => {
  it('names each output column whose type differs from the same column coming in', () => {
    const input = [
      { name: 'id', type: 'BIGINT' },
      { name: 'amount', type: 'VARCHAR' },
      { name: 'when', type: 'DATE' },
    ];
    const output = [
      { name: 'ID', type: 'bigint' },
      { name: 'amount', type: 'DOUBLE' },
      { name: 'when', type: 'TIMESTAMP' },
      { name: 'total', type: 'HUGEINT' },
    ];
    expect([...typeChanges(output, [input])]).toEqual([
      ['amount', 'VARCHAR'],
      ['when', 'DATE'],
    ]);
  });

  it('takes the first input that has the column (a join reads its left side first), and ignores inputs not known yet', () => {
    const left = [{ name: 'k', type: 'INTEGER' }];
    const right = [
      { name: 'k', type: 'BIGINT' },
      { name: 'v', type: 'VARCHAR' },
    ];
    expect([
      ...typeChanges(
        [
          { name: 'k', type: 'BIGINT' },
          { name: 'v', type: 'VARCHAR' },
        ],
        [undefined, left, right],
      ),
    ]).toEqual([['k', 'INTEGER']]);
  });
});
