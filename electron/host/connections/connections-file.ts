import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import {
  CONNECTIONS_FORMAT,
  connectionsFileSchema,
  type ConnectionsFile,
} from '../../../shared/connections/connection';
import { DutoError } from '../../../shared/diagnostics';
import { readConnectionsFile } from '../../engine/connections/lookup';
import { writeFileAtomic } from '../atomic-write';
import { fsError } from '../fs-errors';
import { describeIssues } from '../dispatch';
import { hostError } from '../host-error';

/**
 * The user's connections file as the manager edits it: the very file the
 * CLI reads (userConnectionsFile()). Changes are read-modify-write, one at a
 * time, validated before they are written atomically; a file the user broke
 * by hand is reported, never overwritten.
 */
export interface ConnectionsFileStore {
  readonly path: string;
  /** The file's content; an empty set of connections when there is no file yet. */
  read(): ConnectionsFile;
  update(change: (file: ConnectionsFile) => ConnectionsFile): Promise<ConnectionsFile>;
}

export function emptyConnectionsFile(): ConnectionsFile {
  return { format: CONNECTIONS_FORMAT, version: 1, connections: {} };
}

export function createConnectionsFileStore(path: string): ConnectionsFileStore {
  let queue: Promise<unknown> = Promise.resolve();

  const read = (): ConnectionsFile => {
    if (!existsSync(path)) return emptyConnectionsFile();
    try {
      return readConnectionsFile(path);
    } catch (e) {
      if (e instanceof DutoError)
        throw hostError(
          'connections.file-invalid',
          `${e.diagnostics.map((d) => d.message).join('; ')} (fix or remove ${path})`,
        );
      throw e;
    }
  };

  const update = (change: (file: ConnectionsFile) => ConnectionsFile): Promise<ConnectionsFile> => {
    const next = queue.then(async () => {
      const checked = connectionsFileSchema.safeParse(change(read()));
      if (!checked.success)
        throw hostError('connections.invalid', `the connection is not valid: ${describeIssues(checked.error)}`);
      try {
        await mkdir(dirname(path), { recursive: true });
        await writeFileAtomic(path, JSON.stringify(checked.data, null, 2) + '\n');
      } catch (e) {
        throw fsError(e, path, 'write the connections file');
      }
      return checked.data;
    });
    queue = next.catch(() => undefined);
    return next;
  };

  return { path, read, update };
}
