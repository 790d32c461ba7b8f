import type { SourceWarning } from '../../external/types';
import { renderMessage, said } from '../../../../shared/messages/diagnostic-messages';

/**
 * The warning of a database source with numbers of no declared precision
 * (PostgreSQL's unconstrained numeric): they read as DOUBLE, so sums work at
 * design time, and the user is told what it costs.
 */
export function approximateWarnings(columns: readonly string[], param: string): SourceWarning[] {
  if (columns.length === 0) return [];
  const s = said('source.approximate', { columns: columns.join(', ') });
  return [{ code: 'source.approximate', message: renderMessage(s.key, s.args, 'en') ?? '', said: s, param }];
}
