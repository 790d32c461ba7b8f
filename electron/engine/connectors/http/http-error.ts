import { ConnectorError } from '../../external/types';
import type { ErrorCode } from '../../../../shared/error-codes';

/**
 * An HTTP source that cannot proceed. The message names the request (the
 * page and the URL, with secret values replaced by ***) so it stands on its
 * own; `param` names the node param to look at.
 */
export class HttpSourceError extends ConnectorError {
  constructor(code: ErrorCode, message: string, param = 'url') {
    super(code, message, { param });
    this.name = 'HttpSourceError';
  }
}
