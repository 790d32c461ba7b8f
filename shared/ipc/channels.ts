import type { EventName, OperationName } from './contract';

/**
 * Electron IPC channel names, one place for the preload and main: every
 * channel carries our prefix, so nothing else can be reached through the bridge.
 */
export const invokeChannel = (op: OperationName): string => `duto:${op}`;
export const eventChannel = (event: EventName): string => `duto:event:${event}`;
