import type { CompileContext, CsvDialectGuess, NodeIssue } from './node-type';

/** A CSV dialect with every part decided. */
export type CsvDialect = Omit<CsvDialectGuess, 'warnings' | 'description'>;

/** RFC 4180 with a header: what a source reads when nothing is said and nothing can be detected. */
export const RFC4180: CsvDialect = {
  encoding: 'utf-8',
  delimiter: ',',
  quote: '"',
  escape: '"',
  header: true,
  skipRows: 0,
  decimal: '.',
  thousands: '',
  dateFormat: null,
  timestampFormat: null,
  comment: '',
};

const DIALECT_KEYS: ReadonlyArray<keyof CsvDialect> = [
  'encoding',
  'delimiter',
  'quote',
  'escape',
  'header',
  'skipRows',
  'decimal',
  'thousands',
  'dateFormat',
  'timestampFormat',
  'comment',
];

interface DialectParams {
  delimiter?: string | undefined;
  quote?: string | undefined;
  escape?: string | undefined;
  header?: boolean | undefined;
  skipRows?: number | undefined;
  encoding?: CsvDialect['encoding'] | undefined;
  decimal?: CsvDialect['decimal'] | undefined;
  thousands?: CsvDialect['thousands'] | undefined;
  dateFormat?: string | undefined;
  timestampFormat?: string | undefined;
  comment?: string | undefined;
}

/**
 * The dialect a CSV source reads: each param given wins; the rest come from
 * the engine's detection on the (first) file, else RFC 4180. An implausible
 * detection is a warning on the node, never silence.
 */
export function csvDialectOf(
  ctx: Pick<CompileContext<unknown>, 'csvDialect'>,
  o: DialectParams,
  file: string | undefined,
): { dialect: CsvDialect; issues: NodeIssue[]; detectedAny: boolean; detected?: DetectedParams } {
  const given: Partial<CsvDialect> = {
    ...(o.delimiter === undefined ? {} : { delimiter: o.delimiter }),
    ...(o.quote === undefined ? {} : { quote: o.quote }),
    ...(o.escape === undefined ? {} : { escape: o.escape }),
    ...(o.header === undefined ? {} : { header: o.header }),
    ...(o.skipRows === undefined ? {} : { skipRows: o.skipRows }),
    ...(o.encoding === undefined ? {} : { encoding: o.encoding }),
    ...(o.decimal === undefined ? {} : { decimal: o.decimal }),
    ...(o.thousands === undefined ? {} : { thousands: o.thousands }),
    // '' is said: no format (DuckDB's own date reading); only an absent format is detected.
    ...(o.dateFormat === undefined ? {} : { dateFormat: o.dateFormat === '' ? null : o.dateFormat }),
    ...(o.timestampFormat === undefined
      ? {}
      : { timestampFormat: o.timestampFormat === '' ? null : o.timestampFormat }),
    ...(o.comment === undefined ? {} : { comment: o.comment }),
  };
  const missing = DIALECT_KEYS.filter((k) => !(k in given));
  if (missing.length === 0 || file === undefined || ctx.csvDialect === undefined)
    return { dialect: { ...RFC4180, ...given }, issues: [], detectedAny: false };
  const guess = ctx.csvDialect(file);
  if (guess === undefined) return { dialect: { ...RFC4180, ...given }, issues: [], detectedAny: false };
  if ('problem' in guess)
    return {
      dialect: { ...RFC4180, ...given },
      issues: [{ param: 'path', message: guess.problem }],
      detectedAny: false,
    };
  const { warnings, description, ...found } = guess;
  // Only what was left out is taken from the detection.
  const picked: Partial<CsvDialect> = {};
  for (const k of missing) Object.assign(picked, { [k]: found[k] });
  const issues: NodeIssue[] = warnings.map((w) => ({
    param: 'path',
    severity: 'warning',
    message: `the detected dialect looks wrong: ${w}`,
  }));
  return {
    dialect: { ...RFC4180, ...picked, ...given },
    issues,
    detectedAny: true,
    detected: { params: asParams(picked), description },
  };
}

/** What the engine detected for the params left out, as param values (a format left undetected is the empty string), and in words. */
export interface DetectedParams {
  params: Record<string, string | number | boolean>;
  description: string;
}

function asParams(picked: Partial<CsvDialect>): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const [k, v] of Object.entries(picked)) out[k] = v ?? '';
  return out;
}
