import { DutoError, type error } from '../../../shared/diagnostics';

/** The table folder every Delta diagnostic names. */
export function deltaFailure(diagnostic: ReturnType<typeof error>): DutoError {
  return new DutoError([diagnostic]);
}
