/**
 * The Duto engine: plain Node, used in-process by the CLI and the tests and
 * behind IPC by the app. It never imports electron.
 */
export * from './api';
export { openPipeline } from './session';
export { loadPipelineFile } from './bind/load-file';
