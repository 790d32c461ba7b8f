/** The engine host: the API's handlers in plain Node (no electron), shared by both shells. */
export type { Dispatch, Handlers } from './dispatch';
export { createHost, type Host, type ShellOperation } from './host';
export { defaultUserDataDir } from './user-data-dir';
