/** The engine host: the API's handlers in plain Node (no electron), shared by both shells. */
export { createDispatch, describeIssues, type Dispatch, type Handler, type Handlers } from './dispatch';
export { createEngineHost, type Emit, type EngineHost, type EngineHostOptions } from './engine-host';
export { createFileOps, MAX_READ_BYTES } from './file-ops';
export { createHost, type Host, type HostOptions, type ShellOperation } from './host';
export { HostError, hostError, toIpcError } from './host-error';
export { defaultUserDataDir } from './user-data-dir';
