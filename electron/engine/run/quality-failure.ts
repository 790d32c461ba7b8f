import type { Diagnostic } from '../../../shared/diagnostics';

/** A check that failed and stops the run: every failed check reported. */
export class QualityFailure extends Error {
  constructor(readonly failures: Diagnostic[]) {
    super('a data check failed');
    this.name = 'QualityFailure';
  }
}
