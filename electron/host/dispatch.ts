import type { z } from 'zod';
import { formatPath } from '../../shared/format/parse';
import {
  isOperationName,
  operationSchemas,
  type OperationName,
  type ParsedRequest,
  type Reply,
  type Response,
} from '../../shared/ipc/contract';
import { toIpcError } from './host-error';

/**
 * One table of handlers, one per operation of the contract; `dispatch`
 * validates what comes in, calls the handler and validates what goes out.
 * A response that fails its schema is our bug: it is reported as `internal`
 * rather than sent to a renderer that would trust it.
 */

export type Handler<K extends OperationName> = (request: ParsedRequest<K>) => Promise<Response<K>>;
export type Handlers = { [K in OperationName]: Handler<K> };

export type Dispatch = (name: string, raw: unknown) => Promise<Reply<OperationName>>;

/** What is wrong with a value, naming the fields: `limit: Too big: expected number to be <=10000`. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `${i.path.length === 0 ? '(value)' : formatPath(i.path)}: ${i.message}`)
    .join('; ');
}

export function createDispatch(
  handlers: Handlers,
  onBug: (message: string) => void = (m) => console.error(m),
): Dispatch {
  async function run<K extends OperationName>(name: K, raw: unknown): Promise<Reply<K>> {
    const requestSchema = operationSchemas[name].request;
    const responseSchema = operationSchemas[name].response;
    const request = requestSchema.safeParse(raw);
    if (!request.success)
      return { ok: false, error: { code: 'request.invalid', message: `${name}: ${describeIssues(request.error)}` } };
    let value: unknown;
    try {
      const handler: Handler<K> = handlers[name];
      value = await handler(request.data);
    } catch (e) {
      return { ok: false, error: toIpcError(e) };
    }
    const response = responseSchema.safeParse(value);
    if (!response.success) {
      const message = `${name} produced an invalid response: ${describeIssues(response.error)}`;
      onBug(message);
      return { ok: false, error: { code: 'internal', message } };
    }
    return { ok: true, value: response.data };
  }
  return async (name, raw) => {
    if (!isOperationName(name))
      return { ok: false, error: { code: 'request.unknown-operation', message: `there is no operation "${name}"` } };
    return run(name, raw);
  };
}
