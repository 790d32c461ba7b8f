// The app's folders are made as the engine makes its own (see there: Node 20's recursive mkdir can loop).
export { makeFolder } from '../engine/files/make-folder';
