export { detectCsvDialect, guessFromBytes } from './detect';
export { describeDialect } from './describe';
