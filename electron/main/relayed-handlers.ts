import {
  failedReplySchema,
  operationSchemas,
  succeededReplySchema,
  type OperationName,
} from '../../shared/ipc/contract';
import type { Handler } from '../host/dispatch';
import { describeIssues } from '../host/dispatch';
import { HostError, hostError } from '../host/host-error';
import { said } from '../../shared/messages/diagnostic-messages';
import type { EngineRelay } from './engine-relay';

/**
 * A handler that answers by asking the engine host process: its failure
 * comes back as the same error, its value is checked against the contract
 * here too (the host process is separate, so main does not trust it blindly).
 */

export function relayed<K extends OperationName>(op: K, relay: EngineRelay): Handler<K> {
  return async (request) => {
    const raw = await relay.call(op, request);
    const failed = failedReplySchema.safeParse(raw);
    if (failed.success) throw new HostError(failed.data.error);
    const succeeded = succeededReplySchema.safeParse(raw);
    if (!succeeded.success) throw hostError(said('internal/malformed-reply', { operation: op }));
    const value = operationSchemas[op].response.safeParse(succeeded.data.value);
    if (!value.success)
      throw hostError(said('internal/invalid-response', { operation: op, detail: describeIssues(value.error) }));
    return value.data;
  };
}
