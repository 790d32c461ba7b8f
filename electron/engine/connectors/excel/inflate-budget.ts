import { Transform, type TransformCallback } from 'node:stream';
import { ExcelError } from './excel-error';
import { byteSize, count, type ExcelLimits } from './limits';
import { said } from '../../../../shared/messages/diagnostic-messages';

/**
 * The zip-bomb defence: what a read may inflate, checked twice. Before a
 * part is opened, against the sizes the zip directory declares (the
 * 5.7 MB file with a 1.9 GB shared-strings part is refused there, having
 * inflated nothing); then while it inflates, chunk by chunk, against what
 * it really produces, since a hostile directory can lie.
 */

/** Parts whose content is kept whole (workbook, relationships, styles) get the smaller cap. */
export type PartKind = 'index' | 'stream';

export class InflateBudget {
  private constructor(
    readonly file: string,
    readonly limits: ExcelLimits,
    private inflated: number,
  ) {}

  static start(file: string, limits: ExcelLimits): InflateBudget {
    return new InflateBudget(file, limits, 0);
  }

  /** A budget for one read of a sheet, counting on from what opening the workbook inflated. */
  fork(): InflateBudget {
    return new InflateBudget(this.file, this.limits, this.inflated);
  }

  /** Refuses a part whose declared sizes already pass a limit, before any of it is inflated. */
  admit(part: string, kind: PartKind, sizes: { compressed: number; declared: number }): void {
    const cap = this.capOf(kind);
    if (sizes.declared > cap) throw this.tooBig(part, kind, sizes.declared, 'would inflate to');
    const ratio = sizes.declared / Math.max(1, sizes.compressed);
    if (sizes.declared > this.limits.ratioGraceBytes && ratio > this.limits.maxRatio)
      throw this.expands(part, sizes.compressed, sizes.declared, ratio);
    if (this.inflated + sizes.declared > this.limits.maxTotalBytes) throw this.tooMuch(part);
  }

  /**
   * Transforms that count a part's compressed bytes going into the inflater
   * and its inflated bytes coming out, failing the stream at the first
   * limit passed. Counting what went in (rather than the part's whole
   * compressed size) catches a bomb within its first megabytes.
   */
  meter(part: string, kind: PartKind, declared: number): { compressed: Transform; inflated: Transform } {
    let compressed = 0;
    let inflated = 0;
    const check = (n: number): ExcelError | undefined => {
      inflated += n;
      this.inflated += n;
      if (inflated > this.capOf(kind)) return this.tooBig(part, kind, inflated, 'inflates to more than');
      const ratio = inflated / Math.max(1, compressed);
      if (inflated > this.limits.ratioGraceBytes && ratio > this.limits.maxRatio)
        return this.expands(part, compressed, inflated, ratio);
      if (inflated > declared) {
        return new ExcelError(said('excel.damaged/inflates', { file: this.file, part, size: byteSize(declared) }), {
          param: 'path',
          file: this.file,
        });
      }
      if (this.inflated > this.limits.maxTotalBytes) return this.tooMuch(part);
      return undefined;
    };
    return {
      compressed: new Transform({
        transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
          compressed += chunk.length;
          done(null, chunk);
        },
      }),
      inflated: new Transform({
        transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
          const refused = check(chunk.length);
          if (refused === undefined) done(null, chunk);
          else done(refused);
        },
      }),
    };
  }

  private capOf(kind: PartKind): number {
    return kind === 'index' ? this.limits.maxIndexPartBytes : this.limits.maxPartBytes;
  }

  private tooBig(part: string, kind: PartKind, bytes: number, verb: string): ExcelError {
    const what = kind === 'index' ? 'an index part (workbook, relationships, styles)' : 'one part';
    return limitError(
      this.file,
      `its part ${part} ${verb} ${byteSize(bytes)}, over the ${byteSize(this.capOf(kind))} Duto inflates for ${what}`,
    );
  }

  private expands(part: string, compressed: number, inflated: number, ratio: number): ExcelError {
    return limitError(
      this.file,
      `its part ${part} expands ${count(Math.floor(ratio))} times (${byteSize(compressed)} to ${byteSize(inflated)}), over the ${count(this.limits.maxRatio)} times Duto allows a part: a zip bomb, or a damaged file`,
    );
  }

  private tooMuch(part: string): ExcelError {
    return limitError(
      this.file,
      `reading it inflates more than ${byteSize(this.limits.maxTotalBytes)} in all (reached at part ${part}), the most Duto inflates for one read`,
    );
  }
}

export function limitError(file: string, why: string): ExcelError {
  return new ExcelError(said('excel.limit', { place: file, detail: why }), { param: 'path', file });
}
