import type { Template } from './template';

/**
 * An Excel source's error cells (#N/A, #DIV/0!…), read as NULL: how many,
 * in which rows when not all were read, and the first few by address
 * (electron/engine/connectors/excel/rejected-cells.ts). One template per
 * count (one or many), scope, and whether more cells than those named.
 */

type T<E extends string, P extends string> = Readonly<{ en: E; 'pt-BR': P }>;

const ALL = { en: '', 'pt-BR': '' } as const;
const SAMPLE = { en: ' in the rows read to infer types', 'pt-BR': ' nas linhas lidas para inferir os tipos' } as const;
const FIRST = { en: ' in the first {rows} rows', 'pt-BR': ' nas primeiras {rows} linhas' } as const;

function one<E extends string, P extends string>(
  scope: T<E, P>,
): {
  en: `sheet "{sheet}" of {file} has an error cell${E}, read as NULL: {cells}`;
  'pt-BR': `a aba "{sheet}" de {file} tem uma célula com erro${P}, lida como NULL: {cells}`;
} {
  return {
    en: `sheet "{sheet}" of {file} has an error cell${scope.en}, read as NULL: {cells}`,
    'pt-BR': `a aba "{sheet}" de {file} tem uma célula com erro${scope['pt-BR']}, lida como NULL: {cells}`,
  };
}

function many<E extends string, P extends string>(
  scope: T<E, P>,
): {
  en: `sheet "{sheet}" of {file} has {count} error cells${E}, read as NULL: {cells}`;
  'pt-BR': `a aba "{sheet}" de {file} tem {count} células com erro${P}, lidas como NULL: {cells}`;
} {
  return {
    en: `sheet "{sheet}" of {file} has {count} error cells${scope.en}, read as NULL: {cells}`,
    'pt-BR': `a aba "{sheet}" de {file} tem {count} células com erro${scope['pt-BR']}, lidas como NULL: {cells}`,
  };
}

function andMore<E extends string, P extends string>(
  t: T<E, P>,
): { en: `${E}, and {more} more`; 'pt-BR': `${P} e mais {more}` } {
  return { en: `${t.en}, and {more} more`, 'pt-BR': `${t['pt-BR']} e mais {more}` };
}

export const ERROR_CELLS_MESSAGES = {
  'excel.error-cells/one': one(ALL),
  'excel.error-cells/one-sample': one(SAMPLE),
  'excel.error-cells/one-first': one(FIRST),
  'excel.error-cells/many': many(ALL),
  'excel.error-cells/many-sample': many(SAMPLE),
  'excel.error-cells/many-first': many(FIRST),
  'excel.error-cells/many-more': andMore(many(ALL)),
  'excel.error-cells/many-sample-more': andMore(many(SAMPLE)),
  'excel.error-cells/many-first-more': andMore(many(FIRST)),
} as const satisfies Record<string, Template>;
