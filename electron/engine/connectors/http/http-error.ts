import { ConnectorError } from '../../external/types';
import type { Said } from '../../../../shared/messages/diagnostic-messages';

/**
 * An HTTP source that cannot proceed. The message names the request (the
 * page and the URL, with secret values replaced by ***) so it stands on its
 * own; `param` names the node param to look at.
 */
export class HttpSourceError extends ConnectorError {
  constructor(said: Said, param = 'url') {
    super(said, { param });
    this.name = 'HttpSourceError';
  }
}
