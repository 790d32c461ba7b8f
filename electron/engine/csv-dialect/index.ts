export { detectCsvDialect } from './detect';
