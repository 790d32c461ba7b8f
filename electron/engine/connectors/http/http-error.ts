import { ConnectorError } from '../../external/types';
import type { ErrorCode } from '../../../../shared/error-codes';
import type { Said } from '../../../../shared/messages/diagnostic-messages';

/**
 * An HTTP source that cannot proceed. The message names the request (the
 * page and the URL, with secret values replaced by ***) so it stands on its
 * own; `param` names the node param to look at.
 */
export class HttpSourceError extends ConnectorError {
  constructor(said: Said, param?: string);
  constructor(code: ErrorCode, message: string, param?: string);
  constructor(what: ErrorCode | Said, text?: string, param?: string) {
    if (typeof what === 'string') super(what, text ?? '', { param: param ?? 'url' });
    else super(what, { param: text ?? 'url' });
    this.name = 'HttpSourceError';
  }
}
