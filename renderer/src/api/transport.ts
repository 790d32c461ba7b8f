import type { EventName, OperationName } from '../../../shared/ipc/contract';

/** How a shell carries calls and events; what they carry is checked by `fromTransport` (client.ts). */
export type Call = (name: OperationName, request: unknown) => Promise<unknown>;
export type Subscribe = (event: EventName, listener: (payload: unknown) => void) => () => void;
