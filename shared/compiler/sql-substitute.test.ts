import { describe, expect, it } from 'vitest';
import { substituteSql, type ParamType } from './sql-substitute';

const values = new Map([
  ['s', "it's; DROP"],
  ['n', '42'],
  ['b', 'TRUE'],
  ['tag', 'a$q$b'],
  ['bs', 'x\\'],
]);
const types = new Map<string, ParamType>([
  ['n', 'number'],
  ['b', 'boolean'],
]);
const sub = (text: string) => substituteSql(text, values, types);

describe('${param} in SQL is a value', () => {
  it('is a literal in code: quoted text, or a number / boolean when the default is one', () => {
    expect(sub('a = ${s} AND n > ${n} AND ok = ${b}').text).toBe("a = 'it''s; DROP' AND n > 42 AND ok = true");
  });

  it('inside quotes, the value with that quote doubled', () => {
    expect(sub('a = \'${s}\' AND "${s}" = 1').text).toBe("a = 'it''s; DROP' AND \"it's; DROP\" = 1");
    expect(sub("a = 'pre ${n} post'").text).toBe("a = 'pre 42 post'");
  });

  it('doubles backslashes in E strings, where they escape', () => {
    expect(sub("a = E'${bs}'").text).toBe("a = E'x\\\\'");
    expect(sub("a = '${bs}'").text).toBe("a = 'x\\'");
  });

  it('leaves comments alone, and $${ is a literal ${', () => {
    expect(sub('a = 1 -- ${s}\n/* ${s} /* nested */ ${s} */ AND b = $${s}').text).toBe(
      'a = 1 -- ${s}\n/* ${s} /* nested */ ${s} */ AND b = ${s}',
    );
    expect(sub('a = 1 -- ${nope}').unknown).toEqual([]);
  });

  it('refuses a value that would close its dollar quote', () => {
    const r = substituteSql('a = $q$${tag}$q$', values, types);
    expect(r.problems).toEqual([{ key: 'param.value/ends-string', args: { name: 'tag', tag: '$q$' } }]);
    expect(r.text).toBe('a = $q$ab$q$');
  });

  it('reports unknown names and values of the wrong type', () => {
    expect(sub('a = ${missing}').unknown).toEqual(['missing']);
    expect(substituteSql('n > ${n}', new Map([['n', '1; DROP']]), types).problems).toEqual([
      { key: 'param.value/number', args: { name: 'n', value: '1; DROP' } },
    ]);
    expect(substituteSql('x = ${b}', new Map([['b', 'yes']]), types).problems).toEqual([
      { key: 'param.value/boolean', args: { name: 'b', value: 'yes' } },
    ]);
  });
});
